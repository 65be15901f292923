import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from 'aws-lambda';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { installHandlerResolution } from './module-hooks';
import type { LocalFunction } from './provisioned-resources';

/**
 * Runs a real handler in this process the way Lambda would: its module is loaded once (cold start),
 * each call gets a fresh Context, and the function's time limit is enforced.
 * The line's environment must be applied to process.env before the first invocation.
 */

/** Lambda's default when the template gives no timeout. */
const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_MEMORY_MB = 256;

/** `name` is not a folder of `functions/` with a `handler.ts` exporting `handler`. */
export class FunctionNotFoundError extends Error {
  constructor(
    readonly functionName: string,
    readonly available: readonly string[],
    reason = 'has no functions/<name>/handler.ts',
  ) {
    super(`Unknown function "${functionName}": it ${reason}. Functions: ${available.join(', ') || '(none)'}`);
    this.name = 'FunctionNotFoundError';
  }
}

/** What Lambda reports when a handler runs past its time limit. */
export class FunctionTimeoutError extends Error {
  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
  ) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'FunctionTimeoutError';
  }
}

export interface InvocationError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** True when the time limit ended the invocation (the handler may still be running). */
  readonly timedOut: boolean;
}

/** The outcome of one invocation, as Lambda would report it to its caller. */
export type InvocationResult<T = unknown> =
  | { readonly ok: true; readonly result: T; readonly durationMs: number; readonly requestId: string }
  | {
      readonly ok: false;
      readonly error: InvocationError;
      readonly durationMs: number;
      readonly requestId: string;
    };

export interface InvokeOptions {
  /** @default the template's Timeout (`functionConfig`), else 3 s */
  readonly timeoutMs?: number;
  /** Template settings of the function (timeout, memory), from `line.resources.functions[name]`. */
  readonly functionConfig?: LocalFunction;
  /** @default a random UUID, like Lambda's */
  readonly requestId?: string;
}

/** A Lambda handler as the line calls it. */
export type Handler = (event: unknown, context: Context) => Promise<unknown>;

const handlers = new Map<string, Handler>();

/**
 * Registers an in-process handler under `name`, used instead of `functions/<name>/handler.ts`:
 * for tests of the event sources and for fault injection (a handler that throws or hangs).
 * Returns a function that removes it again.
 */
export function registerHandler(name: string, handler: Handler): () => void {
  const previous = handlers.get(name);
  handlers.set(name, handler);
  return () => {
    if (previous === undefined) handlers.delete(name);
    else handlers.set(name, previous);
  };
}

/** Folder names under `functions/` that hold a `handler.ts`. */
export function listFunctions(): string[] {
  const root = path.join(REPO_ROOT, 'functions');
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'handler.ts')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Loads `functions/<name>/handler.ts` once (later calls reuse it, like a warm execution environment).
 * @throws FunctionNotFoundError when the folder, the file or the `handler` export is missing.
 */
export function loadHandler(name: string): Handler {
  const cached = handlers.get(name);
  if (cached !== undefined) return cached;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !listFunctions().includes(name)) {
    throw new FunctionNotFoundError(name, listFunctions());
  }
  installHandlerResolution();
  const module = require(path.join(REPO_ROOT, 'functions', name, 'handler.ts')) as { handler?: unknown };
  if (typeof module.handler !== 'function') {
    throw new FunctionNotFoundError(name, listFunctions(), 'does not export a `handler` function');
  }
  const handler = module.handler as Handler;
  handlers.set(name, handler);
  return handler;
}

/** A Lambda Context whose remaining time counts down from `timeoutMs`. */
export function createLambdaContext(
  functionName: string,
  options: { timeoutMs: number; memorySize?: number; requestId?: string; region?: string },
): Context {
  const deadline = Date.now() + options.timeoutMs;
  const region = options.region ?? process.env.AWS_REGION ?? 'eu-central-1';
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = () => {
    throw new Error('callback-style completion is not used on this line: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(options.memorySize ?? DEFAULT_MEMORY_MB),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

function toInvocationError(caught: unknown, timedOut: boolean): InvocationError {
  const error = caught instanceof Error ? caught : new Error(String(caught));
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    timedOut,
  };
}

/**
 * Invokes a real handler with `event` and a realistic Context, within its time limit.
 * Never throws for a handler's own failure: a throw or a timeout comes back as `{ ok: false, error }`.
 * @throws FunctionNotFoundError when `name` is not a function of this repository.
 */
export async function invokeFunction<T = unknown>(
  name: string,
  event: unknown,
  options: InvokeOptions = {},
): Promise<InvocationResult<T>> {
  const timeoutMs =
    options.timeoutMs ??
    (options.functionConfig ? options.functionConfig.timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS);
  const memorySize = options.functionConfig?.memorySize ?? DEFAULT_MEMORY_MB;
  // Init (the module's top level) runs outside the time limit, as Lambda's init phase does; an init
  // failure is the function's failure, while an unknown name is the caller's mistake and throws.
  let handler: Handler;
  try {
    handler = loadHandler(name);
  } catch (caught) {
    if (caught instanceof FunctionNotFoundError) throw caught;
    return {
      ok: false,
      error: toInvocationError(caught, false),
      durationMs: 0,
      requestId: options.requestId ?? randomUUID(),
    };
  }
  // Powertools reads these (logger fields, idempotency key prefix), as it would inside Lambda.
  process.env.AWS_LAMBDA_FUNCTION_NAME = name;
  process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = String(memorySize);
  process.env.AWS_LAMBDA_FUNCTION_VERSION = '$LATEST';
  const context = createLambdaContext(name, {
    timeoutMs,
    memorySize,
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
  });
  const requestId = context.awsRequestId;
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new FunctionTimeoutError(name, timeoutMs)),
      Math.max(0, context.getRemainingTimeInMillis()),
    );
  });
  try {
    const result = (await Promise.race([
      Promise.resolve().then(() => handler(event, context)),
      timeout,
    ])) as T;
    return { ok: true, result, durationMs: elapsed(), requestId };
  } catch (caught) {
    return {
      ok: false,
      error: toInvocationError(caught, caught instanceof FunctionTimeoutError),
      durationMs: elapsed(),
      requestId,
    };
  } finally {
    clearTimeout(timer);
  }
}
