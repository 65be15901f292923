import type { ChildProcess } from 'node:child_process';
import { stopProcessGroup, waitUntilReady } from './child-processes';

/**
 * How an emulator fails to start: the errors (each message says what to do about it), and the wait
 * that turns a process that exits or stays silent into one.
 */

export type EmulatorName = 'dynamodb' | 'sqs';

/** An emulator failed to start, or a requested port is taken; `message` says what to do. */
export class EmulatorError extends Error {
  constructor(
    readonly emulator: EmulatorName,
    message: string,
    readonly output = '',
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** A requested port is already in use (only raised when the caller asked for that port). */
export class PortInUseError extends EmulatorError {
  constructor(
    emulator: EmulatorName,
    readonly port: number,
  ) {
    super(
      emulator,
      `Port ${port} on 127.0.0.1 is already in use, so ${emulator} cannot start there. ` +
        'Stop what holds it, pick another port, or leave the port unset to get a free one.',
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Waits until a freshly spawned emulator answers. When it exits first or stays silent past
 * `timeoutMs`, its process group is stopped and an EmulatorError carries what it printed.
 */
export async function awaitEmulatorReady(
  emulator: EmulatorName,
  child: ChildProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const failure = await waitUntilReady(child, ready, timeoutMs);
  if (failure === undefined) return;
  const error = new EmulatorError(emulator, `${emulator} emulator ${failure}`, output());
  await stopProcessGroup(child);
  throw error;
}
