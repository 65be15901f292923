import { parseArgs } from 'node:util';
import type { CallScenario, LambdaFault } from '../flow-interpreter/interpreter-types';

/** Parsing `npm run call` arguments; pure, so the tests can check every refusal. */

export const CALL_USAGE = `Usage: npm run call -- --at <ISO time> [options]

Runs one simulated call through the synthesized contact flows on the local line
(DynamoDB Local + SQS emulator, real handlers) and prints what the caller hears.

Options:
  --at <ISO time>          when the call starts, e.g. 2026-03-10T10:00:00+01:00 (required)
  --staffed <N>            listeners staffed on the queue (default 2)
  --keys <k1,k2,...>       what the caller keys, in order; "-" = no key (timeout)
                           e.g. 1,1,2,2,0612345678 (a keyed number is one entry)
  --fault <fn>=<kind>      inject a Lambda fault; kind: error | timeout | invalid (repeatable)
  --hangup-after <x>       the caller hangs up after action id <x>, or after <x> prompts if a number
  --answer-after <s>       seconds in queue before a listener answers (default 20)
  --withheld               the caller's number is withheld
  --json                   print only the JSON summary
  --help                   show this help

The last line of output is one JSON object: outcome, prompts, lambdas, flows, events…
Outcomes: answered, callback-stored, disconnected-by-line, abandoned-in-ivr, missed-in-queue.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CallCommand {
  readonly help: boolean;
  readonly json: boolean;
  readonly scenario: CallScenario;
}

const FAULT_KINDS: readonly LambdaFault[] = ['error', 'timeout', 'invalid'];

function nonNegativeInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/**
 * Turns argv into a call scenario.
 * @throws UsageError with a message saying what is wrong.
 */
export function parseCallArgs(argv: readonly string[]): CallCommand {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  if (values.help) return { help: true, json: false, scenario: { at: new Date(0), staffed: 0 } };
  if (values.at === undefined) throw new UsageError('--at <ISO time> is required');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(values.at) || Number.isNaN(Date.parse(values.at))) {
    throw new UsageError(
      `--at must be an ISO date-time such as 2026-03-10T10:00:00+01:00, got "${values.at}"`,
    );
  }
  const faults: Record<string, LambdaFault> = {};
  for (const fault of values.fault ?? []) {
    const [name, kind] = fault.split('=');
    if (
      name === undefined ||
      name === '' ||
      kind === undefined ||
      !FAULT_KINDS.includes(kind as LambdaFault)
    ) {
      throw new UsageError(`--fault must be <function>=error|timeout|invalid, got "${fault}"`);
    }
    faults[name] = kind as LambdaFault;
  }
  const keys = values.keys === undefined ? [] : values.keys.split(',').map((key) => key.trim());
  for (const key of keys) {
    if (!/^(-|[0-9*#]+)$/.test(key))
      throw new UsageError(`--keys entries are digits, * or #, or "-", got "${key}"`);
  }
  const hangUp = values['hangup-after'];
  const scenario: CallScenario = {
    at: new Date(values.at),
    staffed: nonNegativeInteger('staffed', values.staffed, 2),
    keys,
    faults,
    answerAfterSeconds: nonNegativeInteger('answer-after', values['answer-after'], 20),
    ...(values.withheld ? { callingNumber: null } : {}),
    ...(hangUp === undefined
      ? {}
      : { hangUpAfter: /^\d+$/.test(hangUp) ? { prompts: Number(hangUp) } : { actionId: hangUp } }),
  };
  return { help: false, json: values.json ?? false, scenario };
}

const OPTIONS = {
  at: { type: 'string' },
  staffed: { type: 'string' },
  keys: { type: 'string' },
  fault: { type: 'string', multiple: true },
  'hangup-after': { type: 'string' },
  'answer-after': { type: 'string' },
  withheld: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;
