import { generateKeyPairSync } from 'node:crypto';
import * as fc from 'fast-check';
import { parseQueuedCallbackMessage, SEALED_CONTACT_ALGORITHM } from '#domain/callbacks/request';
import { unsealCallbackMessage } from '../../../functions/dispatch-callback/dispatch';
import { sealCallbackRequest } from '../../../functions/shared/callbacks/queue';
import {
  contactSealer,
  EnvelopePublicKeyError,
  openSealedContact,
  SealedContactError,
} from '../../../functions/shared/callbacks/queue-envelope';
import {
  dataKeyUnwrapperFromEnv,
  kmsDataKeyUnwrapper,
  localDataKeyUnwrapper,
  MissingEnvelopeKeyError,
} from '../../../functions/shared/callbacks/queue-envelope-keys';
import { loadLocalEnvelopeKey } from '../../../local/runtime/callback-envelope-key';

const key = loadLocalEnvelopeKey();
const seal = contactSealer(key.publicKey);
const unwrap = localDataKeyUnwrapper(key.privateKey);
const binding = { requestId: '01J0000000000000000000000A', partnerId: 'cidff94' };
const contact = { phoneNumber: '+33612345678', codeWord: 'tournesol' };

const flip = (base64: string, at: number): string => {
  const bytes = Buffer.from(base64, 'base64');
  const index = ((at % bytes.length) + bytes.length) % bytes.length;
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

const reason = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (caught) {
    expect(caught).toBeInstanceOf(SealedContactError);
    return (caught as SealedContactError).reason;
  }
  throw new Error('expected the envelope to be refused');
};

describe('the queue envelope (RSA-OAEP SHA-256 wrapping an AES-256-GCM data key)', () => {
  it('round-trips the number and code word, and the sealed form shows neither', async () => {
    const sealed = seal(contact, binding);
    expect(sealed.alg).toBe(SEALED_CONTACT_ALGORITHM);
    // RSA_3072: a 384-byte wrapped key, what KMS Decrypt expects for this key spec.
    expect(Buffer.from(sealed.wrappedKey, 'base64')).toHaveLength(384);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('612345678');
    expect(text).not.toContain('tournesol');
    expect(await openSealedContact(sealed, binding, unwrap)).toEqual(contact);
    expect(await openSealedContact(seal({ phoneNumber: '+33145678901' }, binding), binding, unwrap)).toEqual({
      phoneNumber: '+33145678901',
    });
  });

  it('round-trips any number and code word, each time under a fresh data key and IV', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^\+33[1-9]\d{8}$/),
        fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }),
        async (phoneNumber, codeWord) => {
          const secret = codeWord === undefined ? { phoneNumber } : { phoneNumber, codeWord };
          const first = seal(secret, binding);
          const second = seal(secret, binding);
          expect(first.iv).not.toBe(second.iv);
          expect(first.wrappedKey).not.toBe(second.wrappedKey);
          expect(await openSealedContact(first, binding, unwrap)).toEqual(secret);
        },
      ),
      { numRuns: 50 },
    );
  });

  it.each(['wrappedKey', 'iv', 'tag', 'ciphertext'] as const)(
    'refuses an envelope whose %s was tampered with',
    async (field) => {
      const sealed = seal(contact, binding);
      for (const at of [0, 7, -1]) {
        const tampered = { ...sealed, [field]: flip(sealed[field], at) };
        expect(await reason(openSealedContact(tampered, binding, unwrap))).toMatch(
          /authentication failed|did not unwrap/,
        );
      }
    },
  );

  it('refuses an envelope sealed for another request or partner (the ids are GCM additional data)', async () => {
    const sealed = seal(contact, binding);
    for (const other of [
      { ...binding, requestId: '01J0000000000000000000000B' },
      { ...binding, partnerId: 'apce94' },
    ]) {
      expect(await reason(openSealedContact(sealed, other, unwrap))).toBe(
        'authentication failed: tampered, or sealed for another request',
      );
    }
  });

  it('refuses garbage with a clear error, never a crash', async () => {
    const sealed = seal(contact, binding);
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      'sealed',
      [],
      {},
      { ...sealed, alg: 'RSAES_OAEP_SHA_1+A256GCM' },
      { ...sealed, wrappedKey: 'not base64 !' },
      { ...sealed, iv: Buffer.alloc(8).toString('base64') },
      { ...sealed, tag: Buffer.alloc(4).toString('base64') },
      { ...sealed, wrappedKey: Buffer.alloc(384).toString('base64') },
      { ...sealed, ciphertext: 'A'.repeat(2000) },
    ];
    for (const input of garbage) {
      const refused = await reason(openSealedContact(input, binding, unwrap));
      expect(refused).not.toContain('612345678');
    }
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        await expect(openSealedContact(input, binding, unwrap)).rejects.toBeInstanceOf(SealedContactError);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an envelope for another key pair, and a plaintext that is not contact details', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const otherUnwrap = localDataKeyUnwrapper(
      other.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    );
    expect(await reason(openSealedContact(seal(contact, binding), binding, otherUnwrap))).toMatch(
      /^the data key did not unwrap/,
    );
    expect(
      await reason(openSealedContact(seal(contact, binding), binding, async () => new Uint8Array(16))),
    ).toBe('the unwrapped data key is not 256 bits');
    expect(
      await reason(
        openSealedContact(seal({ phoneNumber: 42 as unknown as string }, binding), binding, unwrap),
      ),
    ).toBe('no number in the sealed details');
  });

  it('accepts only an RSA public key of 3072 bits or more, at cold start', () => {
    const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    for (const bad of [
      '',
      'bm90IGEga2V5',
      rsa2048.export({ format: 'der', type: 'spki' }).toString('base64'),
      ec.export({ format: 'der', type: 'spki' }).toString('base64'),
    ]) {
      expect(() => contactSealer(bad)).toThrow(EnvelopePublicKeyError);
    }
  });
});

