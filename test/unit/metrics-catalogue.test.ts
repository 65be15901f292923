import * as fs from 'node:fs';
import * as path from 'node:path';
import { METRICS, type MetricKey } from '#domain/metrics';

/**
 * The metrics catalogue check, by static scan of `functions/**`:
 * - every metric a function emits is a catalogue entry, and every catalogue entry is emitted somewhere;
 * - nothing bypasses the catalogue: `addMetric(` appears only in the shared emit helpers (which take
 *   the name and unit from the entry), and no catalogue metric name is spelled out anywhere else;
 * - one way to emit: logic modules take the MetricSink port; only the wiring holds Powertools Metrics.
 *
 * A function emits through `metrics.emit('<key>', …)` (MetricSink, functions/shared/emit-metric.ts) or
 * `METRICS.<key>`. A file that emits with a computed key (e.g. an outcome → key map) counts the
 * catalogue keys it spells out. The catalogue itself is domain/metrics.ts, outside the scanned tree.
 */

const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'functions');
/** The only place allowed to call Powertools' addMetric: it reads name and unit from METRICS. */
const EMIT_HELPERS = [path.join(FUNCTIONS_DIR, 'shared', 'emit-metric.ts')];
/**
 * The only modules that may hold a Powertools Metrics instance: the handlers (they build the sink and
 * flush with logMetrics), the shared instance, the Powertools sink, and dispatch-callback's composition.
 */
const METRICS_WIRING = (file: string) =>
  path.basename(file) === 'handler.ts' ||
  [
    path.join(FUNCTIONS_DIR, 'shared', 'powertools.ts'),
    ...EMIT_HELPERS,
    path.join(FUNCTIONS_DIR, 'dispatch-callback', 'app.ts'),
  ].includes(file);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const CATALOGUE_KEYS = Object.keys(METRICS) as MetricKey[];
const relative = (file: string) => path.relative(path.join(FUNCTIONS_DIR, '..'), file);

interface Emission {
  readonly file: string;
  readonly key: string;
}

/** What one source file emits, by the rules above. */
function emissionsOf(file: string, source: string): Emission[] {
  const found: Emission[] = [];
  for (const match of source.matchAll(/\.emit\(\s*'([^']+)'/g)) found.push({ file, key: match[1] as string });
  for (const match of source.matchAll(/\bMETRICS\.(\w+)/g)) found.push({ file, key: match[1] as string });
  const computed = /\.emit\(\s*[A-Za-z_$]/.test(source);
  if (computed) {
    for (const key of CATALOGUE_KEYS) if (source.includes(`'${key}'`)) found.push({ file, key });
  }
  return found;
}

const files = sourceFiles(FUNCTIONS_DIR);
const sources = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
const emissions = files.flatMap((file) => emissionsOf(file, sources.get(file) as string));

describe('metrics catalogue', () => {
  it('finds emissions in the functions (the scan is not vacuous)', () => {
    expect(emissions.length).toBeGreaterThan(5);
  });

  it('every metric a function emits is in the catalogue', () => {
    const unknown = emissions.filter((emission) => !CATALOGUE_KEYS.includes(emission.key as MetricKey));
    expect(unknown.map((emission) => `${relative(emission.file)}: ${emission.key}`)).toEqual([]);
  });

  it('every catalogue metric is emitted by some function', () => {
    const emitted = new Set(emissions.map((emission) => emission.key));
    expect(CATALOGUE_KEYS.filter((key) => !emitted.has(key))).toEqual([]);
  });

  it('nothing calls addMetric except the shared emit helper', () => {
    const bypassing = files.filter(
      (file) => !EMIT_HELPERS.includes(file) && /\baddMetric\s*\(/.test(sources.get(file) as string),
    );
    expect(bypassing.map(relative)).toEqual([]);
    for (const helper of EMIT_HELPERS) {
      const source = sources.get(helper) ?? '';
      expect(source).toMatch(/\baddMetric\(/);
      for (const call of source.matchAll(/\baddMetric\(([^,]+),/g))
        expect(call[1]?.trim()).toBe('definition.name');
    }
  });

  it('logic modules emit through the MetricSink port, never a Powertools Metrics instance', () => {
    const holding = files.filter(
      (file) =>
        !METRICS_WIRING(file) && /@aws-lambda-powertools\/metrics['/]/.test(sources.get(file) as string),
    );
    expect(holding.map(relative)).toEqual([]);
  });

  it('no catalogue metric name is spelled out outside the catalogue', () => {
    const names = Object.values(METRICS).map((definition) => definition.name);
    const spelled = files.flatMap((file) =>
      names
        .filter((name) => new RegExp(`['"\`]${name}['"\`]`).test(sources.get(file) as string))
        .map((name) => `${relative(file)}: ${name}`),
    );
    expect(spelled).toEqual([]);
  });
});
