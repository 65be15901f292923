import type { PartnerPolicy } from '#domain/partners';
import type { CallbackQueueTarget } from '../shared/callbacks/queue';
import {
  requestPartnerCallback,
  withdrawPartnerCallbacks,
} from '../shared/callbacks/request-partner-callback';
import type { PartnerCallbackPort, WithdrawCallbacksPort } from './qualify';

/**
 * The listener's path into the callbacks pipeline: hands the form's callback details to
 * `requestPartnerCallback`, the one producer of partner callbacks, also used by the pipeline tests.
 */
export function partnerCallbackPort(
  queue: CallbackQueueTarget,
  partners: readonly PartnerPolicy[],
  now = () => new Date(),
): PartnerCallbackPort {
  return async (contactId, details, abortSignal) =>
    requestPartnerCallback({ contactId, ...details }, { ...queue, partners, now, abortSignal });
}

/** The listener's withdrawal into the callbacks pipeline: ids only reach the queue. */
export function withdrawCallbacksPort(
  queue: CallbackQueueTarget,
  now = () => new Date(),
): WithdrawCallbacksPort {
  return async (contactId, abortSignal) =>
    withdrawPartnerCallbacks(contactId, { ...queue, now, abortSignal });
}
