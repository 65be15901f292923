import { Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageConfig } from '#domain/stage';
import type { ConnectInstance } from './connect-instance';

/**
 * Queue name. Kept ASCII on purpose: CloudWatch does not show Connect queue metrics (QueueSize,
 * LongestQueueWaitTime) for a queue whose name has non-ASCII characters, such as "Écoute".
 */
export const LISTENERS_QUEUE_NAME = 'Ecoute';

/**
 * Security profile permissions of a listener, and nothing more: the agent workspace (answer, qualify,
 * transfer) and outbound calls for callbacks. No access to metrics, contact search, recordings or admin.
 */
export const LISTENER_PERMISSIONS = ['BasicAgentAccess', 'OutboundCallAccess'] as const;

export interface ListenersProps {
  readonly connectInstance: ConnectInstance;
  readonly hoursOfOperationArn: string;
  readonly listeners: StageConfig['listeners'];
  /** Encrypts the listeners' initial passwords. */
  readonly encryptionKey: kms.IKey;
  /** What a callee's phone shows when a listener calls back: the dedicated callback number, no name. */
  readonly callbackCallerNumberArn: string;
}

/**
 * The listeners' side of the line: the queue "Ecoute", a voice routing profile (tasks too, for the
 * line's own callbacks), a least-privilege security profile, and one Connect user per configured listener.
 */
export class Listeners extends Construct {
  public readonly queue: connect.CfnQueue;
  public readonly routingProfile: connect.CfnRoutingProfile;
  public readonly securityProfile: connect.CfnSecurityProfile;
  public readonly users: readonly connect.CfnUser[];
  /** Generated initial password of each user, by username; Connect keeps the live password. */
  public readonly initialPasswords: ReadonlyMap<string, secretsmanager.Secret>;

  constructor(scope: Construct, id: string, props: ListenersProps) {
    super(scope, id);
    const { connectInstance } = props;
    const instanceArn = connectInstance.instanceArn;

    this.queue = connectInstance.chain(
      new connect.CfnQueue(this, 'Queue', {
        instanceArn,
        name: LISTENERS_QUEUE_NAME,
        description: 'Écoute : appels et rappels de la ligne pour l’équipe d’écoute',
        hoursOfOperationArn: props.hoursOfOperationArn,
        // A number that is not the line's, and no caller-ID name: a phone that shows "Un premier pas"
        // or the published number tells whoever holds it that the line called (docs/callback-safety.md).
        outboundCallerConfig: { outboundCallerIdNumberArn: props.callbackCallerNumberArn },
      }),
    );

    this.routingProfile = connectInstance.chain(
      new connect.CfnRoutingProfile(this, 'RoutingProfile', {
        instanceArn,
        name: 'Ecoutante',
        description: 'Chaque poste d’écoute prend un appel à la fois, ou une tâche de rappel',
        defaultOutboundQueueArn: this.queue.attrQueueArn,
        mediaConcurrencies: [
          { channel: 'VOICE', concurrency: 1 },
          { channel: 'TASK', concurrency: 1 },
        ],
        queueConfigs: (['VOICE', 'TASK'] as const).map((channel) => ({
          delay: 0,
          priority: 1,
          queueReference: { channel, queueArn: this.queue.attrQueueArn },
        })),
      }),
    );

    this.securityProfile = connectInstance.chain(
      new connect.CfnSecurityProfile(this, 'SecurityProfile', {
        instanceArn,
        securityProfileName: 'Ecoutante',
        description: 'Poste d’écoute uniquement : répondre, qualifier, rappeler',
        permissions: [...LISTENER_PERMISSIONS],
      }),
    );

    const passwords = new Map<string, secretsmanager.Secret>();
    this.users = props.listeners.map((listener) => {
      const password = new secretsmanager.Secret(this, `${listener.username}InitialPassword`, {
        description: `Mot de passe initial Connect de ${listener.username} (à changer à la remise)`,
        encryptionKey: props.encryptionKey,
        // Connect asks for 8 to 64 characters with upper case, lower case and a digit.
        generateSecretString: {
          passwordLength: 32,
          excludePunctuation: true,
          requireEachIncludedType: true,
        },
      });
      Validations.of(password).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Initial password handed over once; Connect holds the live password, so rotating this copy would not change it.',
      });
      passwords.set(listener.username, password);
      return connectInstance.chain(
        new connect.CfnUser(this, `User${listener.username}`, {
          instanceArn,
          username: listener.username,
          // A CloudFormation dynamic reference: the password never appears in code or in the template.
          password: password.secretValue.unsafeUnwrap(),
          identityInfo: { firstName: listener.firstName, lastName: listener.lastName },
          phoneConfig: { phoneType: 'SOFT_PHONE', afterContactWorkTimeLimit: 300 },
          routingProfileArn: this.routingProfile.attrRoutingProfileArn,
          securityProfileArns: [this.securityProfile.attrSecurityProfileArn],
        }),
      );
    });
    this.initialPasswords = passwords;
  }
}
