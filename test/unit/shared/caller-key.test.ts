import { createHash } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CallerKeyUnavailableError,
  callerKeyOf,
  callerKeyProviderFromEnv,
  normalizeCallingNumber,
  secretsManagerCallerKeyProvider,
  staticCallerKeyProvider,
} from '../../../functions/shared/caller-key';

const KEY_A = Buffer.from('a'.repeat(64));
const KEY_B = Buffer.from('b'.repeat(64));
const NUMBER = '+33199001234';

describe('callerKeyOf', () => {
  test('is a keyed HMAC: stable under one key, different under another, not a plain hash', () => {
    const underA = callerKeyOf(KEY_A, NUMBER);
    expect(underA).toBe(callerKeyOf(KEY_A, NUMBER));
    expect(underA).not.toBe(callerKeyOf(KEY_B, NUMBER));
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(underA).not.toBe(createHash('sha256').update(NUMBER).digest(encoding));
    }
    expect(underA).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(underA).not.toContain('199001234');
  });

  test('ignores formatting of the same number and tells different numbers apart', () => {
    expect(callerKeyOf(KEY_A, '+33 1 99 00 12 34')).toBe(callerKeyOf(KEY_A, NUMBER));
    expect(callerKeyOf(KEY_A, '0033199001234')).toBe(callerKeyOf(KEY_A, NUMBER));
    expect(callerKeyOf(KEY_A, '+33199001235')).not.toBe(callerKeyOf(KEY_A, NUMBER));
  });

  test.each([undefined, '', 'anonymous', '+anonymous', 'sip:someone@example.org', '12'])(
    'gives no key for a withheld or non-telephone address (%s)',
    (address) => {
      expect(normalizeCallingNumber(address)).toBeUndefined();
      expect(callerKeyOf(KEY_A, address)).toBeUndefined();
    },
  );
});

describe('caller key providers', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  beforeEach(() => secretsManager.reset());

  test('a local key shorter than 32 bytes is refused with a typed error', async () => {
    await expect(staticCallerKeyProvider('short').getKey()).rejects.toBeInstanceOf(CallerKeyUnavailableError);
    await expect(staticCallerKeyProvider('k'.repeat(32)).getKey()).resolves.toHaveLength(32);
  });

  test('the environment picks the local key, then Secrets Manager, else a failing provider', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 's'.repeat(40) });
    // The local line carries the template's placeholder ARN beside its local key: the local key wins.
    const clients = { secretsManager: new SecretsManagerClient({}) };
    const local = callerKeyProviderFromEnv(clients, {
      CALLER_KEY_SECRET_ARN: 'local-placeholder',
      CALLER_KEY_LOCAL_SECRET: 'l'.repeat(40),
    });
    await expect(local.getKey()).resolves.toEqual(Buffer.from('l'.repeat(40)));
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    await expect(
      callerKeyProviderFromEnv(clients, { CALLER_KEY_SECRET_ARN: 'arn:secret' }).getKey(),
    ).resolves.toEqual(Buffer.from('s'.repeat(40)));
    await expect(callerKeyProviderFromEnv(clients, {}).getKey()).rejects.toThrow(/CALLER_KEY_SECRET_ARN/);
  });

  test('Secrets Manager: cached, one request for concurrent callers, refreshed after the TTL', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ key: 'j'.repeat(40) }) });
    let clock = 0;
    const provider = secretsManagerCallerKeyProvider({
      secretId: 'arn:secret',
      client: new SecretsManagerClient({}),
      cacheMs: 1000,
      now: () => clock,
    });
    const [first, second] = await Promise.all([provider.getKey(), provider.getKey()]);
    expect(first).toEqual(Buffer.from('j'.repeat(40)));
    expect(second).toEqual(first);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    clock = 999;
    await provider.getKey();
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    clock = 1000;
    await provider.getKey();
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  test('Secrets Manager: a failed refresh keeps the last good key; no key at all is a typed error', async () => {
    let clock = 0;
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'g'.repeat(40) })
      .rejects(new Error('throttled'));
    const provider = secretsManagerCallerKeyProvider({
      secretId: 'arn:secret',
      client: new SecretsManagerClient({}),
      cacheMs: 10,
      now: () => clock,
    });
    await provider.getKey();
    clock = 100;
    await expect(provider.getKey()).resolves.toEqual(Buffer.from('g'.repeat(40)));

    const cold = secretsManagerCallerKeyProvider({
      secretId: 'arn:secret',
      client: new SecretsManagerClient({}),
    });
    await expect(cold.getKey()).rejects.toBeInstanceOf(CallerKeyUnavailableError);
  });
});
