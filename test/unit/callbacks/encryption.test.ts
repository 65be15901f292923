import { randomBytes } from 'node:crypto';
import {
  ContactDecryptionError,
  contactCipher,
  keyringFromEnv,
  MissingKeyringError,
} from '../../../functions/shared/callbacks/encryption';
import { asyncKms } from '../../../functions/shared/clients/kms';

const clients = { kms: asyncKms };
const cipher = contactCipher(
  keyringFromEnv(clients, { PHONE_LOCAL_AES_KEY: randomBytes(32).toString('base64') }),
);
const binding = { requestId: '01J0000000000000000000000A', partnerId: 'cidff94' };

describe('contact cipher (AWS Encryption SDK, raw AES keyring locally)', () => {
  it('round-trips the number and code word, and the ciphertext does not show them', async () => {
    const ciphertext = await cipher.encrypt({ phoneNumber: '+33612345678', codeWord: 'tournesol' }, binding);
    expect(Buffer.from(ciphertext, 'base64').toString('latin1')).not.toContain('612345678');
    expect(await cipher.decrypt(ciphertext, binding)).toEqual({
      phoneNumber: '+33612345678',
      codeWord: 'tournesol',
    });
  });

  it('refuses a ciphertext moved to another request or partner', async () => {
    const ciphertext = await cipher.encrypt({ phoneNumber: '+33612345678' }, binding);
    await expect(cipher.decrypt(ciphertext, { ...binding, requestId: 'other' })).rejects.toBeInstanceOf(
      ContactDecryptionError,
    );
    await expect(cipher.decrypt(ciphertext, { ...binding, partnerId: 'apce94' })).rejects.toThrow(
      'context partnerId',
    );
  });

  it('refuses a tampered ciphertext or another key', async () => {
    const ciphertext = Buffer.from(await cipher.encrypt({ phoneNumber: '+33612345678' }, binding), 'base64');
    ciphertext[ciphertext.length - 40] = (ciphertext[ciphertext.length - 40] ?? 0) ^ 0xff;
    await expect(cipher.decrypt(ciphertext.toString('base64'), binding)).rejects.toBeInstanceOf(
      ContactDecryptionError,
    );
    const other = contactCipher(
      keyringFromEnv(clients, { PHONE_LOCAL_AES_KEY: randomBytes(32).toString('base64') }),
    );
    const sealed = await cipher.encrypt({ phoneNumber: '+33612345678' }, binding);
    await expect(other.decrypt(sealed, binding)).rejects.toBeInstanceOf(ContactDecryptionError);
  });

  it('needs a key: KMS on AWS or a 256-bit local key', () => {
    expect(() => keyringFromEnv(clients, {})).toThrow(MissingKeyringError);
    expect(() => keyringFromEnv(clients, { PHONE_LOCAL_AES_KEY: 'c2hvcnQ=' })).toThrow('32 bytes');
    const keyArn = 'arn:aws:kms:eu-central-1:123456789012:key/abc';
    // On AWS the data key is generated and wrapped by that KMS key, and by no other.
    expect(keyringFromEnv(clients, { PHONE_KEY_ARN: keyArn })).toMatchObject({
      generatorKeyId: keyArn,
      keyIds: [],
    });
  });
});
