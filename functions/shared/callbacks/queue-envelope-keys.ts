import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import type { DataKeyUnwrapper } from './queue-envelope';

/*
 * Where the consumer unwraps a queue envelope's data key. One code path apart from the key source:
 * KMS Decrypt with the queue-envelope key on AWS, a private key of the local line's own otherwise.
 */

/** The algorithm every envelope is wrapped with; the key policy allows Decrypt with this one only. */
export const ENVELOPE_WRAPPING_ALGORITHM = 'RSAES_OAEP_SHA_256';

/** The part of the KMS client this needs: Decrypt with an asymmetric key. */
export interface KmsDecrypt {
  decrypt(input: {
    KeyId: string;
    CiphertextBlob: Uint8Array;
    EncryptionAlgorithm: typeof ENVELOPE_WRAPPING_ALGORITHM;
  }): Promise<{ Plaintext?: Uint8Array | undefined }>;
}

/** Unwraps with KMS: the private half of the queue-envelope key never leaves KMS. */
export function kmsDataKeyUnwrapper(kms: KmsDecrypt, keyArn: string): DataKeyUnwrapper {
  return async (wrappedKey) => {
    const { Plaintext } = await kms.decrypt({
      KeyId: keyArn,
      CiphertextBlob: wrappedKey,
      EncryptionAlgorithm: ENVELOPE_WRAPPING_ALGORITHM,
    });
    if (Plaintext === undefined) throw new Error('KMS returned no plaintext');
    return Plaintext;
  };
}

/** Unwraps with a private key held in memory (PKCS#8 DER, base64): the local line's stand-in for KMS. */
export function localDataKeyUnwrapper(privateKeyDerBase64: string): DataKeyUnwrapper {
  const key = createPrivateKey({
    key: Buffer.from(privateKeyDerBase64, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  return async (wrappedKey) =>
    privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrappedKey);
}

/** The queue-envelope key of the stage is not configured. */
export class MissingEnvelopeKeyError extends Error {
  override readonly name = 'MissingEnvelopeKeyError';
  constructor() {
    super('Set CALLBACK_ENVELOPE_KEY_ARN (the KMS key; the local line sets its own private key instead)');
  }
}

/**
 * Picks the unwrapper from the environment: `CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY` on the local line
 * (compiled out of deployed bundles), else KMS with `CALLBACK_ENVELOPE_KEY_ARN`.
 */
export function dataKeyUnwrapperFromEnv(
  clients: { readonly kms: KmsDecrypt },
  env: NodeJS.ProcessEnv = process.env,
): DataKeyUnwrapper {
  // Compiled out of deployed bundles (BUNDLING's define): a cloud function never reads a local key.
  const localKey =
    process.env.PREMIER_PAS_CLOUD_BUILD === 'true' ? undefined : env.CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY;
  if (localKey !== undefined && localKey !== '') return localDataKeyUnwrapper(localKey);
  const keyArn = env.CALLBACK_ENVELOPE_KEY_ARN;
  if (keyArn === undefined || keyArn === '') throw new MissingEnvelopeKeyError();
  return kmsDataKeyUnwrapper(clients.kms, keyArn);
}
