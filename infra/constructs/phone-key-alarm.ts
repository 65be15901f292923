import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** KMS calls on the phone key that someone must look at, unless partner-api made them. */
export const WATCHED_PHONE_KEY_CALLS = ['Decrypt', 'PutKeyPolicy', 'CreateGrant'] as const;

export interface PhoneKeyAlarmProps {
  readonly phoneKeyArn: string;
  /** The partner API's role: its Decrypt calls are the line working, not an alarm. */
  readonly partnerApiRoleArn: string;
  readonly topic: sns.ITopic;
}

/**
 * Alerts ops when anyone but partner-api decrypts with the phone key (the break-glass role included),
 * or changes its policy or grants: an EventBridge rule on the CloudTrail events of KMS, sent to the alarm
 * topic with who, what and when (ids only). It needs a CloudTrail trail with management events.
 */
export class PhoneKeyAlarm extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: PhoneKeyAlarmProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: 'Un premier pas: phone-number key used outside partner-api',
      eventPattern: {
        source: ['aws.kms'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: [...WATCHED_PHONE_KEY_CALLS],
          resources: { ARN: [props.phoneKeyArn] },
          // A role session other than partner-api's, or any identity that is not a role session.
          $or: [
            {
              userIdentity: {
                sessionContext: { sessionIssuer: { arn: [{ 'anything-but': props.partnerApiRoleArn }] } },
              },
            },
            { userIdentity: { type: [{ 'anything-but': 'AssumedRole' }] } },
          ],
        },
      },
      targets: [
        new targets.SnsTopic(props.topic, {
          message: events.RuleTargetInput.fromText(
            `Clé des numéros de rappel : ${events.EventField.fromPath('$.detail.eventName')} par ${events.EventField.fromPath('$.detail.userIdentity.arn')} à ${events.EventField.time}. Vérifier selon docs/runbook.md (bris de glace).`,
          ),
        }),
      ],
    });
  }
}
