import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { CONTACT_CONTEXT_KEYS, CONTACT_CONTEXT_PURPOSE } from '#domain/callbacks/encryption-context';

/**
 * What the account (its administrators, CloudFormation) may do with a key that holds secrets: manage it,
 * never use it. Nothing here encrypts, decrypts, generates or re-encrypts data keys, and there is no
 * CreateGrant, which could hand Decrypt to anyone. PutKeyPolicy stays: without it KMS refuses the policy
 * (lockout check) and no deploy could change it; the decrypt alarm also fires on it.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
] as const;

/**
 * A key policy that lets the account administer the key and nothing else. Pass it as the `policy` of a
 * `kms.Key` (which then adds no `kms:*` for the account), and add each user's statement beside it.
 */
export function administrationOnlyKeyPolicy(): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'AccountAdministersButDoesNotUse',
        principals: [new iam.AccountRootPrincipal()],
        actions: [...KEY_ADMINISTRATION_ACTIONS],
        resources: ['*'],
      }),
    ],
  });
}

/**
 * Conditions that hold a KMS call to one encryption context: every key in `requiredKeys` present, and
 * no key outside `allowedKeys`, so the key serves that one purpose.
 */
export function encryptionContextConditions(
  allowedKeys: readonly string[],
  requiredKeys: readonly string[] = allowedKeys,
): Record<string, Record<string, unknown>> {
  return {
    'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...allowedKeys] },
    Null: Object.fromEntries(requiredKeys.map((key) => [`kms:EncryptionContext:${key}`, 'false'])),
  };
}

/** One principal's use of a key, in the key policy (which alone decides, admins having no use) and its IAM policy. */
export interface KeyUse {
  /** Statement id in the key policy, which says who this is. */
  readonly sid: string;
  /** The role that uses the key, named in the key policy by its ARN. */
  readonly role: iam.IRole;
  readonly actions: readonly string[];
  /** Conditions on every call, e.g. `encryptionContextConditions`. */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/**
 * Lets `use.role` call `use.actions` on `key`, and no one else through this statement. The key policy
 * names the role's ARN (same stack: the key waits for the role; no cycle, the role's policy waits for the key).
 */
export function allowKeyUse(key: kms.IKey, use: KeyUse): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: use.sid,
      principals: [new iam.ArnPrincipal(use.role.roleArn)],
      actions: [...use.actions],
      resources: ['*'],
      ...(use.conditions ? { conditions: use.conditions } : {}),
    }),
  );
  use.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...use.actions],
      resources: [key.keyArn],
      ...(use.conditions ? { conditions: use.conditions } : {}),
    }),
  );
}

/**
 * The phone key serves callback contacts only: every call must carry the ESDK context of one request
 * (`purpose`, `requestId`, `partnerId`, nothing else), as `functions/shared/callbacks/encryption.ts` writes it.
 */
export function phoneKeyContextConditions(): Record<string, Record<string, unknown>> {
  const conditions = encryptionContextConditions(CONTACT_CONTEXT_KEYS);
  return { ...conditions, StringEquals: { 'kms:EncryptionContext:purpose': CONTACT_CONTEXT_PURPOSE } };
}
