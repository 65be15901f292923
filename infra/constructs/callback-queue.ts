import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Deliveries before a callback request is parked in the DLQ. */
export const CALLBACK_MAX_RECEIVE_COUNT = 5;

export interface CallbackQueueProps {
  /** Encrypts the requests at rest: they carry a phone number until dispatch encrypts it. */
  readonly encryptionKey: kms.IKey;
  /** Timeout of the consumer (`dispatch-callback`); visibility is six times this. */
  readonly consumerTimeout: Duration;
}

/**
 * The queue callback requests travel on, from the flow, `qualify-call` and the partner side to
 * `dispatch-callback`: SSE-KMS with the data key, TLS only, and a DLQ after five failed deliveries.
 */
export class CallbackQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: CallbackQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      // Long enough for ops to replay after a holiday weekend; SQS caps retention at 14 days.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      // AWS guidance for Lambda consumers: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: CALLBACK_MAX_RECEIVE_COUNT },
    });
  }
}
