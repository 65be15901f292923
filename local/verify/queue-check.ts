import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SmokeResult } from './verify-ports';

/** A queue to find empty. */
export interface CheckedQueue {
  readonly name: string;
  readonly url: string;
}

/**
 * Every queue empty: no message visible, in flight or delayed. A message in a dead-letter queue is a
 * failure someone must look at; one in the callback queue is a request not yet dispatched.
 */
export async function emptyQueuesCheck(
  sqs: SQSClient,
  queues: readonly CheckedQueue[],
): Promise<SmokeResult> {
  if (queues.length === 0) return { check: 'queues', status: 'FAILED', detail: 'no queue found to check' };
  const busy: string[] = [];
  for (const queue of queues) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    const count = Object.values(Attributes).reduce((sum, value) => sum + Number(value ?? 0), 0);
    if (count > 0) busy.push(`${queue.name} (${count})`);
  }
  return busy.length === 0
    ? { check: 'queues', status: 'OK', detail: `${queues.length} queues empty` }
    : { check: 'queues', status: 'FAILED', detail: `messages waiting in ${busy.join(', ')}` };
}
