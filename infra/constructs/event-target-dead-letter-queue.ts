import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue for an EventBridge target: KMS-encrypted with `encryptionKey`, TLS only, kept the
 * 14 days SQS allows so ops can replay after a holiday weekend. EventBridge writes to it itself, so the
 * service gets the key, scoped to this account. `usedBy` says whose DLQ it is, for the cdk-nag record.
 */
export function eventTargetDeadLetterQueue(
  scope: Construct,
  id: string,
  props: { readonly encryptionKey: kms.IKey; readonly usedBy: string },
): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: props.encryptionKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself a DLQ (${props.usedBy}); EventBridge target DLQs take no redrive policy.`,
  });
  props.encryptionKey.grant(
    new iam.ServicePrincipal('events.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    }),
    'kms:Decrypt',
    'kms:GenerateDataKey',
  );
  return queue;
}
