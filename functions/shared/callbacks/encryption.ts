// The Encryption SDK's parts, not its @aws-crypto/client-node umbrella: that one also loads the
// hierarchical keyring's branch keystore, with the whole DynamoDB client, which this line never uses.
import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import { KmsKeyringNode, type KmsNodeClientSupplier } from '@aws-crypto/kms-keyring-node';
import {
  AlgorithmSuiteIdentifier,
  CommitmentPolicy,
  type KeyringNode,
} from '@aws-crypto/material-management-node';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';
import { CONTACT_CONTEXT_PURPOSE } from '#domain/callbacks/encryption-context';

/**
 * The encryption port for callback contact details (phone number, code word), on the AWS Encryption SDK.
 * One code path: only the keyring differs, a KMS keyring on AWS and a raw AES keyring on the local line.
 * The ciphertext is bound to its request by the encryption context, so it cannot be moved to another record.
 */

/** What is encrypted together: the number and the optional code word. */
export interface ContactSecret {
  readonly phoneNumber: string;
  readonly codeWord?: string;
}

/** The request a ciphertext belongs to; checked on decryption. */
export interface ContactBinding {
  readonly requestId: string;
  readonly partnerId: string;
}

export interface ContactCipher {
  /** Returns the ESDK message, base64. */
  encrypt(secret: ContactSecret, binding: ContactBinding): Promise<string>;
  decrypt(ciphertext: string, binding: ContactBinding): Promise<ContactSecret>;
}

/** Decryption refused: wrong record, tampered ciphertext, or no key. Carries ids only. */
export class ContactDecryptionError extends Error {
  override readonly name = 'ContactDecryptionError';
  constructor(
    readonly requestId: string,
    reason: string,
  ) {
    super(`Cannot decrypt the contact details of ${requestId}: ${reason}`);
  }
}

// Key commitment without the ECDSA signature suite: readers and writers are the same trusted functions.
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;
const ESDK_OPTIONS = {
  commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
  maxEncryptedDataKeys: 1,
} as const;
const esdk = { ...buildEncrypt(ESDK_OPTIONS), ...buildDecrypt(ESDK_OPTIONS) };

const contextOf = (binding: ContactBinding): Record<string, string> => ({
  purpose: CONTACT_CONTEXT_PURPOSE,
  requestId: binding.requestId,
  partnerId: binding.partnerId,
});

/** The cipher over any keyring. */
export function contactCipher(keyring: KeyringNode): ContactCipher {
  return {
    async encrypt(secret, binding) {
      const plaintext = JSON.stringify({ phoneNumber: secret.phoneNumber, codeWord: secret.codeWord });
      const { result } = await esdk.encrypt(keyring, plaintext, {
        encryptionContext: contextOf(binding),
        suiteId: SUITE,
      });
      return result.toString('base64');
    },
    async decrypt(ciphertext, binding) {
      let decrypted: Awaited<ReturnType<typeof esdk.decrypt>>;
      try {
        decrypted = await esdk.decrypt(keyring, Buffer.from(ciphertext, 'base64'));
      } catch (caught) {
        throw new ContactDecryptionError(
          binding.requestId,
          caught instanceof Error ? caught.name : 'unknown',
        );
      }
      const context = decrypted.messageHeader.encryptionContext;
      const expected = contextOf(binding);
      for (const [key, value] of Object.entries(expected)) {
        if (context[key] !== value)
          throw new ContactDecryptionError(binding.requestId, `context ${key} differs`);
      }
      const parsed = JSON.parse(decrypted.plaintext.toString('utf8')) as {
        phoneNumber?: unknown;
        codeWord?: unknown;
      };
      if (typeof parsed.phoneNumber !== 'string')
        throw new ContactDecryptionError(binding.requestId, 'no number');
      return typeof parsed.codeWord === 'string'
        ? { phoneNumber: parsed.phoneNumber, codeWord: parsed.codeWord }
        : { phoneNumber: parsed.phoneNumber };
    },
  };
}

/** The keyring of the stage is not configured. */
export class MissingKeyringError extends Error {
  override readonly name = 'MissingKeyringError';
  constructor() {
    super('Set PHONE_KEY_ARN (the KMS key; the local line sets its own AES key instead)');
  }
}

/** Name of the raw AES key in ESDK messages written on the local line. */
export const LOCAL_KEY_NAMESPACE = 'premier-pas-local';

/**
 * Picks the keyring from the environment: `PHONE_LOCAL_AES_KEY` (the local line sets it; the CDK
 * app never does, a template test pins that) or else the KMS key `PHONE_KEY_ARN`, through `clients.kms`.
 */
export function keyringFromEnv(
  clients: { readonly kms: KmsNodeClientSupplier },
  env: NodeJS.ProcessEnv = process.env,
): KeyringNode {
  // Compiled out of deployed bundles (BUNDLING's define): a cloud function never reads a local key.
  const localKey = process.env.PREMIER_PAS_CLOUD_BUILD === 'true' ? undefined : env.PHONE_LOCAL_AES_KEY;
  if (localKey !== undefined && localKey !== '') {
    const key = Buffer.from(localKey, 'base64');
    if (key.length !== 32) throw new Error('PHONE_LOCAL_AES_KEY must be 32 bytes, base64');
    return new RawAesKeyringNode({
      keyNamespace: LOCAL_KEY_NAMESPACE,
      keyName: 'callback-contact',
      unencryptedMasterKey: new Uint8Array(key),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });
  }
  const keyArn = env.PHONE_KEY_ARN;
  if (keyArn === undefined || keyArn === '') throw new MissingKeyringError();
  return new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: clients.kms });
}
