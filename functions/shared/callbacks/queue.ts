import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  type CallbackMessage,
  isWithdrawal,
  parseCallbackMessage,
  submissionOf,
} from '#domain/callbacks/request';

/**
 * Sends a callback message (a request, or a withdrawal) to the callback queue. dispatch-callback
 * deduplicates per submission; on a FIFO queue the deduplication id is the same key, and the group is
 * the call, so a call's submissions keep their order. Message attributes carry ids only; the number
 * travels in the (SSE-KMS encrypted) body.
 */
export async function sendCallbackMessage(
  sqs: SQSClient,
  queueUrl: string,
  message: CallbackMessage,
  abortSignal?: AbortSignal,
): Promise<{ messageId: string }> {
  const valid = parseCallbackMessage(message);
  const fifo = queueUrl.endsWith('.fifo');
  const key = isWithdrawal(valid) ? `withdrawal-${valid.contactId}` : valid.requestId;
  const sent = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(valid),
      MessageAttributes: isWithdrawal(valid)
        ? { kind: { DataType: 'String', StringValue: 'withdrawal' } }
        : {
            requestId: { DataType: 'String', StringValue: valid.requestId },
            partnerId: { DataType: 'String', StringValue: valid.partnerId },
          },
      ...(fifo
        ? {
            MessageGroupId: valid.contactId,
            MessageDeduplicationId: `${key}-${submissionOf(valid)}`.slice(0, 128),
          }
        : {}),
    }),
    { abortSignal },
  );
  return { messageId: sent.MessageId ?? '' };
}

/** Sends a callback request; see {@link sendCallbackMessage}. */
export const sendCallbackRequest = sendCallbackMessage;
