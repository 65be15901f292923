import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PartnerPolicy } from '#domain/partners';
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
  sqs: SQSClient,
  queueUrl: string,
  partners: readonly PartnerPolicy[],
  now = () => new Date(),
): PartnerCallbackPort {
  return async (contactId, details, abortSignal) =>
    requestPartnerCallback({ contactId, ...details }, { sqs, queueUrl, partners, now, abortSignal });
}

/** The listener's withdrawal into the callbacks pipeline: ids only reach the queue. */
export function withdrawCallbacksPort(
  sqs: SQSClient,
  queueUrl: string,
  now = () => new Date(),
): WithdrawCallbacksPort {
  return async (contactId, abortSignal) =>
    withdrawPartnerCallbacks(contactId, { sqs, queueUrl, now, abortSignal });
}
