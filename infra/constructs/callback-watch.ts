import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PartnerPolicy } from '#domain/partners';
import { stageVariables } from '#domain/stage-environment';
import { eventTargetDeadLetterQueue } from './event-target-dead-letter-queue';
import { LineFunction } from './line-function';
import type { PartnerTopics } from './partner-topics';
import { grantTableActions } from './table-access';

export interface CallbackWatchProps {
  readonly callbacksTable: dynamodb.ITable;
  readonly partnerTopics: PartnerTopics;
  /** Encrypts the schedule's DLQ. */
  readonly encryptionKey: kms.IKey;
  readonly logRetentionDays: number;
  /** Service levels: when a request is overdue, and after how many windows it closes. */
  readonly partners: readonly PartnerPolicy[];
  /** Days a closed record is kept. */
  readonly closedCallbacksDays: number;
  /** The portal link that reminders carry. */
  readonly partnerPortalUrl: string;
  /** @default Duration.hours(1) */
  readonly every?: Duration;
}

/**
 * `callback-watch` on a schedule: counts open and overdue requests (the overdue alarm reads its
 * metric), re-notifies overdue ones by SNS and closes those past their last window. It never
 * decrypts and starts no Connect task.
 */
export class CallbackWatch extends Construct {
  public readonly lineFunction: LineFunction;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: CallbackWatchProps) {
    super(scope, id);
    this.lineFunction = new LineFunction(this, 'CallbackWatch', {
      name: 'callback-watch',
      timeout: Duration.seconds(60),
      logRetentionDays: props.logRetentionDays,
      environment: {
        CALLBACKS_TABLE_NAME: props.callbacksTable.tableName,
        PARTNER_TOPIC_ARNS: props.partnerTopics.topicArnsJson(),
        ...stageVariables.partners(props.partners),
        ...stageVariables.closedCallbacksRetentionDays(props.closedCallbacksDays),
        ...stageVariables.partnerPortalUrl(props.partnerPortalUrl),
      },
    });
    const fn = this.lineFunction.function;
    // Updates records it finds overdue (re-notified, closed); it lists them by the index (CallbackPipeline).
    grantTableActions(fn, props.callbacksTable, ['UpdateItem']);
    for (const topic of Object.values(props.partnerTopics.topics)) topic.grantPublish(fn);
    this.deadLetterQueue = eventTargetDeadLetterQueue(this, 'DeadLetters', {
      encryptionKey: props.encryptionKey,
      usedBy: 'of the overdue-watch schedule target',
    });
    new events.Rule(this, 'Schedule', {
      description: 'Un premier pas: overdue callback watch',
      schedule: events.Schedule.rate(props.every ?? Duration.hours(1)),
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2 })],
    });
  }
}
