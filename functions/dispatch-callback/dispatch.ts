import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import {
  backstopExpiresAt,
  type CallbackRecord,
  isAmendable,
  partnerStatusKey,
} from '#domain/callbacks/record';
import {
  type CallbackMessage,
  type CallbackRequest,
  type CallbackWithdrawal,
  InvalidCallbackRequestError,
  isSealed,
  isWithdrawal,
  parseQueuedCallbackMessage,
  type QueuedCallbackMessage,
  submissionOf,
} from '#domain/callbacks/request';
import { findPartner, PARTNER_IDS, type PartnerId } from '#domain/partners';
import type { ContactCipher } from '../shared/callbacks/encryption';
import { closeCallback, type LifecycleDeps } from '../shared/callbacks/lifecycle';
import type { CallbackNotifier } from '../shared/callbacks/notifier';
import { type DataKeyUnwrapper, openSealedContact } from '../shared/callbacks/queue-envelope';
import { callbackRequestId } from '../shared/callbacks/request-id';
import {
  claimNotification,
  getCallback,
  markNotified,
  putNewCallback,
  releaseNotification,
  updateCallback,
} from '../shared/callbacks/store';
import { isWithdrawnSubmission, recordWithdrawal } from '../shared/callbacks/withdrawal-tombstone';
import { asError } from '../shared/env';

export interface DispatchDeps extends LifecycleDeps {
  readonly cipher: ContactCipher;
  /** Unwraps the data key of a queue envelope: KMS Decrypt with the queue-envelope key. */
  readonly unwrapDataKey: DataKeyUnwrapper;
  readonly notifier: CallbackNotifier;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What dispatch keeps as the idempotent result: ids only, it is stored in the idempotency table. */
export interface DispatchResult {
  readonly requestId?: string;
  readonly partnerId?: string;
  readonly created: boolean;
  readonly notified: boolean;
  /** A later submission changed a pending request. */
  readonly amended?: boolean;
  /** Requests of the same call closed as `withdrawn` by this message. */
  readonly withdrawn?: readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries a write that must follow a side effect already done, so a blip does not repeat the effect. */
async function persistently<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (caught) {
      if (attempt >= attempts) throw caught;
      await sleep(25 * 2 ** attempt);
    }
  }
}

/** Who withdraws on the listener's behalf: the form's function (the listener is not identified there). */
const LISTENER_FORM = 'qualify-call';

/** The open requests of a call, by partner: ids derive from contact and partner, so no index is needed. */
async function requestsOfContact(
  deps: DispatchDeps,
  contactId: string,
  except?: PartnerId,
): Promise<CallbackRecord[]> {
  const records = await Promise.all(
    PARTNER_IDS.filter((partnerId) => partnerId !== except).map((partnerId) =>
      getCallback(deps.store, callbackRequestId(contactId, partnerId)),
    ),
  );
  return records.filter((record): record is CallbackRecord => record !== undefined);
}

/**
 * Closes as `withdrawn` (number deleted, audited) each open request of the call older than
 * `submission`. Returns the ids closed.
 */
async function withdrawOlder(
  deps: DispatchDeps,
  records: readonly CallbackRecord[],
  submission: number,
  now: Date,
): Promise<string[]> {
  const withdrawn: string[] = [];
  for (const record of records) {
    if (record.status === 'closed' || submissionOf(record) >= submission) continue;
    await closeCallback(deps, record, 'withdrawn', { by: LISTENER_FORM }, now);
    withdrawn.push(record.requestId);
    deps.logger.info('Callback request withdrawn', {
      requestId: record.requestId,
      partnerId: record.partnerId,
    });
  }
  return withdrawn;
}

/** The listener withdrew the call's requests: close every older open one. */
export async function dispatchCallbackWithdrawal(
  withdrawal: CallbackWithdrawal,
  deps: DispatchDeps,
): Promise<DispatchResult> {
  const now = (deps.now ?? (() => new Date()))();
  // The tombstone first, then the records: a request stored meanwhile sees the tombstone (below).
  await recordWithdrawal(deps.store, withdrawal.contactId, withdrawal.submission, now);
  const records = await requestsOfContact(deps, withdrawal.contactId);
  const withdrawn = await withdrawOlder(deps, records, withdrawal.submission, now);
  return { created: false, notified: false, withdrawn };
}

