import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** Metrics one CloudWatch alarm's math expression may reference. */
const MAX_ALARM_METRICS = 10;

/** Namespace of the metrics Amazon Connect publishes itself. */
export const CONNECT_NAMESPACE = 'AWS/Connect';

export interface ConnectMetricsProps {
  /** Instance id (the `InstanceId` dimension), not the ARN. */
  readonly instanceId: string;
  /** Name of the listeners' queue (the `QueueName` dimension). */
  readonly queueName: string;
  /** Names of the line's contact flows (the `ContactFlowName` dimension). */
  readonly contactFlowNames: readonly string[];
}

/**
 * Amazon Connect's own CloudWatch metrics for the line, with the dimensions the Connect admin guide
 * documents ("Monitoring your instance using CloudWatch"): instance metrics by InstanceId (+ MetricGroup
 * VoiceCalls), flow metrics by ContactFlowName (MetricGroup ContactFlow), queue metrics by QueueName.
 */
export class ConnectMetrics {
  constructor(private readonly props: ConnectMetricsProps) {}

  private metric(
    metricName: string,
    dimensionsMap: Record<string, string>,
    statistic: string,
    period: Duration,
  ) {
    return new cloudwatch.Metric({
      namespace: CONNECT_NAMESPACE,
      metricName,
      dimensionsMap: { InstanceId: this.props.instanceId, ...dimensionsMap },
      statistic,
      period,
    });
  }

  /** Calls not answered by a listener within 20 s. */
  public missedCalls(period = Duration.minutes(5)): cloudwatch.Metric {
    return this.metric('MissedCalls', { MetricGroup: 'VoiceCalls' }, 'Sum', period);
  }

  /** Calls refused because the instance's concurrent-calls quota was reached (dimension InstanceId only). */
  public callsBreachingConcurrencyQuota(period = Duration.minutes(5)): cloudwatch.Metric {
    return this.metric('CallsBreachingConcurrencyQuota', {}, 'Sum', period);
  }

  /** Error branches taken, one metric per flow. */
  public contactFlowErrors(period = Duration.minutes(5)): cloudwatch.Metric[] {
    return this.props.contactFlowNames.map((flowName) =>
      this.metric(
        'ContactFlowErrors',
        { MetricGroup: 'ContactFlow', ContactFlowName: flowName },
        'Sum',
        period,
      ),
    );
  }

  /** Error branches taken across every flow of the line. */
  public contactFlowErrorsTotal(period = Duration.minutes(5)): cloudwatch.MathExpression {
    const usingMetrics = Object.fromEntries(
      this.contactFlowErrors(period).map((metric, index) => [`flow${index}`, metric]),
    );
    const ids = Object.keys(usingMetrics);
    if (ids.length > MAX_ALARM_METRICS) {
      throw new RangeError(
        `${ids.length} contact flows exceed the ${MAX_ALARM_METRICS} metrics a CloudWatch alarm expression may use`,
      );
    }
    return new cloudwatch.MathExpression({
      expression: ids.length > 0 ? ids.map((metricId) => `FILL(${metricId}, 0)`).join(' + ') : '0',
      usingMetrics,
      period,
      label: 'Contact flow errors (all flows)',
    });
  }

  public queueSize(period = Duration.minutes(1)): cloudwatch.Metric {
    return this.metric(
      'QueueSize',
      { MetricGroup: 'Queue', QueueName: this.props.queueName },
      'Maximum',
      period,
    );
  }

  public longestQueueWaitTime(period = Duration.minutes(1)): cloudwatch.Metric {
    return this.metric(
      'LongestQueueWaitTime',
      { MetricGroup: 'Queue', QueueName: this.props.queueName },
      'Maximum',
      period,
    );
  }
}
