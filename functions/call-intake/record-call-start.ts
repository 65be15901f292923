import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CALL_ITEM_DAYS, expiresAtFor } from '#domain/call-record';
import { parisDay } from '#domain/time/paris-time';
import { type ContactFlowCall, parseContactFlowEvent } from '../../events/schemas/contact-flow-event';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';

/**
 * call-intake: records the start of a call from the main flow, then answers the flow.
 * Connect reads a flat map of strings. Whatever goes wrong (bad event, DynamoDB throttled or slow),
 * the answer comes within the budget, with safe defaults, so the flow carries on. Nothing derived
 * from the calling number is kept: Connect already links the number to the contactId.
 */

/** What the flow reads back: flat string attributes only. */
export interface CallIntakeResponse extends Record<string, string> {
  /** `ok` when the call start is recorded, `degraded` when call-intake answered its safe defaults. */
  readonly lineState: 'ok' | 'degraded';
  readonly recorded: 'true' | 'false';
}

export const RECORDED_RESPONSE: CallIntakeResponse = Object.freeze({ lineState: 'ok', recorded: 'true' });
/** The safe defaults: nothing in them changes the caller's path through the flow. */
export const SAFE_DEFAULTS: CallIntakeResponse = Object.freeze({ lineState: 'degraded', recorded: 'false' });

/** Total time call-intake allows itself before answering safe defaults (Connect waits up to 8 s; we promise 1 s). */
export const CALL_INTAKE_BUDGET_MS = 800;

/** Raised (and answered with safe defaults) when recording the start outlasts the budget. */
export class CallIntakeTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`call start not recorded within ${budgetMs} ms`);
    this.name = 'CallIntakeTimeoutError';
  }
}

/** Logs ids and error names only; the event is never logged. */
export interface CallIntakeLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

export interface CallIntakeDeps {
  readonly dynamo: Pick<DynamoDBDocumentClient, 'send'>;
  /** Undefined when the environment lacks it: every call then answers safe defaults. */
  readonly tableName: string | undefined;
  readonly metrics: MetricSink;
  readonly logger: CallIntakeLogger;
  /** @default CALL_INTAKE_BUDGET_MS */
  readonly budgetMs?: number;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

async function withinBudget<T>(budgetMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new CallIntakeTimeoutError(budgetMs);
      controller.abort(timeout);
      reject(timeout);
    }, budgetMs);
  });
  try {
    // The race answers on time even if a dependency ignores the abort signal.
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function recordStart(
  call: ContactFlowCall,
  tableName: string,
  deps: CallIntakeDeps,
  signal: AbortSignal,
): Promise<void> {
  const startedAt = (deps.now ?? (() => new Date()))().toISOString();
  const sets = [
    'initiatedAt = if_not_exists(initiatedAt, :startedAt)',
    '#day = if_not_exists(#day, :day)',
    'expiresAt = if_not_exists(expiresAt, :expiresAt)',
    'intakeAt = if_not_exists(intakeAt, :startedAt)',
    'channel = if_not_exists(channel, :channel)',
  ];
  const values: Record<string, unknown> = {
    ':startedAt': startedAt,
    ':day': parisDay(startedAt),
    ':expiresAt': expiresAtFor(startedAt, CALL_ITEM_DAYS),
    ':channel': call.channel ?? 'VOICE',
    ':one': 1,
  };
  if (call.initiationMethod !== undefined) {
    sets.push('initiationMethod = if_not_exists(initiationMethod, :initiationMethod)');
    values[':initiationMethod'] = call.initiationMethod;
  }
  // if_not_exists keeps the first start whoever wrote first (a retry, or contact-events); the revision
  // bump tells contact-events' optimistic writes that the item changed under them.
  await deps.dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { contactId: call.contactId },
      UpdateExpression: `SET ${sets.join(', ')} ADD revision :one`,
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: values,
    }),
    { abortSignal: signal },
  );
}

/**
 * Records the call start idempotently (keyed on ContactId) and answers the flow.
 * Never throws: any fault answers {@link SAFE_DEFAULTS} and emits `flowLambdaFallbacks`.
 */
export async function callIntake(event: unknown, deps: CallIntakeDeps): Promise<CallIntakeResponse> {
  const started = Date.now();
  let contactId: string | undefined;
  try {
    const call = parseContactFlowEvent(event);
    contactId = call.contactId;
    const tableName = deps.tableName;
    if (tableName === undefined || tableName === '') {
      throw new Error('CALLS_TABLE_NAME is not set');
    }
    await withinBudget(deps.budgetMs ?? CALL_INTAKE_BUDGET_MS, (signal) =>
      recordStart(call, tableName, deps, signal),
    );
    deps.logger.info('call start recorded', { contactId, elapsedMs: Date.now() - started });
    return { ...RECORDED_RESPONSE };
  } catch (caught) {
    const error = asError(caught);
    try {
      deps.metrics.emit('flowLambdaFallbacks', 1, { function: 'call-intake' });
      deps.logger.warn('call-intake answered safe defaults', {
        contactId,
        errorName: error.name,
        errorMessage: error.message,
        elapsedMs: Date.now() - started,
      });
    } catch {
      // Reporting must never stand between the caller and the flow.
    }
    return { ...SAFE_DEFAULTS };
  }
}
