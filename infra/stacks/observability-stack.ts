import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { StageConfig } from '#domain/stage';
import { LineAlarms } from '../constructs/alarms';
import { ConnectMetrics } from '../constructs/connect-metrics';
import { OpsDashboard } from '../constructs/ops-dashboard';
import { PhoneKeyAlarm } from '../constructs/phone-key-alarm';
import type { LineStack } from './line-stack';

export interface ObservabilityStackProps extends StackProps {
  readonly config: StageConfig;
  readonly line: LineStack;
}

/** Names of every contact flow of the line stack (the ContactFlowName dimension of Connect). */
function contactFlowNames(line: LineStack): string[] {
  return line.node
    .findAll()
    .filter((child): child is connect.CfnContactFlow => child instanceof connect.CfnContactFlow)
    .map((flow) => flow.name);
}

/**
 * How ops watch the line: the alarm topic (encrypted, e-mail from config), the ops dashboard and the
 * alarms. It reads the functions and DLQs the line stack lists, so new ones are covered as they come.
 */
export class ObservabilityStack extends Stack {
  public readonly alarmTopic: sns.Topic;
  public readonly dashboard: OpsDashboard;
  public readonly alarms: LineAlarms;
  /** Any use of the phone-number key outside partner-api, break-glass included. */
  public readonly phoneKeyAlarm: PhoneKeyAlarm;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { config, line } = props;

    const topicKey = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Un premier pas: alarm notifications',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch publishes the alarms to the encrypted topic, from this account only.
    topicKey.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': this.account },
      }),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    // EventBridge publishes the phone-key alarm; the topic's own policy limits it to this account's rules.
    topicKey.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Un premier pas - alertes',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (config.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    }

    const connectMetrics = new ConnectMetrics({
      instanceId: line.connectInstance.instanceId,
      queueName: line.listeners.queue.name,
      contactFlowNames: contactFlowNames(line),
    });

    this.dashboard = new OpsDashboard(this, 'OpsDashboard', {
      functions: line.functions,
      deadLetterQueues: line.deadLetterQueues,
      partners: config.partners,
      connectMetrics,
    });
    this.alarms = new LineAlarms(this, 'Alarms', {
      topic: this.alarmTopic,
      functions: line.functions,
      deadLetterQueues: line.deadLetterQueues,
      partners: config.partners,
      connectMetrics,
      missedCallRateThreshold: config.missedCallRateThreshold,
      openedNumbersPerHour: config.limits.openedNumbersPerHourAlarm,
    });
    this.phoneKeyAlarm = new PhoneKeyAlarm(this, 'PhoneKeyAlarm', {
      phoneKeyArn: line.callbacks.dispatch.phoneKey.keyArn,
      partnerApiRoleArn: (line.callbacks.partnerApi.lineFunction.function.role as iam.IRole).roleArn,
      topic: this.alarmTopic,
    });
  }
}
