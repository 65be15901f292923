import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { PartnerConfig, PartnerId } from '#domain/partners';

export interface PartnerTopicsProps {
  /** Partner associations, and `line`, whose topic carries callback-watch reminders to the coordinators. */
  readonly partners: readonly PartnerConfig[];
}

/**
 * One SNS topic per partner association, encrypted with a dedicated key. Messages hold no personal
 * data (a due date and the portal link); the addresses in the partner's config are subscribed.
 */
export class PartnerTopics extends Construct {
  public readonly key: kms.Key;
  public readonly topics: Readonly<Partial<Record<PartnerId, sns.Topic>>>;

  constructor(scope: Construct, id: string, props: PartnerTopicsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Un premier pas: partner callback notifications',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    const topics: Partial<Record<PartnerId, sns.Topic>> = {};
    for (const partner of props.partners) {
      const topic = new sns.Topic(this, `Topic-${partner.id}`, {
        displayName: `Un premier pas - rappels ${partner.name}`,
        masterKey: this.key,
        enforceSSL: true,
      });
      for (const email of partner.notificationEmails ?? []) {
        topic.addSubscription(new subscriptions.EmailSubscription(email));
      }
      topics[partner.id] = topic;
    }
    this.topics = topics;
  }

  /** `PARTNER_TOPIC_ARNS` for the functions that notify. */
  public topicArnsJson(): string {
    return JSON.stringify(
      Object.fromEntries(Object.entries(this.topics).map(([id, topic]) => [id, topic.topicArn])),
    );
  }
}
