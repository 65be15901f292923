import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LocalLine, startLocalLine } from '../../local/runtime/line';
import { writeLineFile } from '../../local/runtime/line-description';
import { LINE_FILE_VARIABLE } from '../support/local-line';

declare global {
  // Set here, read by global-teardown.ts: both run in jest's main process.
  var __premierPasLine: LocalLine | undefined;
}

/**
 * Starts one local line (DynamoDB Local + fauxqs, provisioned from the synthesized app) for the whole
 * integration project, and hands its description to the test workers through a JSON file whose path
 * is in PREMIER_PAS_LINE_FILE (workers start after this and inherit the variable).
 * No signal handlers: jest owns SIGINT; the orphan guard kills the emulators if jest dies.
 */
export default async function globalSetup(): Promise<void> {
  const line = await startLocalLine({
    emulators: { handleSignals: false },
    onProgress: (message) => process.stderr.write(`[local line] ${message}\n`),
  });
  globalThis.__premierPasLine = line;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-line-')), 'line.json');
  writeLineFile(line, file);
  process.env[LINE_FILE_VARIABLE] = file;
}
