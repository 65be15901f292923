/**
 * Reads the CloudWatch Embedded Metric Format documents Powertools Metrics prints to stdout, and
 * totals them by metric name, so the local line can show what the dashboard would show.
 */

/** Printed by Powertools for every invocation that emits no metric; noise on the local line. */
export const POWERTOOLS_EMPTY_METRICS_NOTICE = /^No application metrics to publish/;

export interface MetricTotal {
  readonly namespace: string;
  readonly name: string;
  readonly unit: string;
  /** Sum of every value emitted. */
  readonly sum: number;
  /** Number of values emitted. */
  readonly count: number;
  /** Sums per dimension set beyond `service`, keyed like `hour=21` or `partnerId=cidff94,outcome=reached`. */
  readonly byDimensions: Readonly<Record<string, number>>;
}

interface EmfDirective {
  Namespace?: string;
  Dimensions?: string[][];
  Metrics?: { Name?: string; Unit?: string }[];
}

/** Totals of EMF metrics, fed one stdout line (or one parsed document) at a time. */
export class MetricsSink {
  private readonly totalsByKey = new Map<string, { -readonly [K in keyof MetricTotal]: MetricTotal[K] }>();

  /** Records `line` when it is an EMF document; returns false (and records nothing) otherwise. */
  recordLine(line: string): boolean {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') || !trimmed.includes('"_aws"')) return false;
    try {
      return this.recordDocument(JSON.parse(trimmed) as Record<string, unknown>);
    } catch {
      return false;
    }
  }

  /** Records one parsed EMF document; returns false when it is not one. */
  recordDocument(document: Record<string, unknown>): boolean {
    const aws = document._aws as { CloudWatchMetrics?: EmfDirective[] } | undefined;
    if (aws === undefined || !Array.isArray(aws.CloudWatchMetrics)) return false;
    for (const directive of aws.CloudWatchMetrics) {
      const namespace = directive.Namespace ?? '';
      const dimensionNames = [...new Set((directive.Dimensions ?? []).flat())].filter(
        (name) => name !== 'service',
      );
      const dimensionKey = dimensionNames.map((name) => `${name}=${String(document[name])}`).join(',');
      for (const metric of directive.Metrics ?? []) {
        if (metric.Name === undefined) continue;
        const raw = document[metric.Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter(
          (value): value is number => typeof value === 'number',
        );
        const key = `${namespace}/${metric.Name}`;
        const total = this.totalsByKey.get(key) ?? {
          namespace,
          name: metric.Name,
          unit: metric.Unit ?? 'None',
          sum: 0,
          count: 0,
          byDimensions: {},
        };
        const sum = values.reduce((accumulated, value) => accumulated + value, 0);
        total.sum += sum;
        total.count += values.length;
        if (dimensionKey !== '') {
          const byDimensions = total.byDimensions as Record<string, number>;
          byDimensions[dimensionKey] = (byDimensions[dimensionKey] ?? 0) + sum;
        }
        this.totalsByKey.set(key, total);
      }
    }
    return true;
  }

  /** Every metric seen so far, sorted by name. */
  totals(): MetricTotal[] {
    return [...this.totalsByKey.values()]
      .map((total) => ({ ...total, byDimensions: { ...total.byDimensions } }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Sum of one metric by name (0 when never emitted). */
  sum(name: string): number {
    return this.totals()
      .filter((total) => total.name === name)
      .reduce((accumulated, total) => accumulated + total.sum, 0);
  }

  reset(): void {
    this.totalsByKey.clear();
  }
}

export interface StdoutCaptureOptions {
  /** What to do with EMF lines after recording them. @default 'drop' */
  readonly metrics?: 'pass' | 'drop';
  /** What to do with other JSON lines (Powertools logs): print, drop, or hand to a function. @default 'pass' */
  readonly logs?: 'pass' | 'drop' | ((line: string) => void);
  /** stderr lines to hide (e.g. Powertools' "No application metrics to publish" notice). @default none */
  readonly muteStderr?: readonly RegExp[];
}

export interface StdoutCapture {
  readonly sink: MetricsSink;
  /** Puts the original process.stdout.write back. */
  restore(): void;
}

/**
 * Taps process.stdout (where Powertools prints EMF and logs, through its own Console), feeds EMF
 * lines to `sink` and routes the rest. Text that is not a JSON line passes through untouched.
 */
export function captureStdout(
  sink: MetricsSink = new MetricsSink(),
  options: StdoutCaptureOptions = {},
): StdoutCapture {
  const original = process.stdout.write.bind(process.stdout);
  const metricsMode = options.metrics ?? 'drop';
  const logs = options.logs ?? 'pass';
  let partial = '';

  const route = (line: string): string => {
    if (sink.recordLine(line)) return metricsMode === 'pass' ? `${line}\n` : '';
    if (line.trimStart().startsWith('{')) {
      if (typeof logs === 'function') {
        logs(line);
        return '';
      }
      return logs === 'pass' ? `${line}\n` : '';
    }
    return `${line}\n`;
  };

  const write = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : Buffer.from(chunk as Uint8Array).toString(
            typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8',
          );
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    let out = lines.map(route).join('');
    // Only JSON needs whole lines; other text (progress dots, prompts) goes out at once.
    if (partial !== '' && !partial.trimStart().startsWith('{')) {
      out += partial;
      partial = '';
    }
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (out === '') {
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }
    return typeof done === 'function' ? original(out, done as (error?: Error | null) => void) : original(out);
  };
  process.stdout.write = write as typeof process.stdout.write;
  const originalStderr = process.stderr.write.bind(process.stderr);
  const muted = options.muteStderr ?? [];
  if (muted.length > 0) {
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (muted.some((pattern) => pattern.test(text))) return true;
      return (originalStderr as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
  }
  return {
    sink,
    restore: () => {
      process.stderr.write = originalStderr;
      if (partial !== '') original(route(partial));
      partial = '';
      process.stdout.write = original;
    },
  };
}
