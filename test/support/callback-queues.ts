import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { localEnvelopeEnv } from '../../local/runtime/callback-envelope-key';

/** A queue and its DLQ for one test file, shaped like the template's callback queue. */
export interface TestQueues {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

/** Creates a fresh queue pair in the SQS emulator, so test files never consume each other's messages. */
export async function createTestQueues(
  sqs: SQSClient,
  options: { visibilitySeconds: number; maxReceiveCount: number },
): Promise<TestQueues> {
  const name = `callbacks-test-${randomUUID().slice(0, 8)}`;
  const arnOf = async (url: string) => {
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    const arn = attributes.Attributes?.QueueArn;
    if (arn === undefined) throw new Error(`No ARN for ${url}`);
    return arn;
  };
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqUrl = dlq.QueueUrl ?? '';
  const dlqArn = await arnOf(dlqUrl);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(options.visibilitySeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: options.maxReceiveCount,
        }),
      },
    }),
  );
  const url = queue.QueueUrl ?? '';
  return { url, arn: await arnOf(url), dlqUrl, dlqArn };
}

export async function visibleMessages(sqs: SQSClient, url: string): Promise<number> {
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(attributes.Attributes?.ApproximateNumberOfMessages ?? '0');
}

/**
 * The local-line settings of the callback functions: a raw AES key, the queue-envelope key pair and an
 * outbox directory.
 */
export function applyCallbackLocalEnv(): { outboxDir: string } {
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-outbox-'));
  process.env.PHONE_LOCAL_AES_KEY ??= randomBytes(32).toString('base64');
  for (const [name, value] of Object.entries(localEnvelopeEnv())) process.env[name] ??= value;
  process.env.LOCAL_OUTBOX_DIR = outboxDir;
  return { outboxDir };
}

/** A random French mobile number for one test, so log assertions can look for it. */
export function randomMobile(): string {
  return `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}
