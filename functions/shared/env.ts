import * as z from 'zod/mini';
import { STAGE_VARIABLE_SCHEMAS as stage } from '#domain/stage-environment';

/*
 * Each function's environment, one zod schema per function, parsed once at cold start. Stage values
 * (retention, partners' SLAs, hours) arrive here from the function's construct; a missing or bad
 * variable fails the cold start with a message that names it, rather than a wrong answer later.
 */

const name = z.string().check(z.minLength(1, 'must be set'));
const url = z.url();
/** The queue-envelope public key: DER SubjectPublicKeyInfo, base64 (set from KMS GetPublicKey at deploy). */
const envelopePublicKey = z
  .string()
  .check(z.regex(/^[A-Za-z0-9+/]{200,}={0,2}$/, 'must be a base64 DER public key'));

/** The environment of every function, by its `functions/` folder name. */
export const FUNCTION_ENVIRONMENTS = {
  'call-intake': z.object({ CALLS_TABLE_NAME: name }),
  'contact-events': z.object({
    CALLS_TABLE_NAME: name,
    STATISTICS_TABLE_NAME: name,
    CALLS_RETENTION_DAYS: stage.CALLS_RETENTION_DAYS,
    LINE_HOURS: stage.LINE_HOURS,
  }),
  'qualify-call': z.object({
    CALLS_TABLE_NAME: name,
    STATISTICS_TABLE_NAME: name,
    CALLBACK_QUEUE_URL: url,
    CALLBACK_ENVELOPE_PUBLIC_KEY: envelopePublicKey,
    CALLS_RETENTION_DAYS: stage.CALLS_RETENTION_DAYS,
    PARTNERS: stage.PARTNERS,
  }),
  'request-callback': z.object({
    CALLBACK_QUEUE_URL: url,
    CALLBACK_ENVELOPE_PUBLIC_KEY: envelopePublicKey,
    PARTNERS: stage.PARTNERS,
  }),
  'dispatch-callback': z.object({
    CALLBACKS_TABLE_NAME: name,
    AUDIT_TABLE_NAME: name,
    IDEMPOTENCY_TABLE_NAME: name,
    IDEMPOTENCY_HOURS: stage.IDEMPOTENCY_HOURS,
    PARTNER_PORTAL_URL: stage.PARTNER_PORTAL_URL,
    PARTNERS: stage.PARTNERS,
    CLOSED_CALLBACKS_RETENTION_DAYS: stage.CLOSED_CALLBACKS_RETENTION_DAYS,
  }),
  'callback-watch': z.object({
    CALLBACKS_TABLE_NAME: name,
    AUDIT_TABLE_NAME: name,
    PARTNERS: stage.PARTNERS,
    CLOSED_CALLBACKS_RETENTION_DAYS: stage.CLOSED_CALLBACKS_RETENTION_DAYS,
    PARTNER_PORTAL_URL: stage.PARTNER_PORTAL_URL,
  }),
  'partner-api': z.object({
    CALLBACKS_TABLE_NAME: name,
    AUDIT_TABLE_NAME: name,
    PARTNERS: stage.PARTNERS,
    CLOSED_CALLBACKS_RETENTION_DAYS: stage.CLOSED_CALLBACKS_RETENTION_DAYS,
  }),
  'monthly-report': z.object({ STATISTICS_TABLE_NAME: name, REPORTS_BUCKET_NAME: name }),
  'sweep-statistics': z.object({
    CALLS_TABLE_NAME: name,
    STATISTICS_TABLE_NAME: name,
    CALLS_RETENTION_DAYS: stage.CALLS_RETENTION_DAYS,
  }),
  'phone-number-association': z.object({}),
  'queue-envelope-public-key': z.object({}),
} as const;

export type FunctionName = keyof typeof FUNCTION_ENVIRONMENTS;
export type FunctionEnvironment<F extends FunctionName> = z.output<(typeof FUNCTION_ENVIRONMENTS)[F]>;

/** A function's environment is missing a variable or holds a bad one. Names variables, never values. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  constructor(
    readonly functionName: string,
    readonly problems: readonly string[],
  ) {
    super(`${functionName}: bad environment, ${problems.join('; ')}`);
  }
}

/**
 * Reads and checks the environment of `functionName`. Call it once, at module top level, so that a
 * deploy mistake fails the cold start instead of a caller's request.
 * @throws EnvironmentError listing each missing or bad variable.
 */
export function readEnvironment<F extends FunctionName>(
  functionName: F,
  env: Readonly<Record<string, string | undefined>> = process.env,
): FunctionEnvironment<F> {
  const parsed = z.safeParse(FUNCTION_ENVIRONMENTS[functionName], env);
  if (parsed.success) return parsed.data as FunctionEnvironment<F>;
  throw new EnvironmentError(
    functionName,
    parsed.error.issues.map((issue) => {
      const variable = issue.path.map(String).join('.') || '(environment)';
      return env[String(issue.path[0])] === undefined
        ? `${variable} is missing`
        : `${variable} ${issue.message}`;
    }),
  );
}

/** Narrows a caught value to an Error, so error paths can log `error.name` without guessing. */
export function asError(caught: unknown): Error {
  return caught instanceof Error ? caught : new Error(String(caught));
}