/**
 * How long a notification claim holds: past it, a redelivery (SQS visibility 180 s) may notify in place
 * of a consumer that died after claiming. Three times the consumer's 30 s time limit.
 */
const NOTIFY_CLAIM_STALE_MS = 90_000;

/** The request's notification is being sent by another consumer; the message is retried. Ids only. */
export class NotificationInProgressError extends Error {
  override readonly name = 'NotificationInProgressError';
  constructor(readonly requestId: string) {
    super(`Callback request ${requestId} is being notified by another consumer`);
  }
}

/** Notifies the partner once, then records it; skipped when already notified or closed. */
async function notifyOnce(deps: DispatchDeps, request: CallbackRequest, now: Date, record?: CallbackRecord) {
  if (record !== undefined && (record.notifiedAt !== undefined || record.status === 'closed')) return false;
  // Two submissions of one request can race in a batch: only the consumer holding the claim notifies.
  if (!(await claimNotification(deps.store, request.requestId, now, NOTIFY_CLAIM_STALE_MS))) {
    const current = await getCallback(deps.store, request.requestId);
    if (current?.notifiedAt !== undefined || current?.status === 'closed') return false;
    // Another consumer is notifying right now: retry later rather than succeed without a notification.
    throw new NotificationInProgressError(request.requestId);
  }
  try {
    await deps.notifier.notify({
      requestId: request.requestId,
      partnerId: request.partnerId,
      dueBy: request.dueBy,
      kind: 'new',
      sequence: 0,
      language: request.language,
    });
  } catch (caught) {
    // Give the claim back so the redelivery can notify at once; if that fails too, the claim goes stale.
    await releaseNotification(deps.store, request.requestId, now).catch(() => undefined);
    throw caught;
  }
  await persistently(5, () => markNotified(deps.store, request.requestId, new Date().toISOString()));
  return true;
}

/**
 * Stores a callback request as a `pending` record with its contact details encrypted, then notifies
 * the partner (SNS) or the line (Connect task). A later submission of the same call amends a pending
 * request (number, code word, safe-contact rules), and withdraws the call's requests to another
 * partner. Each step is idempotent on its own, so a retry after a fault at any point ends with one
 * record and, barring a lasting DynamoDB outage, one notification.
 */
