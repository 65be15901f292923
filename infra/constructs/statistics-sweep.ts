import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { stageVariables } from '#domain/stage-environment';
import { TABLES } from '#domain/tables';
import { eventTargetDeadLetterQueue } from './event-target-dead-letter-queue';
import { LineFunction } from './line-function';

/** The sweep runs daily at 02:00 UTC, when the line is closed and no call is being qualified. */
export const STATISTICS_SWEEP_SCHEDULE = { minute: '0', hour: '2' } as const;

export interface StatisticsSweepProps {
  readonly callsTable: dynamodb.ITable;
  readonly statisticsTable: dynamodb.ITable;
  /** Encrypts the schedule's DLQ. */
  readonly encryptionKey: kms.IKey;
  readonly logRetentionDays: number;
  /** Days the statistics are kept (the TTL of the items it puts). */
  readonly callsRetentionDays: number;
}

/**
 * `sweep-statistics` on a daily schedule: moves the statistics of calls older than a week that were
 * never qualified out of the contactId-keyed calls table (functions/sweep-statistics/sweep.ts).
 */
export class StatisticsSweep extends Construct {
  public readonly lineFunction: LineFunction;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: StatisticsSweepProps) {
    super(scope, id);
    this.lineFunction = new LineFunction(this, 'SweepStatistics', {
      name: 'sweep-statistics',
      timeout: Duration.minutes(5),
      logRetentionDays: props.logRetentionDays,
      environment: {
        CALLS_TABLE_NAME: props.callsTable.tableName,
        STATISTICS_TABLE_NAME: props.statisticsTable.tableName,
        ...stageVariables.callsRetentionDays(props.callsRetentionDays),
      },
    });
    const fn = this.lineFunction.function;
    // Query on the byDay index alone (written out: the CDK grant would add index/*), read and update
    // of call items, puts of statistics items.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.callsTable.tableArn}/index/${TABLES.calls.byDay.indexName}`],
      }),
    );
    props.callsTable.grant(fn, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    props.statisticsTable.grant(fn, 'dynamodb:PutItem');
    props.callsTable.encryptionKey?.grantEncryptDecrypt(fn);
    this.deadLetterQueue = eventTargetDeadLetterQueue(this, 'DeadLetters', {
      encryptionKey: props.encryptionKey,
      usedBy: 'of the daily statistics sweep schedule target',
    });
    new events.Rule(this, 'Schedule', {
      description: 'Un premier pas: daily move of unqualified calls statistics',
      schedule: events.Schedule.cron(STATISTICS_SWEEP_SCHEDULE),
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2 })],
    });
  }
}
