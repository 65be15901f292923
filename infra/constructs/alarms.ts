import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PartnerConfig } from '#domain/partners';
import { catalogueMetric, missedCallRatePercent } from './catalogue-metrics';
import type { ConnectMetrics } from './connect-metrics';
import type { LineFunction } from './line-function';

export interface LineAlarmsProps {
  readonly topic: sns.ITopic;
  readonly functions: readonly LineFunction[];
  readonly deadLetterQueues: readonly sqs.IQueue[];
  readonly partners: readonly PartnerConfig[];
  readonly connectMetrics: ConnectMetrics;
  /** Missed-call rate (0..1) of queued calls above which the line alarms. */
  readonly missedCallRateThreshold: number;
  /** Numbers one association may open in an hour before ops are alerted. */
  readonly openedNumbersPerHour: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The line's alarms, all to the SNS topic: a message in any DLQ, any overdue callback, contact flow
 * errors, Lambda errors per function, too many missed calls, and calls refused by Connect's
 * concurrency quota. No data means nothing happened, never an alarm.
 */
export class LineAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: LineAlarmsProps) {
    super(scope, id);
    if (!(props.missedCallRateThreshold > 0 && props.missedCallRateThreshold < 1)) {
      throw new RangeError(
        `missedCallRateThreshold ${props.missedCallRateThreshold} is not a rate in (0, 1)`,
      );
    }
    this.action = new actions.SnsAction(props.topic);

    for (const queue of props.deadLetterQueues) {
      this.add(`DeadLetters${queue.node.scope?.node.id ?? queue.node.id}`, {
        alarmDescription: `A message is waiting in ${queue.node.path}: something was not processed.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: FIVE_MINUTES,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    const overdue = Object.fromEntries(
      props.partners.map((partner) => [
        `overdue_${partner.id}`,
        catalogueMetric('callbacksOverdue', {
          dimensions: { partnerId: partner.id },
          statistic: 'Maximum',
          period: Duration.minutes(15),
        }),
      ]),
    );
    this.add('CallbacksOverdue', {
      alarmDescription: 'A callback request is past its due time at a partner association.',
      metric: new cloudwatch.MathExpression({
        expression: Object.keys(overdue)
          .map((metricId) => `FILL(${metricId}, 0)`)
          .join(' + '),
        usingMetrics: overdue,
        period: Duration.minutes(15),
        label: 'Overdue callbacks, all partners',
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    for (const partner of props.partners) {
      this.add(`NumbersOpened${partner.id}`, {
        alarmDescription: `${partner.name} opened more than ${props.openedNumbersPerHour} callback numbers in an hour: check the audit.`,
        metric: catalogueMetric('callbacksOpened', {
          dimensions: { partnerId: partner.id },
          statistic: 'Sum',
          period: Duration.hours(1),
        }),
        threshold: props.openedNumbersPerHour,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }

    this.add('ContactFlowErrors', {
      alarmDescription: 'A contact flow took an error branch: check the flow logs of the Connect instance.',
      metric: props.connectMetrics.contactFlowErrorsTotal(FIVE_MINUTES),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    for (const lineFunction of props.functions) {
      this.add(`${lineFunction.node.id}Errors`, {
        alarmDescription: `Function ${lineFunction.node.id} failed.`,
        metric: lineFunction.function.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    this.add('MissedCallRate', {
      alarmDescription: `More than ${props.missedCallRateThreshold * 100} % of queued calls were missed in the last hour.`,
      metric: missedCallRatePercent(Duration.hours(1)),
      threshold: props.missedCallRateThreshold * 100,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    this.add('CallsBreachingConcurrencyQuota', {
      alarmDescription:
        'Amazon Connect refused calls: the concurrent-calls quota of the instance is reached.',
      metric: props.connectMetrics.callsBreachingConcurrencyQuota(FIVE_MINUTES),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }

  private add(
    id: string,
    options: Pick<cloudwatch.AlarmProps, 'alarmDescription' | 'metric' | 'threshold' | 'comparisonOperator'>,
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...options,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
