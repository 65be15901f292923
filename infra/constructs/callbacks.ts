import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PartnerConfig } from '#domain/partners';
import type { AbuseLimits, Retention } from '#domain/stage';
import { TABLES } from '#domain/tables';
import { AuditWriters } from './audit-writers';
import { CallbackDispatch } from './callback-dispatch';
import { CallbackWatch } from './callback-watch';
import type { LineFunction } from './line-function';
import { PartnerApi } from './partner-api';
import type { PortalAddress } from './partner-portal-site';
import { PartnerTopics } from './partner-topics';
import { grantIndexQuery } from './table-access';

export interface CallbackPipelineProps {
  readonly partners: readonly PartnerConfig[];
  /** Where the portal is served: the link partner notifications carry, the sign-in callback, the CORS origin. */
  readonly partnerPortal: PortalAddress;
  /** Prefix of the Cognito managed login domain. */
  readonly signInDomainPrefix: string;
  readonly retention: Retention;
  /** The partner API's concurrency cap and rate limits. */
  readonly limits: AbuseLimits;
  readonly callbackQueue: sqs.IQueue;
  readonly callbacksTable: dynamodb.ITable;
  readonly idempotencyTable: dynamodb.ITable;
  /** The append-only audit; the three callback functions write to it, PutItem only. */
  readonly auditTable: dynamodb.ITable;
  /** The data key (tables, queues); encrypts the watch schedule's DLQ. */
  readonly dataKey: kms.IKey;
  readonly instanceArn: string;
  readonly listenersQueueArn: string;
  readonly consumerTimeout: Duration;
}

/**
 * Callback requests after the queue: the consumer (`dispatch-callback`), the partner topics, the
 * partner API with its user pool, and the overdue watch. Exposes its functions and DLQs so the line
 * stack lists them for the dashboard and alarms.
 */
export class CallbackPipeline extends Construct {
  public readonly topics: PartnerTopics;
  public readonly dispatch: CallbackDispatch;
  public readonly partnerApi: PartnerApi;
  public readonly watch: CallbackWatch;
  public readonly functions: readonly LineFunction[];
  public readonly deadLetterQueues: readonly sqs.IQueue[];

  constructor(scope: Construct, id: string, props: CallbackPipelineProps) {
    super(scope, id);
    const { partners, retention } = props;
    const partnerPortalUrl = props.partnerPortal.url;
    const logRetentionDays = retention.logsDays;
    this.topics = new PartnerTopics(this, 'PartnerTopics', { partners });
    this.dispatch = new CallbackDispatch(this, 'Dispatch', {
      callbackQueue: props.callbackQueue,
      callbacksTable: props.callbacksTable,
      idempotencyTable: props.idempotencyTable,
      partnerTopics: this.topics,
      instanceArn: props.instanceArn,
      listenersQueueArn: props.listenersQueueArn,
      timeout: props.consumerTimeout,
      logRetentionDays,
      idempotencyHours: retention.idempotencyHours,
      partnerPortalUrl,
      partners,
      closedCallbacksDays: retention.closedCallbacksDays,
    });
    // The queue carries callback numbers: only the consumer may read a message off it, whatever
    // other IAM grants say (an explicit deny wins). Ops redrive with StartMessageMoveTask, which sends.
    const consumerRole = this.dispatch.lineFunction.function.role;
    if (consumerRole === undefined) throw new Error('dispatch-callback has no execution role');
    props.callbackQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
        resources: [props.callbackQueue.queueArn],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': consumerRole.roleArn } },
      }),
    );
    this.partnerApi = new PartnerApi(this, 'PartnerApi', {
      partners,
      callbacksTable: props.callbacksTable,
      phoneKey: this.dispatch.phoneKey,
      portal: props.partnerPortal,
      signInDomainPrefix: props.signInDomainPrefix,
      logRetentionDays,
      closedCallbacksDays: retention.closedCallbacksDays,
      concurrency: props.limits.partnerApiConcurrency,
      rate: props.limits.partnerApiRate,
      openRate: props.limits.openNumberRate,
    });
    this.watch = new CallbackWatch(this, 'Watch', {
      callbacksTable: props.callbacksTable,
      partnerTopics: this.topics,
      encryptionKey: props.dataKey,
      logRetentionDays,
      partners,
      closedCallbacksDays: retention.closedCallbacksDays,
      partnerPortalUrl,
    });
    // The partner lists and the watch query the byPartnerStatus index, and no other.
    for (const reader of [this.partnerApi.lineFunction, this.watch.lineFunction]) {
      grantIndexQuery(reader.function, props.callbacksTable, TABLES.callbacks.byPartnerStatus.indexName);
    }
    this.functions = [this.dispatch.lineFunction, this.partnerApi.lineFunction, this.watch.lineFunction];
    new AuditWriters(this, 'AuditWriters', { auditTable: props.auditTable, writers: this.functions });
    this.deadLetterQueues = [this.watch.deadLetterQueue];
  }
}
