import type { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS, type MetricKey } from '#domain/metrics';

/**
 * Emitting catalogue metrics. Logic modules depend on the {@link MetricSink} port (easy to record in
 * tests); handlers pass {@link powertoolsMetricSink}, which writes EMF through Powertools.
 */

/** Where logic modules send metrics: by catalogue key only, so names and units cannot drift. */
export interface MetricSink {
  emit(key: MetricKey, value: number, dimensions?: Readonly<Record<string, string>>): void;
}

/** Raised when a metric is emitted with dimensions other than its catalogue entry declares. */
export class MetricDimensionsError extends Error {
  constructor(
    readonly key: MetricKey,
    readonly expected: readonly string[],
    readonly given: readonly string[],
  ) {
    super(`metric ${key} takes dimensions [${expected.join(', ')}], got [${given.join(', ')}]`);
    this.name = 'MetricDimensionsError';
  }
}

/** Checks that `dimensions` are exactly those the catalogue declares for `key`. */
export function assertCatalogueDimensions(
  key: MetricKey,
  dimensions: Readonly<Record<string, string>> = {},
): void {
  const expected = METRICS[key].dimensions;
  const given = Object.keys(dimensions);
  if (given.length !== expected.length || !expected.every((name) => given.includes(name))) {
    throw new MetricDimensionsError(key, expected, given);
  }
}

/**
 * A sink over a Powertools Metrics instance. Metrics without dimensions of their own are buffered and
 * flushed by the `logMetrics` middleware; one with dimensions goes out at once as a single metric, so
 * its dimensions do not leak onto the others.
 */
export function powertoolsMetricSink(metrics: Metrics): MetricSink {
  return {
    emit(key, value, dimensions = {}) {
      assertCatalogueDimensions(key, dimensions);
      const definition = METRICS[key];
      if (definition.dimensions.length === 0) {
        metrics.addMetric(definition.name, definition.unit, value);
        return;
      }
      const single = metrics.singleMetric();
      for (const name of definition.dimensions) {
        single.addDimension(name, dimensions[name] ?? '');
      }
      single.addMetric(definition.name, definition.unit, value);
    },
  };
}

/** One emitted metric, as {@link recordingMetricSink} keeps it. */
export interface RecordedMetric {
  readonly key: MetricKey;
  readonly value: number;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A sink that keeps what it receives, for tests to inspect; it checks dimensions as the Powertools sink does. */
export function recordingMetricSink(): MetricSink & { readonly recorded: RecordedMetric[] } {
  const recorded: RecordedMetric[] = [];
  return {
    recorded,
    emit(key, value, dimensions = {}) {
      assertCatalogueDimensions(key, dimensions);
      recorded.push({ key, value, dimensions: { ...dimensions } });
    },
  };
}
