import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LineFunction } from './line-function';

/** EventBridge detail type of Amazon Connect contact events. */
export const CONTACT_EVENT_DETAIL_TYPE = 'Amazon Connect Contact Event';

export interface ContactEventsRuleProps {
  /** Only this instance's events reach the handler. */
  readonly instanceArn: string;
  readonly handler: LineFunction;
  /** Encrypts the dead letters (contact ids and timestamps only, but kept with the line's data key). */
  readonly encryptionKey: kms.IKey;
}

/**
 * Routes this instance's Connect contact events to `contact-events`. Nothing is lost: events that
 * EventBridge cannot deliver, and invocations that still fail after Lambda's async retries, both
 * land in one encrypted DLQ that alarms at its first message.
 */
export class ContactEventsRule extends Construct {
  public readonly rule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ContactEventsRuleProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a DLQ: of the EventBridge target and of Lambda async failures, which use no redrive policy.',
    });
    // EventBridge writes to the DLQ itself, so the service needs the key; scoped to our account.
    props.encryptionKey.grant(
      new iam.ServicePrincipal('events.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      'kms:Decrypt',
      'kms:GenerateDataKey',
    );

    this.rule = new events.Rule(this, 'Rule', {
      description: 'Amazon Connect contact events of the line, to contact-events',
      eventPattern: {
        source: ['aws.connect'],
        detailType: [CONTACT_EVENT_DETAIL_TYPE],
        detail: { instanceArn: [props.instanceArn] },
      },
      targets: [
        new targets.LambdaFunction(props.handler.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
    props.handler.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });
  }
}
