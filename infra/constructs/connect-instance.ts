import { type CfnResource, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';

export interface ConnectInstanceProps {
  /** Instance alias: unique per region, lower case; it is the access URL's host name. */
  readonly instanceAlias: string;
}

/**
 * The line's Amazon Connect instance: Connect-managed identities, inbound and outbound calls,
 * contact flow logs on, and no recording feature of any kind (contact lens, recordings, analytics off).
 * It also serialises every Connect resource of the stack (see `chain`), because CloudFormation would
 * otherwise create them in parallel and the Connect API throttles.
 */
export class ConnectInstance extends Construct {
  public readonly instance: connect.CfnInstance;
  /** Instance ARN, e.g. `arn:aws:connect:eu-central-1:111122223333:instance/<id>`. */
  public readonly instanceArn: string;
  /** Instance id, the last segment of the ARN (CloudWatch's `InstanceId` dimension). */
  public readonly instanceId: string;
  private last: CfnResource;

  constructor(scope: Construct, id: string, props: ConnectInstanceProps) {
    super(scope, id);
    this.instance = new connect.CfnInstance(this, 'Instance', {
      identityManagementType: 'CONNECT_MANAGED',
      instanceAlias: props.instanceAlias,
      attributes: {
        inboundCalls: true,
        outboundCalls: true,
        contactflowLogs: true,
        // Callers may be in danger: nothing of what they say is recorded or analysed.
        contactLens: false,
        autoResolveBestVoices: true,
        earlyMedia: true,
        useCustomTtsVoices: false,
      },
    });
    // The instance holds the listeners' accounts and the contact records: it outlives the stack.
    this.instance.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.instanceArn = this.instance.attrArn;
    this.instanceId = Fn.select(1, Fn.split('/', this.instance.attrArn));
    this.last = this.instance;
  }

  /**
   * Makes `resource` wait for the Connect resource chained before it, so CloudFormation calls the
   * Connect API one resource at a time. Returns the resource for fluent use.
   */
  public chain<T extends CfnResource>(resource: T): T {
    if (resource !== this.last) {
      resource.addResourceDependency(this.last);
      this.last = resource;
    }
    return resource;
  }
}
