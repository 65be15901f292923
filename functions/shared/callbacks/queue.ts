import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type CallbackRequest, parseCallbackRequest } from '#domain/callbacks/request';

/**
 * Sends a callback request to the callback queue. The requestId is the idempotency key: it is the
 * FIFO deduplication id when the queue is FIFO, and dispatch-callback deduplicates on it in any case.
 * Message attributes carry ids only; the number travels in the (SSE-KMS encrypted) body.
 */
export async function sendCallbackRequest(
  sqs: SQSClient,
  queueUrl: string,
  request: CallbackRequest,
  abortSignal?: AbortSignal,
): Promise<{ messageId: string }> {
  const valid = parseCallbackRequest(request);
  const fifo = queueUrl.endsWith('.fifo');
  const sent = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(valid),
      MessageAttributes: {
        requestId: { DataType: 'String', StringValue: valid.requestId },
        partnerId: { DataType: 'String', StringValue: valid.partnerId },
      },
      ...(fifo ? { MessageGroupId: valid.requestId, MessageDeduplicationId: valid.requestId } : {}),
    }),
    { abortSignal },
  );
  return { messageId: sent.MessageId ?? '' };
}