describe('where the data key is unwrapped', () => {
  it('asks KMS to Decrypt with the envelope key and RSAES_OAEP_SHA_256', async () => {
    const calls: unknown[] = [];
    const keyArn = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const unwrapWithKms = kmsDataKeyUnwrapper(
      {
        decrypt: async (input) => {
          calls.push(input);
          return { Plaintext: await unwrap(Buffer.from(input.CiphertextBlob)) };
        },
      },
      keyArn,
    );
    expect(await openSealedContact(seal(contact, binding), binding, unwrapWithKms)).toEqual(contact);
    expect(calls).toEqual([
      { KeyId: keyArn, CiphertextBlob: expect.any(Buffer), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' },
    ]);
  });

  it('uses the local private key when the local line sets it, else KMS, else says what is missing', async () => {
    const kms = { decrypt: async () => ({ Plaintext: undefined }) };
    const local = dataKeyUnwrapperFromEnv({ kms }, { CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY: key.privateKey });
    expect(await openSealedContact(seal(contact, binding), binding, local)).toEqual(contact);
    const cloud = dataKeyUnwrapperFromEnv({ kms }, { CALLBACK_ENVELOPE_KEY_ARN: 'arn:aws:kms:x' });
    expect(await reason(openSealedContact(seal(contact, binding), binding, cloud))).toBe(
      'the data key did not unwrap (Error)',
    );
    expect(() => dataKeyUnwrapperFromEnv({ kms }, {})).toThrow(MissingEnvelopeKeyError);
  });
});

describe('a callback request on the queue', () => {
  const request = {
    requestId: binding.requestId,
    contactId: 'c-1',
    partnerId: 'cidff94' as const,
    phoneNumber: contact.phoneNumber,
    codeWord: contact.codeWord,
    safeToCall: true,
    mayLeaveMessage: false,
    safeWindows: ['weekday-morning' as const],
    language: 'fr',
    createdAt: '2026-03-02T20:15:00.000Z',
    dueBy: '2026-03-03T20:15:00.000Z',
    submission: 1,
  };

  it('carries everything but the number and code word in clear, and unseals to the request', async () => {
    const body = JSON.stringify(sealCallbackRequest(request, seal));
    expect(body).not.toContain('612345678');
    expect(body).not.toContain('tournesol');
    expect(body).not.toContain('phoneNumber');
    const queued = parseQueuedCallbackMessage(JSON.parse(body));
    expect(queued).toMatchObject({ requestId: request.requestId, mayLeaveMessage: false });
    expect(await unsealCallbackMessage(queued, unwrap)).toEqual(request);
  });

  it('does not open when its ids were changed on the way', async () => {
    const queued = { ...sealCallbackRequest(request, seal), partnerId: 'apce94' as const };
    await expect(unsealCallbackMessage(queued, unwrap)).rejects.toBeInstanceOf(SealedContactError);
  });
});
