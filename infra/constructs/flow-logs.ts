import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { logRetention } from './line-function';

export interface FlowLogsProps {
  /** The Connect instance alias: Connect writes flow logs to `/aws/connect/<alias>`. */
  readonly instanceAlias: string;
  readonly logRetentionDays: number;
}

/**
 * The Connect flow-log group, created before the instance. Left to Connect, `/aws/connect/<alias>` is
 * made on first use with no expiry and no customer key, yet it holds menu choices such as "callback
 * requested"; created here, it keeps the stage's log retention and is encrypted with its own key.
 */
export class FlowLogs extends Construct {
  public readonly logGroup: logs.LogGroup;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const logGroupName = `/aws/connect/${props.instanceAlias}`;
    this.key = new kms.Key(this, 'Key', {
      description: `Un premier pas: Connect flow logs (${logGroupName})`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs may use the key for this log group only.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupName}`,
          },
        },
      }),
    );
    this.logGroup = new logs.LogGroup(this, 'Group', {
      logGroupName,
      retention: logRetention(props.logRetentionDays),
      encryptionKey: this.key,
      // The instance is retained; its logs stay under our retention and key with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
