import * as z from 'zod/mini';
import { ENVELOPE_WRAPPING_ALGORITHM } from '../shared/callbacks/queue-envelope-keys';

/**
 * CloudFormation cannot output a KMS public key, so this custom resource reads it (GetPublicKey) at
 * deploy time and returns it as the `PublicKey` attribute, base64 DER, which the constructs set as the
 * producers' CALLBACK_ENVELOPE_PUBLIC_KEY. The producers then seal with no KMS call on a caller's path.
 */

/** The part of a CloudFormation custom resource event this handler reads (unknown fields ignored). */
export const PublicKeyEventSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  PhysicalResourceId: z.optional(z.string()),
  ResourceProperties: z.object({
    KeyArn: z.string().check(z.regex(/^arn:aws[-a-z0-9]*:kms:[-a-z0-9]+:\d{12}:key\/[-a-f0-9]+$/)),
  }),
});
export type PublicKeyEvent = z.infer<typeof PublicKeyEventSchema>;

/** The part of KMS this needs. */
export interface KmsGetPublicKey {
  getPublicKey(input: { KeyId: string }): Promise<{
    PublicKey?: Uint8Array | undefined;
    KeyUsage?: string | undefined;
    EncryptionAlgorithms?: string[] | undefined;
  }>;
}

/** What the Provider framework expects back. */
export interface PublicKeyResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly PublicKey: string };
}

/** The key is not one the queue envelope can use. */
export class UnusableEnvelopeKeyError extends Error {
  override readonly name = 'UnusableEnvelopeKeyError';
}

/**
 * Create and Update read the key's public half (a key replaced by the stack gets a new ARN, so an
 * update re-reads it); Delete does nothing, the key is the stack's to keep or delete.
 */
export async function applyPublicKeyEvent(
  event: PublicKeyEvent,
  kms: KmsGetPublicKey,
): Promise<PublicKeyResponse> {
  const keyArn = event.ResourceProperties.KeyArn;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? keyArn };
  const answer = await kms.getPublicKey({ KeyId: keyArn });
  if (
    answer.KeyUsage !== 'ENCRYPT_DECRYPT' ||
    !answer.EncryptionAlgorithms?.includes(ENVELOPE_WRAPPING_ALGORITHM)
  )
    throw new UnusableEnvelopeKeyError(
      `${keyArn} is not an RSA encryption key with ${ENVELOPE_WRAPPING_ALGORITHM}`,
    );
  if (answer.PublicKey === undefined || answer.PublicKey.length === 0)
    throw new UnusableEnvelopeKeyError(`${keyArn} returned no public key`);
  return {
    PhysicalResourceId: keyArn,
    Data: { PublicKey: Buffer.from(answer.PublicKey).toString('base64') },
  };
}
