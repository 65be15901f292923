import { type IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { SQSRecord } from 'aws-lambda';
import { isWithdrawal, type QueuedCallbackMessage } from '#domain/callbacks/request';
import { asError } from '../shared/env';
import {
  type DispatchDeps,
  type DispatchResult,
  dispatchCallbackMessage,
  parseCallbackMessage,
  unsealCallbackMessage,
} from './dispatch';

export interface DispatchRecordHandlerProps {
  readonly deps: DispatchDeps;
  /** The Powertools persistence on the idempotency table. */
  readonly persistenceStore: BasePersistenceLayer;
  /** Keyed on `requestId`. */
  readonly idempotencyConfig: IdempotencyConfig;
}

/**
 * The per-message work of the batch: parse, then unseal and dispatch once per submission (Powertools
 * idempotency).
 * Failures are logged with ids and rethrown, so the batch reports that message alone.
 */
export function makeDispatchRecordHandler(
  props: DispatchRecordHandlerProps,
): (record: SQSRecord) => Promise<DispatchResult> {
  const { deps } = props;
  const dispatchOnce = makeIdempotent(
    // Unsealed inside: a redelivery of a processed submission costs no KMS call.
    async (message: QueuedCallbackMessage): Promise<DispatchResult> =>
      dispatchCallbackMessage(await unsealCallbackMessage(message, deps.unwrapDataKey), deps),
    { persistenceStore: props.persistenceStore, config: props.idempotencyConfig },
  );
  return async (record: SQSRecord) => {
    const message = parseCallbackMessage(record, deps.logger);
    try {
      return await dispatchOnce(message);
    } catch (caught) {
      const error = asError(caught);
      deps.logger.warn('Callback request not dispatched; SQS will redeliver it', {
        messageId: record.messageId,
        requestId: isWithdrawal(message) ? undefined : message.requestId,
        contactId: message.contactId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        errorName: error.name,
      });
      throw error;
    }
  };
}
