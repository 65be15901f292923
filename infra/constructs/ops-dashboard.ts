import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PartnerConfig } from '#domain/partners';
import { catalogueMetric, catalogueSearch, missedCallRatePercent } from './catalogue-metrics';
import type { ConnectMetrics } from './connect-metrics';
import type { LineFunction } from './line-function';

export interface OpsDashboardProps {
  readonly functions: readonly LineFunction[];
  readonly deadLetterQueues: readonly sqs.IQueue[];
  readonly partners: readonly PartnerConfig[];
  readonly connectMetrics: ConnectMetrics;
}

const HOUR = Duration.hours(1);
const WIDE = 12;
const THIRD = 8;
const HEIGHT = 6;

/**
 * The one ops dashboard of the line. Custom series come from the metrics catalogue only; AWS series
 * from the functions, queues and the Connect instance the line actually has.
 */
export class OpsDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const { connectMetrics } = props;
    const byPartner = (
      key: 'callbacksOpen' | 'callbacksOverdue' | 'callbackTimeToClose',
      statistic: string,
    ) =>
      props.partners.map((partner) =>
        catalogueMetric(key, {
          dimensions: { partnerId: partner.id },
          statistic,
          period: HOUR,
          label: partner.name,
        }),
      );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown:
              '# Un premier pas : exploitation\nAppels (heures d’ouverture), rappels des partenaires, files mortes, fonctions et Amazon Connect.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Calls received, answered and missed',
            width: WIDE,
            height: HEIGHT,
            left: [
              catalogueMetric('callsReceived', { statistic: 'Sum', period: HOUR, label: 'Received' }),
              catalogueMetric('callsAnswered', { statistic: 'Sum', period: HOUR, label: 'Answered' }),
              catalogueMetric('callsMissedInQueue', {
                statistic: 'Sum',
                period: HOUR,
                label: 'Missed in queue',
              }),
              catalogueMetric('callsAbandonedInIvr', {
                statistic: 'Sum',
                period: HOUR,
                label: 'Hung up before queue',
              }),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: '% of queued calls missed',
            width: WIDE,
            height: HEIGHT,
            left: [missedCallRatePercent(HOUR)],
            leftYAxis: { min: 0, max: 100, label: '%', showUnits: false },
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Wait before a listener (p50, p90)',
            width: THIRD,
            height: HEIGHT,
            left: [
              catalogueMetric('waitSeconds', { statistic: 'p50', period: HOUR, label: 'Wait p50' }),
              catalogueMetric('waitSeconds', { statistic: 'p90', period: HOUR, label: 'Wait p90' }),
            ],
            leftYAxis: { min: 0, label: 'seconds', showUnits: false },
          }),
          new cloudwatch.GraphWidget({
            title: 'Talk time',
            width: THIRD,
            height: HEIGHT,
            left: [
              catalogueMetric('talkSeconds', { statistic: 'Average', period: HOUR, label: 'Talk average' }),
              catalogueMetric('talkSeconds', { statistic: 'p90', period: HOUR, label: 'Talk p90' }),
            ],
            leftYAxis: { min: 0, label: 'seconds', showUnits: false },
          }),
          new cloudwatch.GraphWidget({
            title: 'Out-of-hours calls by hour of day (Paris)',
            width: THIRD,
            height: HEIGHT,
            view: cloudwatch.GraphWidgetView.BAR,
            setPeriodToTimeRange: true,
            left: [catalogueSearch('callsOutOfHours', 'Sum', HOUR)],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Callbacks open by partner',
            width: THIRD,
            height: HEIGHT,
            left: byPartner('callbacksOpen', 'Maximum'),
          }),
          new cloudwatch.GraphWidget({
            title: 'Callbacks overdue by partner',
            width: THIRD,
            height: HEIGHT,
            left: byPartner('callbacksOverdue', 'Maximum'),
          }),
          new cloudwatch.GraphWidget({
            title: 'Callback time to close by partner (average)',
            width: THIRD,
            height: HEIGHT,
            left: byPartner('callbackTimeToClose', 'Average'),
            leftYAxis: { min: 0, label: 'seconds', showUnits: false },
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queues (messages waiting)',
            width: WIDE,
            height: HEIGHT,
            left: props.deadLetterQueues.map((queue) =>
              queue.metricApproximateNumberOfMessagesVisible({
                statistic: 'Maximum',
                period: Duration.minutes(5),
                label: queue.node.path,
              }),
            ),
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda errors',
            width: WIDE,
            height: HEIGHT,
            left: props.functions.map((lineFunction) =>
              lineFunction.function.metricErrors({
                period: Duration.minutes(5),
                label: lineFunction.node.id,
              }),
            ),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Lambda duration p99',
            width: WIDE,
            height: HEIGHT,
            left: props.functions.map((lineFunction) =>
              lineFunction.function.metricDuration({
                statistic: 'p99',
                period: Duration.minutes(5),
                label: lineFunction.node.id,
              }),
            ),
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda throttles',
            width: WIDE,
            height: HEIGHT,
            left: props.functions.map((lineFunction) =>
              lineFunction.function.metricThrottles({
                period: Duration.minutes(5),
                label: lineFunction.node.id,
              }),
            ),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Amazon Connect: missed calls and concurrency quota',
            width: THIRD,
            height: HEIGHT,
            left: [connectMetrics.missedCalls(), connectMetrics.callsBreachingConcurrencyQuota()],
          }),
          new cloudwatch.GraphWidget({
            title: 'Amazon Connect: contact flow errors',
            width: THIRD,
            height: HEIGHT,
            left: connectMetrics.contactFlowErrors(),
          }),
          new cloudwatch.GraphWidget({
            title: 'Amazon Connect: queue size and longest wait',
            width: THIRD,
            height: HEIGHT,
            left: [connectMetrics.queueSize()],
            right: [connectMetrics.longestQueueWaitTime()],
            rightYAxis: { min: 0, label: 'seconds', showUnits: false },
          }),
        ],
      ],
    });
  }
}
