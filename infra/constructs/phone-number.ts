import { type CfnResource, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { PhoneNumberChoice } from '#domain/stage';
import { claimOrBringNumber } from './claimed-number';
import type { ConnectInstance } from './connect-instance';
import { LineFunction, logRetention } from './line-function';

export interface PhoneNumberProps {
  readonly connectInstance: ConnectInstance;
  /** Claim a new number, or associate one claimed beforehand. */
  readonly phoneNumber: PhoneNumberChoice;
  /** Flow that answers the number. */
  readonly contactFlowArn: string;
  readonly logRetentionDays: number;
}

/**
 * The line's public number (claimed in France) and its association with the main flow.
 * CloudFormation cannot associate a number with a flow, so a custom resource calls Connect's
 * AssociatePhoneNumberContactFlow (handler in `functions/phone-number-association`).
 */
export class PhoneNumber extends Construct {
  /** The number claimed by this stack; undefined when the stage brings an existing number. */
  public readonly phoneNumber?: connect.CfnPhoneNumber;
  public readonly phoneNumberArn: string;
  public readonly association: CustomResource;
  /** The custom resource's handler, so observability covers it like every other function. */
  public readonly associationFunction: LineFunction;

  constructor(scope: Construct, id: string, props: PhoneNumberProps) {
    super(scope, id);
    // Callers know this number: deleting the stack, or renaming this construct, must not release it.
    const number = claimOrBringNumber(
      this,
      props.connectInstance,
      props.phoneNumber,
      'Numéro de la ligne Un premier pas',
    );
    this.phoneNumber = number.phoneNumber;
    this.phoneNumberArn = number.phoneNumberArn;

    this.associationFunction = new LineFunction(this, 'PhoneNumberAssociation', {
      name: 'phone-number-association',
      timeout: Duration.seconds(30),
      logRetentionDays: props.logRetentionDays,
    });
    iam.Grant.addToPrincipal({
      grantee: this.associationFunction.function,
      actions: ['connect:AssociatePhoneNumberContactFlow', 'connect:DisassociatePhoneNumberContactFlow'],
      resourceArns: [this.phoneNumberArn, props.contactFlowArn],
    });

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.associationFunction.function,
      // Same retention as the handler; LineFunction has already checked the value is a valid period.
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
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.associationFunction.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'The Provider framework invokes any version of its own onEvent handler, and only that function.',
    });
    this.association = new CustomResource(this, 'FlowAssociation', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::PhoneNumberContactFlowAssociation',
      properties: {
        InstanceArn: props.connectInstance.instanceArn,
        PhoneNumberArn: this.phoneNumberArn,
        ContactFlowArn: props.contactFlowArn,
      },
    });
  }
}
