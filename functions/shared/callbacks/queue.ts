import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  type CallbackMessage,
  type CallbackRequest,
  isWithdrawal,
  parseCallbackRequest,
  parseCallbackWithdrawal,
  type QueuedCallbackMessage,
  type SealedCallbackRequest,
  submissionOf,
} from '#domain/callbacks/request';
import type { ContactSealer } from './queue-envelope';

/** Where producers send callback messages, and the sealer that keeps numbers out of the queue. */
export interface CallbackQueueTarget {
  readonly sqs: SQSClient;
  /** CALLBACK_QUEUE_URL. */
  readonly queueUrl: string;
  /** Seals the number and code word with the queue-envelope public key (CALLBACK_ENVELOPE_PUBLIC_KEY). */
  readonly seal: ContactSealer;
}

/** The request as it crosses the queue: the number and code word sealed, everything else as is. */
export function sealCallbackRequest(request: CallbackRequest, seal: ContactSealer): SealedCallbackRequest {
  const { phoneNumber, codeWord, ...rest } = request;
  const secret = codeWord === undefined ? { phoneNumber } : { phoneNumber, codeWord };
  return {
    ...rest,
    sealedContact: seal(secret, { requestId: request.requestId, partnerId: request.partnerId }),
  };
}

/**
 * Sends a callback message (a request, or a withdrawal) to the callback queue. A request's number
 * and code word are sealed first (queue-envelope.ts): the body holds them as ciphertext only.
 * dispatch-callback deduplicates per submission; on a FIFO queue the deduplication id is the same
 * key, and the group is the call, so a call's submissions keep their order. Message attributes carry
 * ids only.
 */
export async function sendCallbackMessage(
  target: CallbackQueueTarget,
  message: CallbackMessage,
  abortSignal?: AbortSignal,
): Promise<{ messageId: string }> {
  const queued: QueuedCallbackMessage = isWithdrawal(message)
    ? parseCallbackWithdrawal(message)
    : sealCallbackRequest(parseCallbackRequest(message), target.seal);
  const fifo = target.queueUrl.endsWith('.fifo');
  const key = isWithdrawal(queued) ? `withdrawal-${queued.contactId}` : queued.requestId;
  const sent = await target.sqs.send(
    new SendMessageCommand({
      QueueUrl: target.queueUrl,
      MessageBody: JSON.stringify(queued),
      MessageAttributes: isWithdrawal(queued)
        ? { kind: { DataType: 'String', StringValue: 'withdrawal' } }
        : {
            requestId: { DataType: 'String', StringValue: queued.requestId },
            partnerId: { DataType: 'String', StringValue: queued.partnerId },
          },
      ...(fifo
        ? {
            MessageGroupId: queued.contactId,
            MessageDeduplicationId: `${key}-${submissionOf(queued)}`.slice(0, 128),
          }
        : {}),
    }),
    { abortSignal },
  );
  return { messageId: sent.MessageId ?? '' };
}

/** Sends a callback request; see {@link sendCallbackMessage}. */
export const sendCallbackRequest = sendCallbackMessage;
