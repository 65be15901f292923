import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PartnerPolicy } from '#domain/partners';
import { stageVariables } from '#domain/stage-environment';
import { administrationOnlyKeyPolicy, allowKeyUse, phoneKeyContextConditions } from './key-policies';
import { LineFunction } from './line-function';
import type { PartnerTopics } from './partner-topics';
import { QueueEnvelopeKey } from './queue-envelope-key';
import { grantTableActions } from './table-access';

export interface CallbackDispatchProps {
  readonly callbackQueue: sqs.IQueue;
  readonly callbacksTable: dynamodb.ITable;
  readonly idempotencyTable: dynamodb.ITable;
  readonly partnerTopics: PartnerTopics;
  readonly instanceArn: string;
  /** The listeners' queue, where line callback tasks land. */
  readonly listenersQueueArn: string;
  /** Timeout of the consumer; the callback queue's visibility is six times it. */
  readonly timeout: Duration;
  readonly logRetentionDays: number;
  /** Hours a processed request id is remembered, so a redelivery does nothing twice. */
  readonly idempotencyHours: number;
  /** The portal link that partner notifications carry. */
  readonly partnerPortalUrl: string;
  /** The partners' SLAs and attempts, for the backstop TTL set at creation. */
  readonly partners: readonly PartnerPolicy[];
  /** Days a closed record is kept; also part of the backstop TTL. */
  readonly closedCallbacksDays: number;
}

/** The flow that places a callback task in the listeners' queue (tasks have no caller audio). */
export function callbackTaskFlowContent(listenersQueueArn: string): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'set-queue',
    Metadata: { name: 'Tâche de rappel' },
    Actions: [
      {
        Identifier: 'set-queue',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: listenersQueueArn },
        Transitions: {
          NextAction: 'transfer',
          Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
        },
      },
      {
        Identifier: 'transfer',
        Type: 'TransferContactToQueue',
        Parameters: {},
        Transitions: {
          NextAction: 'end',
          Errors: [
            { NextAction: 'end', ErrorType: 'QueueAtCapacity' },
            { NextAction: 'end', ErrorType: 'NoMatchingError' },
          ],
        },
      },
      { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  });
}

/**
 * `dispatch-callback`: the callback queue's consumer (partial batch failures), the phone-number key
 * it encrypts with, the queue-envelope key it alone unwraps messages with, and the task flow for the line's own callbacks. Only this function may
 * StartTaskContact; only it and the partner API may use the phone-number key.
 */
export class CallbackDispatch extends Construct {
  public readonly lineFunction: LineFunction;
  /** Dedicated key for callback phone numbers (AWS Encryption SDK, KMS keyring). */
  public readonly phoneKey: kms.Key;
  /** The RSA key whose public half seals numbers in the producers; only this consumer may Decrypt. */
  public readonly queueEnvelope: QueueEnvelopeKey;
  public readonly taskFlow: connect.CfnContactFlow;

  constructor(scope: Construct, id: string, props: CallbackDispatchProps) {
    super(scope, id);
    this.phoneKey = new kms.Key(this, 'PhoneKey', {
      description: 'Un premier pas: callback phone numbers (AWS Encryption SDK)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Administrators manage the key; only the roles named below (allowKeyUse) may use it.
      policy: administrationOnlyKeyPolicy(),
    });
    this.taskFlow = new connect.CfnContactFlow(this, 'TaskFlow', {
      instanceArn: props.instanceArn,
      name: 'Tâche de rappel',
      type: 'CONTACT_FLOW',
      description: 'Places IVR callback requests in the listeners queue as tasks',
      content: callbackTaskFlowContent(props.listenersQueueArn),
    });
    const instanceId = Fn.select(1, Fn.split('/', props.instanceArn));
    const flowId = Fn.select(3, Fn.split('/', this.taskFlow.attrContactFlowArn));

    this.lineFunction = new LineFunction(this, 'DispatchCallback', {
      name: 'dispatch-callback',
      timeout: props.timeout,
      memorySize: 512,
      logRetentionDays: props.logRetentionDays,
      environment: {
        CALLBACKS_TABLE_NAME: props.callbacksTable.tableName,
        IDEMPOTENCY_TABLE_NAME: props.idempotencyTable.tableName,
        PHONE_KEY_ARN: this.phoneKey.keyArn,
        PARTNER_TOPIC_ARNS: props.partnerTopics.topicArnsJson(),
        CONNECT_INSTANCE_ID: instanceId,
        CALLBACK_TASK_FLOW_ID: flowId,
        ...stageVariables.idempotencyHours(props.idempotencyHours),
        ...stageVariables.partnerPortalUrl(props.partnerPortalUrl),
        ...stageVariables.partners(props.partners),
        ...stageVariables.closedCallbacksRetentionDays(props.closedCallbacksDays),
      },
    });
    const fn = this.lineFunction.function;
    grantTableActions(fn, props.callbacksTable, ['PutItem', 'GetItem', 'UpdateItem']);
    // What Powertools' DynamoDBPersistenceLayer sends: get, put (in progress), update (done), delete (failed).
    grantTableActions(fn, props.idempotencyTable, ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);
    // Encrypt only: GenerateDataKey with the Encryption SDK's context; decrypting is the partner API's job.
    allowKeyUse(this.phoneKey, {
      sid: 'DispatchCallbackEncryptsCallbackContacts',
      role: fn.role as iam.IRole,
      actions: ['kms:GenerateDataKey'],
      conditions: phoneKeyContextConditions(),
    });
    this.queueEnvelope = new QueueEnvelopeKey(this, 'QueueEnvelope', {
      consumerRole: fn.role as iam.IRole,
      logRetentionDays: props.logRetentionDays,
    });
    fn.addEnvironment('CALLBACK_ENVELOPE_KEY_ARN', this.queueEnvelope.key.keyArn);
    for (const [partnerId, topic] of Object.entries(props.partnerTopics.topics)) {
      if (partnerId !== 'line') topic.grantPublish(fn);
    }
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['connect:StartTaskContact'],
        resources: [this.taskFlow.attrContactFlowArn, `${props.instanceArn}/contact/*`],
      }),
    );
    fn.addEventSource(
      new sources.SqsEventSource(props.callbackQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
    const instance = Stack.of(this).resolve(props.instanceArn) as { 'Fn::GetAtt'?: [string, string] };
    const instanceRef = instance['Fn::GetAtt'] ? `<${instance['Fn::GetAtt'].join('.')}>` : props.instanceArn;
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${instanceRef}/contact/*]`,
      reason:
        'StartTaskContact creates a contact whose id does not exist yet; the instance and the task flow are pinned.',
    });
  }
}
