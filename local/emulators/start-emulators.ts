import type { ChildProcess } from 'node:child_process';
import { stopOnSignals, stopProcessGroup } from './child-processes';
import { startDynamoDbLocal } from './dynamodb-local';
import { type EmulatorName, PortInUseError } from './emulator-failures';
import { startFauxqs } from './fauxqs';
import { LOCAL_REGION } from './local-account';
import { findFreePort, isPortInUse } from './ports';

/**
 * The two AWS emulators of the local line, as child processes on 127.0.0.1: DynamoDB Local and
 * fauxqs (SQS and SNS), started side by side and stopped together.
 */

export interface RunningEmulator {
  readonly name: EmulatorName;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** Pid of the process group leader (java, or the node running fauxqs). */
  readonly pid: number;
}

export interface Emulators {
  readonly region: string;
  readonly dynamodb: RunningEmulator;
  readonly sqs: RunningEmulator;
  /** Stops both emulators and waits until their processes have exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartEmulatorsOptions {
  /** @default LOCAL_REGION */
  readonly region?: string;
  /** A fixed port for DynamoDB Local; a taken port raises PortInUseError. @default a free port */
  readonly dynamodbPort?: number;
  /** A fixed port for fauxqs; a taken port raises PortInUseError. @default a free port */
  readonly sqsPort?: number;
  /** Stop the emulators on SIGINT/SIGTERM, then exit. Off for jest, which owns its signals. @default true */
  readonly handleSignals?: boolean;
  /** How long each emulator may take to answer. @default 30_000 */
  readonly startTimeoutMs?: number;
  /** Progress lines for long work. @default no output */
  readonly onProgress?: (message: string) => void;
}

/** Starts one emulator on the requested port, or on a free port with a retry if another process wins it. */
async function startOnPort(
  emulator: EmulatorName,
  requested: number | undefined,
  start: (port: number) => Promise<ChildProcess>,
): Promise<{ child: ChildProcess; port: number }> {
  if (requested !== undefined) {
    if (await isPortInUse(requested)) throw new PortInUseError(emulator, requested);
    return { child: await start(requested), port: requested };
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await findFreePort();
    try {
      return { child: await start(port), port };
    } catch (error) {
      lastError = error;
      // Only a lost race for the port is worth another try.
      if (!(await isPortInUse(port))) throw error;
    }
  }
  throw lastError;
}

/**
 * Starts DynamoDB Local and fauxqs on 127.0.0.1 and waits until both answer.
 * @throws PortInUseError when a requested port is taken; EmulatorError when an emulator cannot start.
 */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<Emulators> {
  const region = options.region ?? LOCAL_REGION;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const progress = options.onProgress ?? (() => {});
  const started = Date.now();

  progress('starting DynamoDB Local (java) and fauxqs (SQS)…');
  const [dynamodbResult, sqsResult] = await Promise.allSettled([
    startOnPort('dynamodb', options.dynamodbPort, (port) => startDynamoDbLocal(port, region, timeoutMs)),
    startOnPort('sqs', options.sqsPort, (port) => startFauxqs(port, region, timeoutMs)),
  ]);
  if (dynamodbResult.status === 'rejected' || sqsResult.status === 'rejected') {
    if (dynamodbResult.status === 'fulfilled') await stopProcessGroup(dynamodbResult.value.child);
    if (sqsResult.status === 'fulfilled') await stopProcessGroup(sqsResult.value.child);
    throw dynamodbResult.status === 'rejected'
      ? dynamodbResult.reason
      : (sqsResult as PromiseRejectedResult).reason;
  }
  const dynamodbChild = dynamodbResult.value.child;
  const sqsChild = sqsResult.value.child;
  const describe = (name: EmulatorName, child: ChildProcess, port: number): RunningEmulator => ({
    name,
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([stopProcessGroup(dynamodbChild), stopProcessGroup(sqsChild)]).then(
      () => undefined,
    );
    return stopping;
  };
  if (options.handleSignals ?? true) stopOnSignals(stop);

  const emulators: Emulators = {
    region,
    dynamodb: describe('dynamodb', dynamodbChild, dynamodbResult.value.port),
    sqs: describe('sqs', sqsChild, sqsResult.value.port),
    stop,
  };
  progress(
    `emulators ready in ${Date.now() - started} ms: DynamoDB ${emulators.dynamodb.endpoint}, SQS ${emulators.sqs.endpoint}`,
  );
  return emulators;
}
