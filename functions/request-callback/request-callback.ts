import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { parseE164FrenchNumber, parseKeyedFrenchNumber } from '#domain/callbacks/phone';
import type { CallbackRequest } from '#domain/callbacks/request';
import { type IvrSafeWindow, safeWindowsFromIvr } from '#domain/callbacks/safe-windows';
import { CALLER_LANGUAGE_CODES, FRENCH } from '#domain/caller-languages';
import { dueByFor, findPartner, PARTNER_IDS, type PartnerPolicy } from '#domain/partners';
import { type CallbackQueueTarget, sendCallbackRequest } from '../shared/callbacks/queue';
import { callbackRequestId } from '../shared/callbacks/request-id';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';

/** What the IVR flow branches on; a flat map of strings, as Connect requires. */
export type RequestCallbackStatus = 'stored' | 'invalid_number' | 'failed';
export interface RequestCallbackResult {
  readonly status: RequestCallbackStatus;
  [attribute: string]: string;
}

/** Time within which we answer Connect, whatever the queue does: the flow waits for no one. */
export const ANSWER_BUDGET_MS = 800;

const lowerEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((value) => value.trim().toLowerCase()),
    ),
    z.enum(values),
  );

/** The part of a Connect ContactFlowEvent this function reads; everything else is ignored. */
export const RequestCallbackEventSchema = z.object({
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().check(z.minLength(1)),
      CustomerEndpoint: z.optional(z.nullable(z.object({ Address: z.optional(z.nullable(z.string())) }))),
    }),
    Parameters: z.object({
      numberSource: lowerEnum(['calling', 'keyed']),
      keyedNumber: z.optional(z.string()),
      mayLeaveMessage: lowerEnum(['yes', 'no']),
      safeWindow: lowerEnum(['morning', 'afternoon', 'anytime']),
      /** The language the caller chose in the flow (ISO 639-1); absent for French. */
      language: z.optional(lowerEnum(['fr', ...CALLER_LANGUAGE_CODES])),
      /** The association that calls back with an interpreter, set by the flow with the language. */
      partnerId: z.optional(lowerEnum(PARTNER_IDS)),
    }),
  }),
});

/** The queue, its URL and the sealer of the number (queue-envelope.ts), plus the stage's settings. */
export interface RequestCallbackDeps extends CallbackQueueTarget {
  /** The stage's partners: the line's own SLA sets the request's due time. */
  readonly partners: readonly PartnerPolicy[];
  readonly logger: Logger;
  readonly metrics: MetricSink;
  readonly now?: () => Date;
  /** @default ANSWER_BUDGET_MS */
  readonly budgetMs?: number;
}

class AnswerBudgetExceededError extends Error {
  override readonly name = 'AnswerBudgetExceededError';
}

/**
 * Turns the IVR callback choice into a CallbackRequest for the line's own listeners and sends it to
 * the callback queue, its number sealed. Answers `invalid_number` for a number that is not French, and `failed` on any
 * fault or past the answer budget (the flow then plays the emergency numbers). Never logs the number.
 */
export async function requestLineCallback(
  event: unknown,
  deps: RequestCallbackDeps,
): Promise<RequestCallbackResult> {
  const { logger, metrics } = deps;
  const fallback = (reason: string, error?: Error): RequestCallbackResult => {
    logger.error('Callback request not stored; the flow takes its fallback branch', {
      reason,
      errorName: error?.name,
    });
    metrics.emit('flowLambdaFallbacks', 1, { function: 'request-callback' });
    return { status: 'failed' };
  };

  const parsed = z.safeParse(RequestCallbackEventSchema, event);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    return fallback(`event does not match the flow contract: ${fields.join(', ')}`);
  }
  const { ContactData, Parameters } = parsed.data.Details;
  const contactId = ContactData.ContactId;
  logger.appendKeys({ contactId });

  const phone =
    Parameters.numberSource === 'keyed'
      ? parseKeyedFrenchNumber(Parameters.keyedNumber)
      : parseE164FrenchNumber(ContactData.CustomerEndpoint?.Address ?? undefined);
  if (!phone.ok) {
    logger.info('Callback number refused', { numberSource: Parameters.numberSource, reason: phone.reason });
    return { status: 'invalid_number' };
  }

  const createdAt = (deps.now ?? (() => new Date()))();
  // In French the line's listeners call back; in another language, the association the flow names.
  const partnerId = Parameters.partnerId ?? 'line';
  const request: CallbackRequest = {
    requestId: callbackRequestId(contactId, partnerId),
    contactId,
    partnerId,
    phoneNumber: phone.e164,
    // The caller chose this number on the line itself, from a phone they hold.
    safeToCall: true,
    mayLeaveMessage: Parameters.mayLeaveMessage === 'yes',
    safeWindows: safeWindowsFromIvr(Parameters.safeWindow as IvrSafeWindow),
    language: Parameters.language ?? FRENCH,
    createdAt: createdAt.toISOString(),
    dueBy: dueByFor(findPartner(deps.partners, partnerId), createdAt),
    // A later try in the same call amends the request while nobody has taken it.
    submission: createdAt.getTime(),
  };

  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(
          new AnswerBudgetExceededError(`no answer from SQS within ${deps.budgetMs ?? ANSWER_BUDGET_MS} ms`),
        );
      }, deps.budgetMs ?? ANSWER_BUDGET_MS);
    });
    await Promise.race([sendCallbackRequest(deps, request, abort.signal), budget]);
  } catch (caught) {
    return fallback('sending to the callback queue failed', asError(caught));
  } finally {
    clearTimeout(timer);
  }
  logger.info('Callback request queued', {
    requestId: request.requestId,
    partnerId,
    language: request.language,
  });
  return { status: 'stored' };
}
