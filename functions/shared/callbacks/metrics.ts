import type { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS, type MetricKey } from '../metrics';

/**
 * Emits one catalogue metric with its own dimensions (beyond the default `service`).
 * A single-metric EMF blob per call, so dimensions of one metric never leak into another.
 */
export function emitMetric(
  metrics: Metrics,
  key: MetricKey,
  value: number,
  dimensions: Readonly<Record<string, string>> = {},
): void {
  const definition = METRICS[key];
  const single = metrics.singleMetric();
  for (const dimension of definition.dimensions) {
    const dimensionValue = dimensions[dimension];
    if (dimensionValue === undefined) {
      throw new Error(`Metric ${definition.name} needs dimension ${dimension}`);
    }
    single.addDimension(dimension, dimensionValue);
  }
  single.addMetric(definition.name, definition.unit, value);
}
