import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { REPO_ROOT } from '../infra/constructs/line-function';
import {
  bundleEnvironment,
  bundleFunction,
  type ImportOutcome,
  importBundle,
} from '../local/runtime/bundle-function';
import { invokeFunction, listFunctions } from '../local/runtime/lambda-runtime';
import { type LocalLine, startLocalLine } from '../local/runtime/line';
import { captureStdout, POWERTOOLS_EMPTY_METRICS_NOTICE } from '../local/runtime/metrics-sink';
import {
  buildPartnerPortalIfStale,
  PORTAL_JS_BUDGET_GZIP_BYTES,
  portalAssetSizes,
} from '../local/runtime/partner-portal-build';

import { rawCeiling, replayLine, runReplay } from './replay/run-replay';
import { measureReportScale } from './report-scale/report-scale';

const USAGE = `Usage: npm run bench [-- --iterations N] [--skip-size] [--skip-latency] [--skip-portal]
       npm run bench -- --replay year|month [--calls N] [--concurrency C] [--seed S] [--raw-seconds T]
       npm run bench -- --report-scale [--sizes 10000,100000]

Prints three tables:
  1. each function's minified bundle size (and its import time, or the crash, in a fresh Node) with the BUNDLING settings of infra/constructs/line-function.ts
     (ESM, module main fields, createRequire banner), beside the same handler bundled with default
     esbuild settings (CJS main fields), and the ratio of the two;
  2. call-intake warm latency (p50, p99) on the local line's DynamoDB Local, beside a raw PutItem
     baseline measured in the same run against the same table;
  3. the partner portal's built assets (Vite, built first if stale), raw and gzipped, and its
     JavaScript against the 150 KB gzipped budget.

  --iterations N   measured calls per latency row (default 300, after 30 warm-up calls)
  --skip-size      only the latency table
  --skip-latency   only the size tables (no latency run)
  --skip-portal    without the partner portal table
  --help           this text

With --replay, instead: a seeded year (2025, 100,000 calls) or month (2025-03, 8,400 calls) of calls
pushed through the real call-intake, contact-events and qualify-call handlers on DynamoDB Local (about
7 contact events per call, 20% duplicated, shuffled within 3 minutes), then the daily sweep, then a check
of every call. Raw conditional PutItem throughput at the same concurrency is measured before the replay
and after it; the better of the two is the ceiling the ratio compares with. Its last line is
  replay: N calls, W writes, X writes/s, ratio R vs raw, lost L, duplicated D, wrong W2

  --calls N        calls to generate (default 100000 for a year, 8400 for a month)
  --concurrency C  invocations in flight (default 24)
  --seed S         generation seed (default 2025)
  --raw-seconds T  how long raw PutItem is measured, each time (default 20)

With --report-scale, instead: the monthly report over a generated month of each size (statistics items
in a fresh table), run in a fresh Node process: time and peak RSS, beside the function's memory.

  --sizes A,B      month sizes in calls (default 10000,100000)`;

interface SizeRow {
  readonly name: string;
  readonly ours: number;
  readonly defaults: number;
  readonly oursImport: string;
  readonly defaultsImport: string;
}

/** An import outcome as the size table prints it. */
const importFigure = (outcome: ImportOutcome): string =>
  outcome.ok ? `${outcome.ms} ms` : `crash: ${outcome.reason.slice(0, 48)}`;

