import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ConnectInstance } from './connect-instance';
import type { LineFunction } from './line-function';

export interface FlowLambdaIntegrationProps {
  readonly connectInstance: ConnectInstance;
  /** A function the contact flows invoke. */
  readonly lineFunction: LineFunction;
}

/**
 * Lets the line's flows invoke one Lambda: the instance-level integration association, and an
 * invoke permission for connect.amazonaws.com limited to this instance (and this account).
 */
export class FlowLambdaIntegration extends Construct {
  public readonly association: connect.CfnIntegrationAssociation;

  constructor(scope: Construct, id: string, props: FlowLambdaIntegrationProps) {
    super(scope, id);
    const { connectInstance, lineFunction } = props;
    this.association = connectInstance.chain(
      new connect.CfnIntegrationAssociation(this, 'Association', {
        instanceId: connectInstance.instanceArn,
        integrationType: 'LAMBDA_FUNCTION',
        integrationArn: lineFunction.function.functionArn,
      }),
    );
    lineFunction.function.addPermission('InvokeFromConnectInstance', {
      principal: new iam.ServicePrincipal('connect.amazonaws.com'),
      sourceArn: connectInstance.instanceArn,
      sourceAccount: connectInstance.instance.stack.account,
    });
  }
}
