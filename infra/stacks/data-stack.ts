import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TABLES } from '#domain/tables';

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * The line's stateful resources, in a stack of their own with termination protection: the data key
 * and the five tables (calls, statistics, callbacks, idempotency, audit). Nothing here has a
 * physical name, and everything is retained if the stack is ever deleted.
 */
export class DataStack extends Stack {
  /** Customer managed key for the tables, queues and secrets of the line. */
  public readonly key: kms.Key;
  /** Calls in progress, keyed by contactId; each item lives days, not months. */
  public readonly callsTable: dynamodb.Table;
  /** Anonymous statistics of ended calls, by random id: what the monthly report reads. */
  public readonly statisticsTable: dynamodb.Table;
  public readonly callbacksTable: dynamodb.Table;
  public readonly idempotencyTable: dynamodb.Table;
  /** Append-only audit of callback requests (openings, claims, outcomes, withdrawals), 12 months. */
  public readonly auditTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { ...props, terminationProtection: true });

    this.key = new kms.Key(this, 'DataKey', {
      description: 'Un premier pas: call records, call statistics, callback requests',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const tableDefaults = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    this.callsTable = new dynamodb.Table(this, 'CallsTable', {
      ...tableDefaults,
      partitionKey: string(TABLES.calls.partitionKey),
      timeToLiveAttribute: TABLES.calls.ttlAttribute,
    });
    this.callsTable.addGlobalSecondaryIndex({
      indexName: TABLES.calls.byDay.indexName,
      partitionKey: string(TABLES.calls.byDay.partitionKey),
      sortKey: string(TABLES.calls.byDay.sortKey),
    });

    // A table of its own rather than a partition of calls: the report reads it without any access to
    // contactId-keyed items, and its TTL is the stage's retention while call items live days.
    this.statisticsTable = new dynamodb.Table(this, 'StatisticsTable', {
      ...tableDefaults,
      partitionKey: string(TABLES.statistics.partitionKey),
      timeToLiveAttribute: TABLES.statistics.ttlAttribute,
    });
    this.statisticsTable.addGlobalSecondaryIndex({
      indexName: TABLES.statistics.byDay.indexName,
      partitionKey: string(TABLES.statistics.byDay.partitionKey),
    });

    this.callbacksTable = new dynamodb.Table(this, 'CallbacksTable', {
      ...tableDefaults,
      partitionKey: string(TABLES.callbacks.partitionKey),
      timeToLiveAttribute: TABLES.callbacks.ttlAttribute,
    });
    this.callbacksTable.addGlobalSecondaryIndex({
      indexName: TABLES.callbacks.byPartnerStatus.indexName,
      partitionKey: string(TABLES.callbacks.byPartnerStatus.partitionKey),
      sortKey: string(TABLES.callbacks.byPartnerStatus.sortKey),
    });

    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...tableDefaults,
      partitionKey: string(TABLES.idempotency.partitionKey),
      timeToLiveAttribute: TABLES.idempotency.ttlAttribute,
    });

    // Retained, PITR, customer key like the others; writers get PutItem alone (see AuditWriters).
    this.auditTable = new dynamodb.Table(this, 'AuditTable', {
      ...tableDefaults,
      partitionKey: string(TABLES.audit.partitionKey),
      sortKey: string(TABLES.audit.sortKey),
      timeToLiveAttribute: TABLES.audit.ttlAttribute,
    });
  }
}
