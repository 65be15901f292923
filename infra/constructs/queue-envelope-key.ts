import { type CfnResource, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { administrationOnlyKeyPolicy, allowKeyUse } from './key-policies';
import { LineFunction, logRetention } from './line-function';

/** The one algorithm the queue envelope wraps data keys with (functions/shared/callbacks/queue-envelope.ts). */
export const QUEUE_ENVELOPE_ALGORITHM = 'RSAES_OAEP_SHA_256';

export interface QueueEnvelopeKeyProps {
  /** dispatch-callback's role: the only principal that may Decrypt with the key. */
  readonly consumerRole: iam.IRole;
  readonly logRetentionDays: number;
}

/**
 * The queue-envelope key: an asymmetric RSA_3072 KMS key whose public half seals the callback number
 * and code word in the producers (request-callback, qualify-call), and whose private half never leaves
 * KMS. Administrators manage it and cannot use it; only dispatch-callback may Decrypt, and only with
 * RSAES_OAEP_SHA_256. Nobody has kms:Encrypt: producers encrypt locally with the public key.
 *
 * CloudFormation cannot output a public key, so a custom resource reads it once per deploy
 * (GetPublicKey, handler in `functions/queue-envelope-public-key`) and `publicKey` hands it to the
 * producers as an environment variable: no KMS call, and no KMS client, on a caller's path.
 */
export class QueueEnvelopeKey extends Construct {
  public readonly key: kms.Key;
  /** The public key, DER SubjectPublicKeyInfo in base64 (a deploy-time token). */
  public readonly publicKey: string;
  /** The custom resource's handler, so observability covers it like every other function. */
  public readonly publicKeyFunction: LineFunction;

  constructor(scope: Construct, id: string, props: QueueEnvelopeKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Un premier pas: callback numbers crossing the callback queue (RSA-OAEP envelope)',
      keySpec: kms.KeySpec.RSA_3072,
      keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
      // KMS rotates symmetric encryption keys only (cdk-nag's KMS5 agrees); rotating this one means
      // replacing it in a deploy, see docs/runbook.md.
      enableKeyRotation: false,
      // Messages sealed under it wait up to 4 days in the queue and 14 in the DLQ: never delete it with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      policy: administrationOnlyKeyPolicy(),
    });
    allowKeyUse(this.key, {
      sid: 'DispatchCallbackUnwrapsQueueEnvelopes',
      role: props.consumerRole,
      actions: ['kms:Decrypt'],
      conditions: { StringEquals: { 'kms:EncryptionAlgorithm': QUEUE_ENVELOPE_ALGORITHM } },
    });

    this.publicKeyFunction = new LineFunction(this, 'PublicKeyReader', {
      name: 'queue-envelope-public-key',
      timeout: Duration.seconds(30),
      logRetentionDays: props.logRetentionDays,
    });
    const reader = this.publicKeyFunction.function;
    allowKeyUse(this.key, {
      sid: 'DeployReadsThePublicKey',
      role: reader.role as iam.IRole,
      actions: ['kms:GetPublicKey'],
    });
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: reader,
      logGroup: new logs.LogGroup(this, 'ProviderLogs', {
        retention: logRetention(props.logRetentionDays),
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK Provider framework function: the managed policy only lets it write its own logs.',
    });
    Validations.of(provider).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(reader.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'The Provider framework invokes any version of its own onEvent handler, and only that function.',
    });
    const publicKey = new CustomResource(this, 'PublicKey', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::QueueEnvelopePublicKey',
      properties: { KeyArn: this.key.keyArn },
    });
    this.publicKey = publicKey.getAttString('PublicKey');
  }
}