export async function dispatchCallbackRequest(
  request: CallbackRequest,
  deps: DispatchDeps,
): Promise<DispatchResult> {
  const now = (deps.now ?? (() => new Date()))();
  const submission = submissionOf(request);
  const ids = { requestId: request.requestId, partnerId: request.partnerId };
  // A withdrawal that overtook this request in the queue: it never reaches the association.
  if (await isWithdrawnSubmission(deps.store, request.contactId, submission)) {
    deps.logger.info('Callback request withdrawn before it arrived; not stored', ids);
    return { ...ids, created: false, notified: false, withdrawn: [request.requestId] };
  }
  const siblings = await requestsOfContact(deps, request.contactId, request.partnerId);
  // A later submission already chose another partner: this one is stale, and must not reappear.
  if (siblings.some((sibling) => submissionOf(sibling) > submission)) {
    deps.logger.info('Callback request superseded by a later submission; not stored', ids);
    return { ...ids, created: false, notified: false };
  }
  const withdrawn = await withdrawOlder(deps, siblings, submission, now);
  const encryptedContact = await deps.cipher.encrypt(
    request.codeWord === undefined
      ? { phoneNumber: request.phoneNumber }
      : { phoneNumber: request.phoneNumber, codeWord: request.codeWord },
    ids,
  );
  const partner = findPartner(deps.policy.partners, request.partnerId);
  const record: CallbackRecord = {
    requestId: request.requestId,
    contactId: request.contactId,
    partnerId: request.partnerId,
    status: 'pending',
    partnerStatus: partnerStatusKey(request.partnerId, 'pending'),
    createdAt: request.createdAt,
    dueBy: request.dueBy,
    slaDueBy: request.dueBy,
    safeToCall: request.safeToCall,
    mayLeaveMessage: request.mayLeaveMessage,
    safeWindows: request.safeWindows,
    language: request.language,
    hasCodeWord: request.codeWord !== undefined,
    encryptedContact,
    attempts: 0,
    renotifications: 0,
    submission,
    // The backstop: even a request nobody closes leaves the table once it cannot serve its purpose.
    expiresAt: backstopExpiresAt(new Date(request.createdAt), partner, deps.policy.closedCallbacksDays),
    version: 0,
    history: [{ at: now.toISOString(), action: 'created', by: 'dispatch-callback', submission }],
  };
  const created = (await putNewCallback(deps.store, record)) === 'created';
  if (created) {
    deps.metrics.emit('callbacksRequested', 1, { partnerId: request.partnerId });
    // A withdrawal processed while this was being stored wrote its tombstone before reading the records,
    // and may have missed this one: read the tombstone again before notifying.
    if (await isWithdrawnSubmission(deps.store, request.contactId, submission)) {
      await closeCallback(deps, record, 'withdrawn', { by: LISTENER_FORM }, now);
      deps.logger.info('Callback request withdrawn while it was being stored; not notified', ids);
      return { ...ids, created, notified: false, withdrawn: [...withdrawn, request.requestId] };
    }
    const notified = await notifyOnce(deps, request, now);
    deps.logger.info('Callback request stored and notified', { ...ids, created });
    return { ...ids, created, notified, withdrawn };
  }
  const existing = await getCallback(deps.store, request.requestId);
  if (existing === undefined) throw new Error(`callback ${request.requestId} vanished after its put`);
  let amended = false;
  if (submissionOf(existing) < submission) {
    if (isAmendable(existing)) {
      await updateCallback(deps.store, existing, {
        set: {
          encryptedContact,
          hasCodeWord: record.hasCodeWord,
          safeToCall: request.safeToCall,
          mayLeaveMessage: request.mayLeaveMessage,
          safeWindows: request.safeWindows,
          language: request.language,
          submission,
        },
        history: [{ at: now.toISOString(), action: 'amended', by: 'dispatch-callback', submission }],
      });
      amended = true;
      deps.logger.info('Callback request amended by a later submission', ids);
    } else {
      // Claimed, opened or closed: the association already acts on it; changing it now would mislead.
      deps.logger.warn('Correction not applied: the request is already claimed, opened or closed', {
        ...ids,
        status: existing.status,
      });
    }
  }
  const notified = await notifyOnce(deps, request, now, existing);
  if (!notified && !amended) deps.logger.info('Callback request already stored and notified', ids);
  return { ...ids, created: false, notified, amended, withdrawn };
}

/** Dispatches a queue message of either kind. */
export function dispatchCallbackMessage(
  message: CallbackMessage,
  deps: DispatchDeps,
): Promise<DispatchResult> {
  return isWithdrawal(message)
    ? dispatchCallbackWithdrawal(message, deps)
    : dispatchCallbackRequest(message, deps);
}

/**
 * Opens a queued request's sealed contact details (queue-envelope.ts); withdrawals, and requests
 * queued in clear before the envelope, pass as they are.
 * @throws SealedContactError (request id and reason only) when the envelope does not open.
 */
export async function unsealCallbackMessage(
  message: QueuedCallbackMessage,
  unwrap: DataKeyUnwrapper,
): Promise<CallbackMessage> {
  if (!isSealed(message)) return message;
  const { sealedContact, ...request } = message;
  const contact = await openSealedContact(
    sealedContact,
    { requestId: request.requestId, partnerId: request.partnerId },
    unwrap,
  );
  return { ...request, ...contact };
}

/**
 * Reads a queue message as a sealed (or legacy clear) CallbackRequest or a withdrawal. A malformed one is logged with its message id and the
 * offending field names (never values) and rethrown: it fails alone, and SQS parks it in the DLQ.
 */
export function parseCallbackMessage(record: SQSRecord, logger: Logger): QueuedCallbackMessage {
  try {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      // JSON.parse messages quote the body, which may hold a number: never pass them on.
      throw new InvalidCallbackRequestError(['(body is not JSON)']);
    }
    return parseQueuedCallbackMessage(body);
  } catch (caught) {
    const error = asError(caught);
    logger.error('Malformed callback message: not processed, it goes to the DLQ after its retries', {
      messageId: record.messageId,
      receiveCount: record.attributes?.ApproximateReceiveCount,
      errorName: error.name,
      invalidFields: error instanceof InvalidCallbackRequestError ? error.fields : undefined,
    });
    throw error;
  }
}
