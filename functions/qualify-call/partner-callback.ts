import type { SQSClient } from '@aws-sdk/client-sqs';
import { dueByFor } from '../shared/callbacks/config';
import { sendCallbackRequest } from '../shared/callbacks/queue';
import { callbackRequestId } from '../shared/callbacks/request-id';
import type { PartnerCallbackPort } from './qualify';

/**
 * The listener's path into the callbacks pipeline: builds the CallbackRequest (shared schema) with a
 * request id derived from the call and the partner, and sends it to the callback queue.
 */
export function partnerCallbackPort(
  sqs: SQSClient,
  queueUrl: string,
  now = () => new Date(),
): PartnerCallbackPort {
  return async (contactId, details, abortSignal) => {
    const createdAt = now();
    const requestId = callbackRequestId(contactId, details.partnerId);
    await sendCallbackRequest(
      sqs,
      queueUrl,
      {
        requestId,
        contactId,
        partnerId: details.partnerId,
        phoneNumber: details.phoneNumber,
        safeToCall: details.safeToCall,
        mayLeaveMessage: details.mayLeaveMessage,
        safeWindows: [...details.safeWindows],
        ...(details.codeWord !== undefined ? { codeWord: details.codeWord } : {}),
        language: 'fr',
        createdAt: createdAt.toISOString(),
        dueBy: dueByFor(details.partnerId, createdAt),
      },
      abortSignal,
    );
    return { requestId };
  };
}