/** Sizes with our settings and with esbuild's defaults (only bundle, node platform, ESM, minify). */
async function measureSizes(line: LocalLine): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-bench-'));
  try {
    for (const name of listFunctions()) {
      process.stderr.write(`bench: bundling ${name}…\n`);
      const ours = await bundleFunction(name);
      const defaults = await bundleFunction(name, { format: 'esm', target: 'node22', minify: true });
      rows.push({
        name,
        ours: ours.bytes,
        defaults: defaults.bytes,
        oursImport: importFigure(importBundle(ours.code, dir, `${name}-ours`, bundleEnvironment(line, name))),
        defaultsImport: importFigure(
          importBundle(defaults.code, dir, `${name}-defaults`, bundleEnvironment(line, name)),
        ),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

interface LatencyRow {
  readonly label: string;
  readonly samples: readonly number[];
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function contactFlowEvent(contactId: string, instanceArn: string): unknown {
  const sample = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'events', 'contact-flow', 'call-intake.json'), 'utf8'),
  ) as { Details: { ContactData: Record<string, unknown> } };
  const data = sample.Details.ContactData;
  sample.Details.ContactData = {
    ...data,
    ContactId: contactId,
    InitialContactId: contactId,
    PreviousContactId: contactId,
    InstanceARN: instanceArn,
  };
  return sample;
}

async function measureLatency(
  line: LocalLine,
  iterations: number,
): Promise<{ rows: LatencyRow[]; failures: number }> {
  line.applyEnv();
  const capture = captureStdout(undefined, {
    metrics: 'drop',
    logs: 'drop',
    muteStderr: [POWERTOOLS_EMPTY_METRICS_NOTICE],
  });
  const functionConfig = line.resources.functions['call-intake'];
  const client = new DynamoDBClient({});
  let failures = 0;
  try {
    const intake = async () => {
      const invocation = await invokeFunction(
        'call-intake',
        contactFlowEvent(randomUUID(), line.env.CONNECT_INSTANCE_ARN),
        functionConfig ? { functionConfig } : {},
      );
      const result = invocation.ok ? (invocation.result as Record<string, string>) : undefined;
      if (result?.recorded !== 'true') failures += 1;
      return invocation.durationMs;
    };
    const putItem = async () => {
      const started = performance.now();
      const now = new Date().toISOString();
      await client.send(
        new PutItemCommand({
          TableName: line.tables.calls.tableName,
          Item: {
            contactId: { S: `bench-${randomUUID()}` },
            day: { S: now.slice(0, 10) },
            initiatedAt: { S: now },
            expiresAt: { N: String(Math.floor(Date.now() / 1000) + 3600) },
          },
          ConditionExpression: 'attribute_not_exists(contactId)',
        }),
      );
      return performance.now() - started;
    };
    const run = async (measure: () => Promise<number>, label: string): Promise<LatencyRow> => {
      process.stderr.write(`bench: ${label}: 30 warm-up calls, then ${iterations}…\n`);
      for (let index = 0; index < 30; index += 1) await measure();
      const samples: number[] = [];
      for (let index = 0; index < iterations; index += 1) samples.push(await measure());
      return { label, samples };
    };
    // Interleaving is not needed: both rows run on the same warmed emulator, one after the other.
    const baseline = await run(putItem, 'raw PutItem (conditional, same table)');
    const before = failures;
    const handler = await run(intake, 'call-intake handler (warm)');
    failures -= before;
    return { rows: [baseline, handler], failures };
  } finally {
    capture.restore();
    client.destroy();
  }
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main(argv: readonly string[]): Promise<number> {
  let values: {
    iterations?: string;
    'skip-size'?: boolean;
    'skip-latency'?: boolean;
    'skip-portal'?: boolean;
    help?: boolean;
    replay?: string;
    calls?: string;
    concurrency?: string;
    seed?: string;
    'raw-seconds'?: string;
    'report-scale'?: boolean;
    sizes?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        iterations: { type: 'string' },
        'skip-size': { type: 'boolean' },
        'skip-latency': { type: 'boolean' },
        'skip-portal': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        replay: { type: 'string' },
        calls: { type: 'string' },
        concurrency: { type: 'string' },
        seed: { type: 'string' },
        'raw-seconds': { type: 'string' },
        'report-scale': { type: 'boolean' },
        sizes: { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.replay !== undefined) return replay(values);
  if (values['report-scale']) return reportScale(values.sizes ?? '10000,100000');
  const iterations = values.iterations === undefined ? 300 : Number(values.iterations);
  if (!Number.isInteger(iterations) || iterations < 10) {
    process.stderr.write(`bench: --iterations must be an integer ≥ 10, got ${values.iterations}\n`);
    return 2;
  }

  const line = await startLocalLine({ onProgress: (message) => process.stderr.write(`bench: ${message}\n`) });
  try {
    await report(line, iterations, values);
  } finally {
    await line.stop();
  }
  return 0;
}

/** A whole number option ≥ `min`, or an error message. */
function wholeOption(name: string, raw: string | undefined, fallback: number, min: number): number | string {
  const value = raw === undefined ? fallback : Number(raw);
  return Number.isInteger(value) && value >= min
    ? value
    : `--${name} must be an integer ≥ ${min}, got ${raw}`;
}

async function reportScale(sizesText: string): Promise<number> {
  const sizes = sizesText.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    process.stderr.write(`bench: --sizes takes whole numbers separated by commas, got ${sizesText}\n`);
    return 2;
  }
  const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const line = await startLocalLine({ onProgress: progress });
  try {
    line.applyEnv();
    const rows = await measureReportScale(line, sizes, progress);
    const memory = line.resources.functions['monthly-report']?.memorySize;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `\nMonthly report over a generated month (fresh Node process; function memory ${memory} MB)\n`,
    );
    console.log(
      table(
        [
          'calls in the month',
          'reading',
          'time',
          'RSS before',
          'peak RSS',
          'peak − before',
          'configured memory',
        ],
        rows.map((row) => [
          String(row.calls),
          row.mode === 'memory' ? 'all items in memory (before)' : 'streamed per page (now)',
          `${(row.ms / 1000).toFixed(1)} s`,
          mb(row.baselineRss),
          mb(row.peakRss),
          mb(row.peakRss - row.baselineRss),
          `${memory} MB`,
        ]),
      ),
    );
    return 0;
  } finally {
    await line.stop();
  }
}

async function replay(values: {
  replay?: string;
  calls?: string;
  concurrency?: string;
  seed?: string;
  'raw-seconds'?: string;
}): Promise<number> {
  if (values.replay !== 'year' && values.replay !== 'month') {
    process.stderr.write(`bench: --replay takes year or month, got ${values.replay}\n\n${USAGE}\n`);
    return 2;
  }
  const year = values.replay === 'year';
  const settings = [
    wholeOption('calls', values.calls, year ? 100_000 : 8_400, 1),
    wholeOption('concurrency', values.concurrency, 24, 1),
    wholeOption('seed', values.seed, 2025, 0),
    wholeOption('raw-seconds', values['raw-seconds'], 20, 1),
  ];
  const problem = settings.find((setting) => typeof setting === 'string');
  if (problem !== undefined) {
    process.stderr.write(`bench: ${problem}\n`);
    return 2;
  }
  const [calls, concurrency, seed, rawSeconds] = settings as number[];
  const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const line = await startLocalLine({ onProgress: progress });
  try {
    line.applyEnv();
    const result = await runReplay(line, {
      period: year ? '2025' : '2025-03',
      calls: calls as number,
      seed: seed as number,
      concurrency: concurrency as number,
      rawSeconds: rawSeconds as number,
      onProgress: progress,
    });
    console.log(
      `\nReplay of ${values.replay} ${year ? '2025' : '2025-03'}, seed ${seed}, ${concurrency} in flight, ${result.seconds.toFixed(0)} s`,
    );
    console.log(`  calls by outcome: ${JSON.stringify(result.mix)}`);
    console.log(
      `  deliveries: ${result.deliveries}; invocations ${result.counters.invocations}, retries ${result.counters.retries}, given up ${result.counters.givenUp}, call-intake fallbacks ${result.counters.intakeFallbacks}`,
    );
    console.log(`  DynamoDB requests by operation: ${JSON.stringify(result.byOperation)}`);
    const ceiling = rawCeiling(result);
    if (result.rawMeasures !== undefined && ceiling !== undefined) {
      const { before, after } = result.rawMeasures;
      console.log(
        `  raw conditional PutItem: ${Math.round(before)} writes/s before the replay, ${Math.round(after)} after; the ceiling is the better one`,
      );
      // Reads are requests too: a contact event is a consistent read, then a conditional write.
      const requests = Object.values(result.byOperation).reduce((sum, count) => sum + count, 0);
      const requestsPerSecond = requests / result.seconds;
      console.log(
        `  DynamoDB requests: ${Math.round(requestsPerSecond)}/s, ${(requestsPerSecond / ceiling).toFixed(2)} of the raw ceiling; ${(requests / result.writes).toFixed(2)} requests per item write`,
      );
    }
    console.log(
      `  item writes per call: ${(result.writes / result.calls).toFixed(2)} in the replay, plus ${(result.sweepWrites / result.calls).toFixed(2)} by the sweep`,
    );
    console.log(replayLine(result));
    return result.lost + result.duplicated + result.wrong === 0 ? 0 : 1;
  } finally {
    await line.stop();
  }
}

async function report(
  line: LocalLine,
  iterations: number,
  values: { 'skip-size'?: boolean; 'skip-latency'?: boolean; 'skip-portal'?: boolean },
): Promise<void> {
  if (!values['skip-portal']) printPortalSizes(await portalSizes());
  if (!values['skip-size']) {
    const sizes = await measureSizes(line);
    console.log('\nBundle size (minified JS, source map excluded) and import time in a fresh Node process\n');
    console.log(
      table(
        ['function', 'our bundle', 'import', 'default esbuild', 'import', 'size ratio'],
        sizes.map((row) => [
          row.name,
          kb(row.ours),
          row.oursImport,
          kb(row.defaults),
          row.defaultsImport,
          `${(row.ours / row.defaults).toFixed(2)}×`,
        ]),
      ),
    );
  }
  if (!values['skip-latency']) {
    const { rows, failures } = await measureLatency(line, iterations);
    console.log(`\nWarm latency on DynamoDB Local (${iterations} calls each, same run)\n`);
    console.log(
      table(
        ['measure', 'p50', 'p99', 'mean', 'max'],
        rows.map((row) => {
          const sorted = [...row.samples].sort((a, b) => a - b);
          const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
          return [
            row.label,
            ms(percentile(sorted, 50)),
            ms(percentile(sorted, 99)),
            ms(mean),
            ms(sorted.at(-1) ?? Number.NaN),
          ];
        }),
      ),
    );
    if (failures > 0)
      console.log(`\n${failures} call-intake invocations answered without recording (safe defaults).`);
  }
}

async function portalSizes() {
  process.stderr.write('bench: building the partner portal if stale…\n');
  await buildPartnerPortalIfStale();
  return portalAssetSizes();
}

function printPortalSizes(sizes: ReturnType<typeof portalAssetSizes>): void {
  console.log('\nPartner portal assets (Vite build, dist/assets)\n');
  console.log(
    table(
      ['asset', 'raw', 'gzipped'],
      sizes.map((size) => [size.file, kb(size.bytes), kb(size.gzipBytes)]),
    ),
  );
  const js = sizes.filter((size) => size.file.endsWith('.js')).reduce((sum, size) => sum + size.gzipBytes, 0);
  console.log(
    `\nportal JavaScript: ${kb(js)} gzipped, budget ${kb(PORTAL_JS_BUDGET_GZIP_BYTES)} (${((js / PORTAL_JS_BUDGET_GZIP_BYTES) * 100).toFixed(0)} %)`,
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
