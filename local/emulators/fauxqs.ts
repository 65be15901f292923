import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { collectOutput, trackProcessGroup } from './child-processes';
import { awaitEmulatorReady, EmulatorError } from './emulator-failures';

/** fauxqs, the SQS and SNS emulator, run by `fauxqs-server.mjs` in a Node process of its own. */

const FAUXQS_LAUNCHER = path.join(__dirname, 'fauxqs-server.mjs');

/**
 * Starts fauxqs on 127.0.0.1:`port` and resolves once it has printed the port it listens on.
 * @throws EmulatorError when it exits or stays silent for `timeoutMs`.
 */
export async function startFauxqs(port: number, region: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FAUXQS_LAUNCHER, String(port), region], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  if (child.pid === undefined) throw new EmulatorError('sqs', 'fauxqs could not start');
  trackProcessGroup(child.pid);
  await awaitEmulatorReady('sqs', child, async () => output().includes('"port"'), timeoutMs, output);
  return child;
}
