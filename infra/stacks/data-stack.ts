import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLES } from '#domain/tables';
import { CallerKeySecretKey } from '../constructs/caller-key-secret-key';

export interface DataStackProps extends StackProps {
  /** The physical name of call-intake's role, the one reader of the caller-key secret. */
  readonly callIntakeRoleName: string;
}

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * The line's stateful resources, in a stack of their own with termination protection:
 * the data key, the three tables, and the caller-key HMAC secret with its own key. Nothing here has a physical name,
 * and everything is retained if the stack is ever deleted.
 */
export class DataStack extends Stack {
  /** Customer managed key for the tables, queues and secrets of the line. */
  public readonly key: kms.Key;
  public readonly callsTable: dynamodb.Table;
  public readonly callbacksTable: dynamodb.Table;
  public readonly idempotencyTable: dynamodb.Table;
  /** HMAC key that derives a `callerKey` from a calling number; never a plain hash. */
  public readonly callerKeySecret: secretsmanager.Secret;
  /** The secret's own key: only call-intake may decrypt with it. */
  public readonly callerKeySecretKey: kms.Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { ...props, terminationProtection: true });

    this.key = new kms.Key(this, 'DataKey', {
      description: 'Un premier pas: call records, callback requests, caller-key secret',
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

    const callerKeySecretKey = new CallerKeySecretKey(this, 'CallerKeySecretKey', {
      readerRoleName: props.callIntakeRoleName,
    });
    this.callerKeySecretKey = callerKeySecretKey.key;
    this.callerKeySecret = new secretsmanager.Secret(this, 'CallerKeySecret', {
      description: 'HMAC key for caller keys of Un premier pas (never a plain hash of a number)',
      encryptionKey: callerKeySecretKey.keyForSecret,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.callerKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the HMAC key would cut the link between a caller’s past and future calls; it is changed deliberately, not on a schedule.',
    });
  }
}
