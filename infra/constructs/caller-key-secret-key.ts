import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { administrationOnlyKeyPolicy } from './key-policies';

export interface CallerKeySecretKeyProps {
  /** The physical name of the one role that may decrypt (call-intake's); it lives in the Line stack. */
  readonly readerRoleName: string;
}

/**
 * The key of the caller-key HMAC secret. Administrators manage it; only call-intake's role may decrypt,
 * and only through Secrets Manager. The role is in the Line stack, deployed after this one, so the
 * policy names it by ARN in a condition (a principal that does not exist yet would be refused).
 * Secrets Manager may encrypt with it for the account (creating or replacing the secret's value),
 * which writes a secret and reads none.
 */
export class CallerKeySecretKey extends Construct {
  public readonly key: kms.Key;
  /**
   * The key as the secret should take it: a reference by ARN, so that `secretsmanager.Secret` cannot
   * add its usual statement (Decrypt through Secrets Manager for the whole account) to the policy.
   */
  public readonly keyForSecret: kms.IKey;

  constructor(scope: Construct, id: string, props: CallerKeySecretKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const viaSecretsManager = { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` };
    this.key = new kms.Key(this, 'Key', {
      description: 'Un premier pas: caller-key HMAC secret (call-intake only)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: administrationOnlyKeyPolicy(),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CallIntakeReadsTheCallerKeySecret',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'aws:PrincipalArn': stack.formatArn({
              service: 'iam',
              region: '',
              resource: 'role',
              resourceName: props.readerRoleName,
            }),
          },
          StringEquals: viaSecretsManager,
        },
      }),
    );
    // Secrets Manager acts as whoever creates or changes the value, who needs GenerateDataKey and Decrypt:
    // that is CloudFormation's execution role (CDK bootstrap), on deploys, through Secrets Manager only.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DeploymentWritesTheSecretThroughSecretsManager',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'aws:PrincipalArn': stack.formatArn({
              service: 'iam',
              region: '',
              resource: 'role',
              resourceName: `cdk-*-cfn-exec-role-${stack.account}-${stack.region}`,
            }),
          },
          StringEquals: viaSecretsManager,
        },
      }),
    );
    this.keyForSecret = kms.Key.fromKeyArn(this, 'KeyForSecret', this.key.keyArn);
  }
}
