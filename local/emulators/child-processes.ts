import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

/**
 * Bookkeeping for the child processes the local line starts. Each runs as the leader of its own
 * process group, so stopping it kills everything it started; every live group is killed on exit, on
 * SIGINT/SIGTERM, and by the orphan guard when this process dies without stopping them.
 */

const ORPHAN_GUARD = path.join(__dirname, 'orphan-guard.cjs');

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

/** Registers a process group so it is killed on exit and by the orphan guard, even if never stopped. */
export function trackProcessGroup(pgid: number): void {
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

/** Runs `stop` (with every other registered stop) on the first SIGINT or SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
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

/** Sends SIGTERM to the child's group, then SIGKILL if it is still alive after `graceMs`. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3_000): Promise<void> {
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

/** Keeps the last 4,000 characters the child printed, for error messages; returns a reader. */
export function collectOutput(child: ChildProcess): () => string {
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

/**
 * Polls `ready` every 100 ms until it answers true (a throw counts as not yet).
 * @returns undefined once ready; otherwise why not: the child exited first, or `timeoutMs` ran out.
 */
export async function waitUntilReady(
  child: ChildProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let failure: string | undefined;
  void exitedEarly(child).then((reason) => {
    failure = reason;
  });
  while (Date.now() < deadline) {
    if (failure !== undefined) return `${failure} before it was ready`;
    if (await ready().catch(() => false)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `did not answer within ${timeoutMs} ms`;
}
