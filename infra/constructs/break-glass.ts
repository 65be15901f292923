import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { allowKeyUse, phoneKeyContextConditions } from './key-policies';

export interface BreakGlassProps {
  /** Physical name, so the runbook can name it: `PremierPas-<stage>-BreakGlass`. */
  readonly roleName: string;
  /** The phone-number key it may decrypt with. */
  readonly phoneKey: kms.IKey;
}

/**
 * The one human way to read a callback number outside the partner API: a named role that people of the
 * account may assume only with MFA, for an hour, and that may only Decrypt with the phone key (callback
 * contacts' context). Every use raises the phone-key decrypt alarm; docs/runbook.md says when to use it.
 */
export class BreakGlass extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BreakGlassProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'Un premier pas: break-glass decryption of callback numbers (MFA, audited, alarmed)',
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    allowKeyUse(props.phoneKey, {
      sid: 'BreakGlassDecryptsCallbackContacts',
      role: this.role,
      actions: ['kms:Decrypt'],
      conditions: phoneKeyContextConditions(),
    });
  }
}
