import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventTargetDeadLetterQueue } from './event-target-dead-letter-queue';
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
    this.deadLetterQueue = eventTargetDeadLetterQueue(this, 'DeadLetters', {
      encryptionKey: props.encryptionKey,
      usedBy: 'of the EventBridge target and of Lambda async failures',
    });

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
