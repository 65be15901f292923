import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportMonth } from '../../functions/monthly-report/period';
import { readEnvironment } from '../../functions/shared/env';
import { sweepPlayedMonth } from '../../local/demo/sweep-month';
import type { LineDescription } from '../../local/runtime/line-description';
import {
  captureStdout,
  MetricsSink,
  POWERTOOLS_EMPTY_METRICS_NOTICE,
} from '../../local/runtime/metrics-sink';
import { countHandlerWrites } from './count-writes';
import {
  arrivalOrder,
  callsPerDay,
  daysOf,
  generateDay,
  type IntendedCall,
  seededRandom,
} from './generate-calls';
import { newPlayCounters, type PlayCounters, playDeliveries } from './play-deliveries';
import { rawPutThroughput } from './raw-puts';
import { withReplayTables } from './replay-tables';
import { type ReplayVerdict, verifyReplay } from './verify-replay';

/**
 * A replay: generates the period's calls day by day, plays each day's deliveries through the real
 * handlers in arrival order (on copies of the calls and statistics tables, see replay-tables.ts), runs the daily sweep over the period as a week later, measures raw
 * conditional PutItem throughput at the same concurrency, and verifies the tables and the metrics.
 * The line's env must already be applied to process.env, and no handler module loaded yet: they
 * read their table names when they load.
 */

export interface ReplayOptions {
  /** `YYYY` for a year, `YYYY-MM` for a month. */
  readonly period: string;
  readonly calls: number;
  readonly seed: number;
  readonly concurrency: number;
  /** How long to measure raw PutItem; 0 skips it (the test). */
  readonly rawSeconds: number;
  /** Prefix of the replay's contact ids. @default `replay-<seed>-` */
  readonly idPrefix?: string;
  readonly onProgress?: (message: string) => void;
}

export interface ReplayResult extends ReplayVerdict {
  readonly calls: number;
  readonly deliveries: number;
  /** Item writes the handlers sent during the replay (the sweep excluded). */
  readonly writes: number;
  /** Item writes the sweep sent afterwards (the moves of never-qualified calls). */
  readonly sweepWrites: number;
  readonly seconds: number;
  readonly writesPerSecond: number;
  /** Raw PutItem writes/s before the replay (empty tables) and after; absent when not measured. */
  readonly rawMeasures?: { readonly before: number; readonly after: number };
  readonly counters: PlayCounters;
  readonly byOperation: Readonly<Record<string, number>>;
  /** Calls by intended outcome, and how many were qualified. */
  readonly mix: Readonly<Record<string, number>>;
}

const monthsOf = (days: readonly string[]): ReportMonth[] =>
  [...new Set(days.map((day) => day.slice(0, 7)))] as ReportMonth[];

/** The Paris days the calls fall on: a call near midnight may fall next to the period's. */
const callDays = (calls: readonly IntendedCall[]): string[] =>
  [...new Set(calls.map((call) => call.day))].sort();

/** The ceiling the ratio compares with: the better raw measure (one can be taken on a busy machine). */
export const rawCeiling = (result: Pick<ReplayResult, 'rawMeasures'>): number | undefined =>
  result.rawMeasures === undefined
    ? undefined
    : Math.max(result.rawMeasures.before, result.rawMeasures.after);

/** The replay's closing line, as the issue words it. */
export function replayLine(result: ReplayResult): string {
  const ceiling = rawCeiling(result);
  const ratio = ceiling === undefined ? 'n/a' : (result.writesPerSecond / ceiling).toFixed(2);
  return `replay: ${result.calls} calls, ${result.writes} writes, ${Math.round(result.writesPerSecond)} writes/s, ratio ${ratio} vs raw, lost ${result.lost}, duplicated ${result.duplicated}, wrong ${result.wrong}`;
}

export async function runReplay(
  line: Pick<LineDescription, 'env' | 'resources'>,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const tables = await withReplayTables(line.env, `${options.seed}-${Date.now()}`);
  try {
    return await replayOnTables({ ...line, env: { ...line.env, ...tables.env } }, options);
  } finally {
    await tables.drop();
  }
}

/** Raw conditional PutItem writes per second, or undefined when the options skip it. */
async function measureRaw(
  line: Pick<LineDescription, 'env'>,
  options: ReplayOptions,
  progress: (message: string) => void,
  when: string,
): Promise<number | undefined> {
  if (options.rawSeconds <= 0) return undefined;
  progress(`raw ${when}: conditional PutItem, ${options.concurrency} in flight, ${options.rawSeconds} s…`);
  const raw = await rawPutThroughput(line.env, options.concurrency, options.rawSeconds);
  progress(`raw ${when}: ${raw.writes} writes, ${Math.round(raw.writesPerSecond)} writes/s`);
  return raw.writesPerSecond;
}

