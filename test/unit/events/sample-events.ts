import * as fs from 'node:fs';
import * as path from 'node:path';

/** Reads the sample events of `events/` (real-shaped payloads) for tests. */
export const EVENTS_DIR = path.resolve(__dirname, '..', '..', '..', 'events');

export function readSample(relativePath: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(EVENTS_DIR, relativePath), 'utf8'));
}

/** Every `.json` file under `events/<folder>`, as paths relative to `events/`. */
export function listSamples(folder: string): string[] {
  const root = path.join(EVENTS_DIR, folder);
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.json'))
    .map((file) => path.join(folder, file))
    .sort();
}

/** Narrows away undefined in tests, failing with a message instead of a non-null assertion. */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`${what} is undefined`);
  }
  return value;
}
