import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINE_FILE_VARIABLE } from '../support/local-line';

/** Stops the line of global-setup.ts and removes its description file. */
export default async function globalTeardown(): Promise<void> {
  const line = globalThis.__premierPasLine;
  globalThis.__premierPasLine = undefined;
  await line?.stop();
  const file = process.env[LINE_FILE_VARIABLE];
  if (file !== undefined) {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    delete process.env[LINE_FILE_VARIABLE];
  }
}
