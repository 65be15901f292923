import {
  applyPublicKeyEvent,
  PublicKeyEventSchema,
  UnusableEnvelopeKeyError,
} from '../../functions/queue-envelope-public-key/public-key';

const keyArn = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const event = (RequestType: 'Create' | 'Update' | 'Delete') =>
  PublicKeyEventSchema.parse({
    RequestType,
    PhysicalResourceId: keyArn,
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:x', KeyArn: keyArn },
    StackId: 'ignored',
  });
const der = Uint8Array.from([0x30, 0x82, 0x01, 0xa2]);

describe('the queue-envelope public-key custom resource', () => {
  it('returns the public key, base64, on create and update', async () => {
    const kms = {
      getPublicKey: async () => ({
        PublicKey: der,
        KeyUsage: 'ENCRYPT_DECRYPT',
        EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
      }),
    };
    for (const type of ['Create', 'Update'] as const) {
      expect(await applyPublicKeyEvent(event(type), kms)).toEqual({
        PhysicalResourceId: keyArn,
        Data: { PublicKey: Buffer.from(der).toString('base64') },
      });
    }
  });

  it('calls nothing on delete', async () => {
    const kms = { getPublicKey: jest.fn() };
    expect(await applyPublicKeyEvent(event('Delete'), kms)).toEqual({ PhysicalResourceId: keyArn });
    expect(kms.getPublicKey).not.toHaveBeenCalled();
  });

  it('fails the deploy for a key the envelope cannot use', async () => {
    for (const answer of [
      { PublicKey: der, KeyUsage: 'SIGN_VERIFY', EncryptionAlgorithms: [] },
      { PublicKey: der, KeyUsage: 'ENCRYPT_DECRYPT', EncryptionAlgorithms: ['RSAES_OAEP_SHA_1'] },
      { KeyUsage: 'ENCRYPT_DECRYPT', EncryptionAlgorithms: ['RSAES_OAEP_SHA_256'] },
    ]) {
      await expect(
        applyPublicKeyEvent(event('Create'), { getPublicKey: async () => answer }),
      ).rejects.toBeInstanceOf(UnusableEnvelopeKeyError);
    }
  });

  it('refuses properties that are not a KMS key ARN', () => {
    expect(() =>
      PublicKeyEventSchema.parse({ RequestType: 'Create', ResourceProperties: { KeyArn: 'alias/x' } }),
    ).toThrow();
  });
});