async function replayOnTables(
  line: Pick<LineDescription, 'env' | 'resources'>,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const progress = options.onProgress ?? (() => {});
  const idPrefix = options.idPrefix ?? `replay-${options.seed}-`;
  const random = seededRandom(options.seed);
  const days = daysOf(options.period);
  const configured = readEnvironment('contact-events').LINE_HOURS;
  const years = [...new Set(days.map((day) => Number(day.slice(0, 4))))];
  // The generated year's holidays close the line, as the deployed hours would for that year.
  const hours = { ...configured, holidayYears: [...new Set([...configured.holidayYears, ...years])] };
  const perDay = callsPerDay(days, options.calls, hours);

  const counter = countHandlerWrites();
  const writesBefore = counter.writes();
  const sink = new MetricsSink();
  const capture = captureStdout(sink, {
    metrics: 'drop',
    logs: 'drop',
    muteStderr: [POWERTOOLS_EMPTY_METRICS_NOTICE],
  });
  // The ceiling is measured on the empty tables and again on the full ones (see rawCeiling).
  const rawBefore = await measureRaw(line, options, progress, 'before the replay');
  const counters = newPlayCounters();
  const intended: IntendedCall[] = [];
  let deliveries = 0;
  const started = performance.now();
  let lastProgress = started;
  let seconds = 0;
  let writes = 0;
  let byOperation: Readonly<Record<string, number>> = {};
  let sweepWrites = 0;
  try {
    for (const [index, day] of days.entries()) {
      const generated = generateDay(day, perDay[index] ?? 0, random, { hours, idPrefix }, intended.length);
      for (const call of generated) intended.push(call.intended);
      const ordered = arrivalOrder(
        generated.flatMap((call) => call.deliveries),
        random,
      );
      deliveries += ordered.length;
      await playDeliveries(ordered, {
        concurrency: options.concurrency,
        functions: line.resources.functions,
        counters,
      });
      const now = performance.now();
      if (now - lastProgress > 10_000 || index === days.length - 1) {
        lastProgress = now;
        const writes = counter.writes() - writesBefore;
        progress(
          `${day}: ${intended.length}/${options.calls} calls, ${deliveries} deliveries, ${writes} writes, ${Math.round(writes / ((now - started) / 1000))} writes/s, ${counters.retries} retries`,
        );
      }
    }
    seconds = (performance.now() - started) / 1000;
    writes = counter.writes() - writesBefore;
    byOperation = counter.byOperation();

    // Still under the capture: a qualified call the sweep moves is counted in the EMF it writes.
    progress(`sweep: moving the never-qualified calls, as the daily sweep would a week later…`);
    const sweepStarted = performance.now();
    for (const month of monthsOf(callDays(intended))) {
      const swept = await sweepPlayedMonth(line, month);
      // Each move is one transaction of two item writes.
      sweepWrites += swept.moved * 2;
      if (swept.failed > 0) progress(`sweep ${month}: ${swept.failed} calls not moved`);
    }
    progress(
      `sweep: ${sweepWrites / 2} calls moved in ${((performance.now() - sweepStarted) / 1000).toFixed(0)} s`,
    );
  } finally {
    capture.restore();
  }

  const rawAfter = await measureRaw(line, options, progress, 'after the replay');

  progress('verify: scanning the tables…');
  const client = new DynamoDBClient({
    endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: line.env.AWS_REGION,
  });
  let verdict: ReplayVerdict;
  try {
    verdict = await verifyReplay(intended, {
      dynamo: DynamoDBDocumentClient.from(client),
      callsTable: line.env.CALLS_TABLE_NAME,
      statisticsTable: line.env.STATISTICS_TABLE_NAME,
      idPrefix,
      days: callDays(intended),
      metrics: sink,
    });
  } finally {
    client.destroy();
  }
  for (const detail of verdict.details) progress(`verify: ${detail}`);

  const mix: Record<string, number> = {};
  for (const call of intended) {
    mix[call.outcome] = (mix[call.outcome] ?? 0) + 1;
    if (call.qualification !== undefined) mix.qualified = (mix.qualified ?? 0) + 1;
  }
  return {
    ...verdict,
    calls: intended.length,
    deliveries,
    writes,
    sweepWrites,
    seconds,
    writesPerSecond: writes / seconds,
    ...(rawBefore === undefined || rawAfter === undefined
      ? {}
      : { rawMeasures: { before: rawBefore, after: rawAfter } }),
    counters,
    byOperation,
    mix,
  };
}
