import { type App, type CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { LineFunction } from './constructs/line-function';

/**
 * Registers the cdk-nag AwsSolutions pack on the app (v3 policy-validation API), so every synth checks
 * it. Findings that are accepted are acknowledged on the resource itself, with a granular id and a reason.
 */
export function registerNag(app: App): AwsSolutionsChecks {
  const pack = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(pack);
  return pack;
}

/** The managed policy every Lambda role gets from CDK, as cdk-nag names the finding. */
const LAMBDA_BASIC_EXECUTION =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * Acknowledges, on one line function, the two findings every LineFunction raises by design:
 * the Lambda basic execution managed policy, and a runtime that is not the newest one.
 */
export function acknowledgeLineFunction(lineFunction: LineFunction): void {
  // On the whole construct: a function with a named role holds it beside the function, not under it.
  Validations.of(lineFunction).acknowledge({
    id: LAMBDA_BASIC_EXECUTION,
    reason:
      'Grants only logs:CreateLogGroup/CreateLogStream/PutLogEvents; the function writes to its own log group with a set retention.',
  });
  Validations.of(lineFunction.function).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 is the runtime the line is built, bundled (target node22) and tested on; moving up is a deliberate, tested change.',
  });
}

/**
 * Acknowledges the KMS action wildcards that CDK's grant methods add for the data key
 * (tables and queues encrypted with it), on the given grantee only.
 */
export function acknowledgeDataKeyGrant(grantee: IConstruct): void {
  for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${action} comes from CDK's grant for the data key that encrypts the tables and queues this function uses; it is limited to that one key.`,
    });
  }
}

/**
 * Acknowledges, on the stack's BucketDeployment handler (one function per stack, shared by every
 * deployment), the findings the CDK's handler raises by design. The bucket it writes is given.
 */
export function acknowledgeBucketDeployments(scope: IConstruct, destination: IConstruct): void {
  const stack = Stack.of(scope);
  const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
  const assetBucket = `cdk-hnb659fds-assets-${literal(stack.account, 'AWS::AccountId')}-${literal(stack.region, 'AWS::Region')}`;
  const destinationId = stack.getLogicalId(destination.node.defaultChild as CfnElement);
  const wildcards: readonly [string, string][] = [
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map(
      (action) =>
        [
          `Action::${action}`,
          `${action} comes from the CDK grant that lets the handler read the build from the CDK asset bucket.`,
        ] as [string, string],
    ),
    ...['s3:Abort*', 's3:DeleteObject*'].map(
      (action) =>
        [
          `Action::${action}`,
          `${action} comes from the CDK grant that lets the handler sync the portal bucket (upload, prune).`,
        ] as [string, string],
    ),
    [
      `Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*`,
      'The handler reads the built portal from the CDK asset bucket, whose keys are content hashes.',
    ],
    [
      `Resource::<${destinationId}.Arn>/*`,
      'The handler writes every file of the portal, whose names come from the build, into the portal bucket only.',
    ],
    [
      'Resource::*',
      'CloudFront invalidations (CreateInvalidation, GetInvalidation) take no resource narrower than *.',
    ],
  ];
  for (const handler of stack.node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  )) {
    Validations.of(handler).acknowledge({
      id: LAMBDA_BASIC_EXECUTION,
      reason:
        'The CDK BucketDeployment handler writes its logs with the basic execution policy; it runs only at deploy time.',
    });
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The BucketDeployment handler runtime is chosen by the CDK release; it runs only at deploy time and moves with CDK upgrades.',
    });
    for (const [finding, reason] of wildcards) {
      Validations.of(handler).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }
}
