import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { type CallbackRecord, partnerStatusKey } from '#domain/callbacks/record';
import {
  type CallbackRequest,
  InvalidCallbackRequestError,
  parseCallbackRequest,
} from '#domain/callbacks/request';
import type { ContactCipher } from '../shared/callbacks/encryption';
import type { CallbackNotifier } from '../shared/callbacks/notifier';
import { type CallbackStore, getCallback, markNotified, putNewCallback } from '../shared/callbacks/store';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';

export interface DispatchDeps {
  readonly store: CallbackStore;
  readonly cipher: ContactCipher;
  readonly notifier: CallbackNotifier;
  readonly logger: Logger;
  readonly metrics: MetricSink;
  readonly now?: () => Date;
}

/** What dispatch keeps as the idempotent result: ids only, it is stored in the idempotency table. */
export interface DispatchResult {
  readonly requestId: string;
  readonly partnerId: string;
  readonly created: boolean;
  readonly notified: boolean;
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

/**
 * Stores a callback request as a `pending` record with its contact details encrypted, then notifies
 * the partner (SNS) or the line (Connect task). Each step is idempotent on its own, so a retry after a
 * fault at any point ends with one record and, barring a lasting DynamoDB outage, one notification.
 */
export async function dispatchCallbackRequest(
  request: CallbackRequest,
  deps: DispatchDeps,
): Promise<DispatchResult> {
  const now = (deps.now ?? (() => new Date()))();
  const binding = { requestId: request.requestId, partnerId: request.partnerId };
  const encryptedContact = await deps.cipher.encrypt(
    request.codeWord === undefined
      ? { phoneNumber: request.phoneNumber }
      : { phoneNumber: request.phoneNumber, codeWord: request.codeWord },
    binding,
  );
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
    version: 0,
    history: [{ at: now.toISOString(), action: 'created', by: 'dispatch-callback' }],
  };
  const created = (await putNewCallback(deps.store, record)) === 'created';
  if (created) deps.metrics.emit('callbacksRequested', 1, { partnerId: request.partnerId });
  else {
    const existing = await getCallback(deps.store, request.requestId);
    if (existing?.notifiedAt !== undefined || existing?.status === 'closed') {
      deps.logger.info('Callback request already stored and notified', { requestId: request.requestId });
      return { requestId: request.requestId, partnerId: request.partnerId, created: false, notified: false };
    }
  }
  await deps.notifier.notify({
    requestId: request.requestId,
    partnerId: request.partnerId,
    dueBy: request.dueBy,
    kind: 'new',
    sequence: 0,
  });
  await persistently(5, () => markNotified(deps.store, request.requestId, new Date().toISOString()));
  deps.logger.info('Callback request stored and notified', {
    requestId: request.requestId,
    partnerId: request.partnerId,
    created,
  });
  return { requestId: request.requestId, partnerId: request.partnerId, created, notified: true };
}

/**
 * Reads a queue message as a CallbackRequest. A malformed one is logged with its message id and the
 * offending field names (never values) and rethrown: it fails alone, and SQS parks it in the DLQ.
 */
export function parseCallbackMessage(record: SQSRecord, logger: Logger): CallbackRequest {
  try {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      // JSON.parse messages quote the body, which may hold a number: never pass them on.
      throw new InvalidCallbackRequestError(['(body is not JSON)']);
    }
    return parseCallbackRequest(body);
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
