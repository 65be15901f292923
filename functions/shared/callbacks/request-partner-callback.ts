import { type PhoneRejection, parseKeyedFrenchNumber } from '#domain/callbacks/phone';
import {
  type CallbackRequest,
  parseCallbackRequest,
  parseCallbackWithdrawal,
} from '#domain/callbacks/request';
import type { SafeWindow } from '#domain/callbacks/safe-windows';
import { dueByFor, findPartner, type PartnerId, type PartnerPolicy } from '#domain/partners';
import { type CallbackQueueTarget, sendCallbackMessage } from './queue';
import { callbackRequestId } from './request-id';

/** What the listener enters on the form, with the caller's consent. */
export interface PartnerCallbackInput {
  readonly contactId: string;
  readonly partnerId: PartnerId;
  /** As keyed: national (`06 12 34 56 78`), `0033…`, `33…` or E.164 `+33…`. */
  readonly phoneNumber: string;
  readonly safeToCall: boolean;
  readonly mayLeaveMessage: boolean;
  readonly safeWindows: readonly SafeWindow[];
  readonly codeWord?: string;
  /** ISO 639-1. @default 'fr' */
  readonly language?: string;
}

/** The queue, its URL and the sealer of the number (queue-envelope.ts), plus the stage's partners. */
export interface PartnerCallbackDeps extends CallbackQueueTarget {
  /** The stage's partners, for the request's due time. */
  readonly partners: readonly PartnerPolicy[];
  readonly now?: () => Date;
  /** Aborts the send when the caller's budget runs out (qualify-call answers the guide in time). */
  readonly abortSignal?: AbortSignal;
}

/** The number is not a French number; `reason` can be shown and logged, it holds no digits. */
export class InvalidCallbackNumberError extends Error {
  override readonly name = 'InvalidCallbackNumberError';
  constructor(readonly reason: PhoneRejection) {
    super(`The callback number is not a valid French number (${reason})`);
  }
}

/**
 * The listener's path: builds a CallbackRequest for a partner association (or the line) and sends it
 * to the callback queue, its number and code word sealed. The requestId derives from the contact and the partner, so submitting the
 * form twice yields one request, amended by the later submission while it is pending. `qualify-call` calls this with its own SQS client.
 * @throws InvalidCallbackNumberError for a number that is not French.
 * @throws InvalidCallbackRequestError (field names only) for any other invalid field.
 */
export async function requestPartnerCallback(
  input: PartnerCallbackInput,
  deps: PartnerCallbackDeps,
): Promise<{ requestId: string; dueBy: string }> {
  const phone = parseKeyedFrenchNumber(input.phoneNumber);
  if (!phone.ok) throw new InvalidCallbackNumberError(phone.reason);
  const createdAt = (deps.now ?? (() => new Date()))();
  const request: CallbackRequest = parseCallbackRequest({
    requestId: callbackRequestId(input.contactId, input.partnerId),
    contactId: input.contactId,
    partnerId: input.partnerId,
    phoneNumber: phone.e164,
    safeToCall: input.safeToCall,
    mayLeaveMessage: input.mayLeaveMessage,
    safeWindows: [...new Set(input.safeWindows)],
    ...(input.codeWord === undefined || input.codeWord.trim() === ''
      ? {}
      : { codeWord: input.codeWord.trim() }),
    language: input.language ?? 'fr',
    createdAt: createdAt.toISOString(),
    dueBy: dueByFor(findPartner(deps.partners, input.partnerId), createdAt),
    // Each submission of the form is a version: a later one amends a pending request, or moves it
    // to another partner (the earlier one is then withdrawn).
    submission: createdAt.getTime(),
  });
  await sendCallbackMessage(deps, request, deps.abortSignal);
  return { requestId: request.requestId, dueBy: request.dueBy };
}

/**
 * The listener's withdrawal ("plus sans danger"): every request of the call submitted before now is
 * closed as withdrawn by dispatch-callback, its number deleted. Carries ids only.
 */
export async function withdrawPartnerCallbacks(
  contactId: string,
  deps: Omit<PartnerCallbackDeps, 'partners'>,
): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  const withdrawal = parseCallbackWithdrawal({
    kind: 'withdrawal',
    contactId,
    submission: now.getTime(),
    createdAt: now.toISOString(),
  });
  await sendCallbackMessage(deps, withdrawal, deps.abortSignal);
}
