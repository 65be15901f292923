import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS, METRICS_NAMESPACE, type MetricKey, SERVICE_NAME } from '#domain/metrics';

/** Raised when a dashboard or alarm asks for a metric with dimensions the catalogue does not give it. */
export class CatalogueDimensionsError extends Error {
  constructor(key: MetricKey, expected: readonly string[], given: readonly string[]) {
    super(`metric ${key} has dimensions [${expected.join(', ')}], not [${given.join(', ')}]`);
    this.name = 'CatalogueDimensionsError';
  }
}

export interface CatalogueMetricOptions {
  /** Values of the entry's own dimensions (all of them); `service` is added. */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic: string;
  readonly period: Duration;
  readonly label?: string;
}

/**
 * A CloudWatch metric for one entry of the metrics catalogue (`domain/metrics.ts`):
 * its name, namespace and the `service` dimension come from the catalogue, never from a literal, and
 * the dimensions asked for must be exactly the entry's, so a dashboard cannot graph a series that
 * no function emits.
 */
export function catalogueMetric(key: MetricKey, options: CatalogueMetricOptions): cloudwatch.Metric {
  const entry = METRICS[key];
  const given = Object.keys(options.dimensions ?? {});
  const expected: readonly string[] = entry.dimensions;
  if (given.length !== expected.length || !expected.every((name) => given.includes(name))) {
    throw new CatalogueDimensionsError(key, expected, given);
  }
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: entry.name,
    dimensionsMap: { service: SERVICE_NAME, ...options.dimensions },
    statistic: options.statistic,
    period: options.period,
    label: options.label ?? entry.description,
  });
}

/**
 * A CloudWatch SEARCH over every value of one dimension of a catalogue entry, for series whose
 * values are open-ended (the Paris hour of out-of-hours calls).
 */
export function catalogueSearch(
  key: MetricKey,
  statistic: string,
  period: Duration,
): cloudwatch.MathExpression {
  const entry = METRICS[key];
  const dimensionNames = ['service', ...entry.dimensions].sort().join(',');
  return new cloudwatch.MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${dimensionNames}} MetricName="${entry.name}" service="${SERVICE_NAME}"', '${statistic}', ${period.toSeconds()})`,
    period,
    label: entry.description,
    usingMetrics: {},
  });
}

/**
 * Share of queued calls that were missed, in percent: missed in queue / (answered + missed in queue).
 * Only queued calls count, and calls only queue while the line is open, so closed hours never weigh in.
 */
export function missedCallRatePercent(period: Duration): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: 'IF((answered + missed) > 0, 100 * missed / (answered + missed), 0)',
    usingMetrics: {
      answered: catalogueMetric('callsAnswered', { statistic: 'Sum', period }),
      missed: catalogueMetric('callsMissedInQueue', { statistic: 'Sum', period }),
    },
    period,
    label: '% of queued calls missed',
  });
}
