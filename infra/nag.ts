import { type App, Validations } from 'aws-cdk-lib';
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
