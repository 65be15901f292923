import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { FunctionNotFoundError, invokeFunction, listFunctions } from '../runtime/lambda-runtime';
import { applyLineEnv, startLocalLine } from '../runtime/line';
import {
  DEFAULT_LINE_FILE,
  describeLine,
  isLineReachable,
  type LineDescription,
  readLineFile,
} from '../runtime/line-description';
import { captureStdout, POWERTOOLS_EMPTY_METRICS_NOTICE } from '../runtime/metrics-sink';

/** Exit codes of `npm run invoke`. */
export const EXIT = { ok: 0, handlerError: 1, badInput: 2, lineFailed: 3 } as const;

const USAGE = `Usage: npm run invoke -- <function> <event.json> [--timeout <ms>] [--verbose]

Runs one handler of functions/<function>/handler.ts on the local line, like \`sam local invoke\`:
DynamoDB Local and the SQS emulator, provisioned from the synthesized app.
If \`npm start\` is running (or PREMIER_PAS_LINE_FILE names a running line) it uses that line;
otherwise it starts one for this invocation and stops it after.

  <function>     a folder of functions/, e.g. call-intake
  <event.json>   the event, e.g. events/contact-flow/call-intake.json
  --timeout ms   time limit (default: the function's Timeout in the template)
  --verbose      print the handler's logs (to stderr)
  --help         this text

The handler's result is the last line of stdout, as JSON. Logs and progress go to stderr.
Exit codes: 0 ok, 1 the handler failed or timed out, 2 bad arguments or event, 3 the line did not start.`;

class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

interface InvokeArgs {
  readonly functionName: string;
  readonly event: unknown;
  readonly timeoutMs?: number;
  readonly verbose: boolean;
}

function parseInvokeArgs(argv: readonly string[]): InvokeArgs | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
  if (parsed.values.help) return 'help';
  const [functionName, eventFile, ...extra] = parsed.positionals;
  if (functionName === undefined || eventFile === undefined) {
    throw new UsageError('expected a function name and an event file', true);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`, true);
  if (!listFunctions().includes(functionName)) {
    throw new UsageError(new FunctionNotFoundError(functionName, listFunctions()).message);
  }
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(eventFile), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the event file ${eventFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the event file ${eventFile} is not valid JSON: ${(error as Error).message}`);
  }
  let timeoutMs: number | undefined;
  if (parsed.values.timeout !== undefined) {
    timeoutMs = Number(parsed.values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new UsageError(
        `--timeout must be a positive number of milliseconds, got ${String(parsed.values.timeout)}`,
      );
    }
  }
  return {
    functionName,
    event,
    verbose: parsed.values.verbose === true,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

const progress = (message: string) => process.stderr.write(`invoke: ${message}\n`);

/** Finds a running line to attach to (`npm start`, or the jest harness), if any. */
async function runningLine(): Promise<LineDescription | undefined> {
  const file = process.env.PREMIER_PAS_LINE_FILE ?? DEFAULT_LINE_FILE;
  const description = readLineFile(file);
  if (description === undefined) return undefined;
  if (await isLineReachable(description)) {
    progress(`using the running local line (${file})`);
    return description;
  }
  return undefined;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: InvokeArgs;
  try {
    const parsed = parseInvokeArgs(argv);
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    args = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(
      error.showUsage ? `invoke: ${error.message}\n\n${USAGE}\n` : `invoke: ${error.message} (see --help)\n`,
    );
    return EXIT.badInput;
  }

  let description = await runningLine();
  let stop: (() => Promise<void>) | undefined;
  if (description === undefined) {
    progress('starting a local line for this invocation (DynamoDB Local + fauxqs)…');
    try {
      const line = await startLocalLine({ onProgress: progress, logLevel: args.verbose ? 'INFO' : 'WARN' });
      stop = line.stop;
      description = describeLine(line);
    } catch (error) {
      process.stderr.write(`invoke: the local line did not start: ${(error as Error).message}\n`);
      return EXIT.lineFailed;
    }
  }

  applyLineEnv(description.env);
  if (args.verbose) process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  // stdout carries only the result: handler logs and EMF go to stderr (or nowhere).
  const capture = captureStdout(undefined, {
    metrics: 'drop',
    logs: args.verbose ? (line) => process.stderr.write(`${line}\n`) : 'drop',
    muteStderr: args.verbose ? [] : [POWERTOOLS_EMPTY_METRICS_NOTICE],
  });
  try {
    const functionConfig = description.resources.functions[args.functionName];
    const invocation = await invokeFunction(args.functionName, args.event, {
      ...(functionConfig === undefined ? {} : { functionConfig }),
      ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
    });
    capture.restore();
    const metrics = capture.sink.totals();
    if (metrics.length > 0) {
      progress(`metrics: ${metrics.map((metric) => `${metric.name}=${metric.sum}`).join(', ')}`);
    }
    if (invocation.ok) {
      progress(`${args.functionName} answered in ${invocation.durationMs.toFixed(1)} ms`);
      process.stdout.write(`${JSON.stringify(invocation.result ?? null)}\n`);
      return EXIT.ok;
    }
    const { error } = invocation;
    progress(
      `${args.functionName} failed after ${invocation.durationMs.toFixed(1)} ms: ${error.name}: ${error.message}`,
    );
    // Lambda's error shape, as `sam local invoke` prints it.
    process.stdout.write(`${JSON.stringify({ errorType: error.name, errorMessage: error.message })}\n`);
    return EXIT.handlerError;
  } finally {
    capture.restore();
    await stop?.();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `invoke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(EXIT.handlerError);
    },
  );
}
