import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  type KeyObject,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import * as z from 'zod/mini';
import { SEALED_CONTACT_ALGORITHM, type SealedContact, SealedContactSchema } from '#domain/callbacks/request';
import type { ContactBinding, ContactSecret } from './encryption';

/*
 * The queue envelope: how the callback number and code word cross SQS without being readable there.
 * Producers (flow Lambdas) seal with node:crypto alone: a fresh AES-256-GCM data key encrypts the
 * contact details, and the public half of the queue-envelope key (RSA, in KMS) wraps the data key with
 * RSA-OAEP SHA-256. Only the consumer can unwrap it (kms:Decrypt), so neither the SQS console, a
 * redrive nor a role with sqs:ReceiveMessage can read a number. No SDK is bundled in the producers.
 * The request's ids are GCM additional data: a sealed contact moved to another request does not open.
 */

/** Why a sealed contact did not open. Carries the request id and a reason, never contact details. */
export class SealedContactError extends Error {
  override readonly name = 'SealedContactError';
  constructor(
    readonly requestId: string,
    readonly reason: string,
  ) {
    super(`Cannot open the sealed contact details of ${requestId}: ${reason}`);
  }
}

/** Seals contact details for one request. Synchronous and local: no network on the caller's path. */
export type ContactSealer = (secret: ContactSecret, binding: ContactBinding) => SealedContact;

/** Unwraps a data key wrapped under the queue-envelope key (KMS on AWS, a local key on the local line). */
export type DataKeyUnwrapper = (wrappedKey: Buffer) => Promise<Uint8Array>;

const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The smallest RSA key KMS offers for encryption that we accept: RSA_2048 is below current advice. */
const MIN_MODULUS_BITS = 3072;

/** The additional data of the GCM layer: the purpose, then the ids of the request it belongs to. */
const additionalData = (binding: ContactBinding): Buffer =>
  Buffer.from(JSON.stringify(['premier-pas:callback-queue', binding.requestId, binding.partnerId]), 'utf8');

/** Thrown at cold start when the configured public key is not one the envelope accepts. */
export class EnvelopePublicKeyError extends Error {
  override readonly name = 'EnvelopePublicKeyError';
}

/**
 * Reads the queue-envelope public key (DER SubjectPublicKeyInfo, base64, as KMS GetPublicKey returns
 * it) once, and returns the sealer. Call it at cold start, so a bad key fails the deploy's first
 * invocation rather than a caller's request.
 * @throws EnvelopePublicKeyError when the key is not an RSA key of at least 3072 bits.
 */
export function contactSealer(publicKeyDerBase64: string): ContactSealer {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({
      key: Buffer.from(publicKeyDerBase64, 'base64'),
      format: 'der',
      type: 'spki',
    });
  } catch {
    throw new EnvelopePublicKeyError('the queue-envelope public key is not a DER SubjectPublicKeyInfo');
  }
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (publicKey.asymmetricKeyType !== 'rsa' || bits < MIN_MODULUS_BITS)
    throw new EnvelopePublicKeyError(
      `the queue-envelope key must be RSA of ${MIN_MODULUS_BITS} bits or more`,
    );

  return (secret, binding) => {
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(binding));
    const plaintext = JSON.stringify({ phoneNumber: secret.phoneNumber, codeWord: secret.codeWord });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const wrappedKey = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      dataKey,
    );
    dataKey.fill(0);
    return {
      alg: SEALED_CONTACT_ALGORITHM,
      wrappedKey: wrappedKey.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  };
}

/**
 * Opens a sealed contact for the request it was sealed for: unwraps the data key, then decrypts and
 * authenticates the details against the request's ids.
 * @throws SealedContactError on a malformed envelope, a key that does not unwrap, a tampered
 * ciphertext, another request's envelope, or a plaintext that is not contact details.
 */
export async function openSealedContact(
  sealed: unknown,
  binding: ContactBinding,
  unwrap: DataKeyUnwrapper,
): Promise<ContactSecret> {
  const fail = (reason: string) => new SealedContactError(binding.requestId, reason);
  const parsed = z.safeParse(SealedContactSchema, sealed);
  if (!parsed.success) throw fail('not a sealed contact');
  const envelope = parsed.data;
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw fail('bad IV or tag length');

  let dataKey: Uint8Array;
  try {
    dataKey = await unwrap(Buffer.from(envelope.wrappedKey, 'base64'));
  } catch (caught) {
    throw fail(`the data key did not unwrap (${caught instanceof Error ? caught.name : 'unknown'})`);
  }
  if (dataKey.length !== DATA_KEY_BYTES) throw fail('the unwrapped data key is not 256 bits');

  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(binding));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(envelope.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw fail('authentication failed: tampered, or sealed for another request');
  } finally {
    dataKey.fill(0);
  }

  let details: { phoneNumber?: unknown; codeWord?: unknown };
  try {
    details = JSON.parse(plaintext) as typeof details;
  } catch {
    throw fail('the sealed details are not JSON');
  }
  if (typeof details?.phoneNumber !== 'string') throw fail('no number in the sealed details');
  return typeof details.codeWord === 'string'
    ? { phoneNumber: details.phoneNumber, codeWord: details.codeWord }
    : { phoneNumber: details.phoneNumber };
}
