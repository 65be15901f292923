import { createHmac } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The caller key: a keyed HMAC-SHA256 of the calling number, so repeat calls can be counted without
 * ever storing the number. The key lives in Secrets Manager (`CALLER_KEY_SECRET_ARN`); on the local
 * line `CALLER_KEY_LOCAL_SECRET` holds it and takes precedence. Never a plain hash: phone numbers are few enough to be
 * enumerated, so only the key holder can link a key to a number.
 */

/** Shortest key accepted, in bytes of UTF-8 text. */
export const MIN_CALLER_KEY_LENGTH = 32;
/** How long a fetched key is reused before Secrets Manager is asked again. */
export const CALLER_KEY_CACHE_MS = 5 * 60 * 1000;

/** Raised when no usable key can be had: not configured, secret unreadable, or too short. */
export class CallerKeyUnavailableError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`caller key unavailable: ${reason}`, options);
    this.name = 'CallerKeyUnavailableError';
  }
}

/** Source of the HMAC key. */
export interface CallerKeyProvider {
  /** Resolves the key; rejects with {@link CallerKeyUnavailableError}. */
  getKey(signal?: AbortSignal): Promise<Buffer>;
}

function keyFromText(text: string | undefined, source: string): Buffer {
  let material = text?.trim() ?? '';
  // A secret generated as JSON ({"key": "..."}) is accepted as well as a raw string.
  if (material.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(material);
      const key =
        typeof parsed === 'object' && parsed !== null ? (parsed as { key?: unknown }).key : undefined;
      material = typeof key === 'string' ? key : '';
    } catch {
      throw new CallerKeyUnavailableError(`${source} holds malformed JSON`);
    }
  }
  const key = Buffer.from(material, 'utf8');
  if (key.length < MIN_CALLER_KEY_LENGTH) {
    throw new CallerKeyUnavailableError(`${source} is shorter than ${MIN_CALLER_KEY_LENGTH} bytes`);
  }
  return key;
}

/** A fixed key (the local line, tests). */
export function staticCallerKeyProvider(
  secret: string,
  source = 'CALLER_KEY_LOCAL_SECRET',
): CallerKeyProvider {
  let key: Buffer | undefined;
  let failure: CallerKeyUnavailableError | undefined;
  try {
    key = keyFromText(secret, source);
  } catch (error) {
    failure = error as CallerKeyUnavailableError;
  }
  return {
    getKey: async () => {
      if (key === undefined) {
        throw failure ?? new CallerKeyUnavailableError(source);
      }
      return key;
    },
  };
}

/** A provider that always fails: lets a flow Lambda start, and answer safe defaults, when misconfigured. */
export function unavailableCallerKeyProvider(reason: string): CallerKeyProvider {
  return {
    getKey: async () => {
      throw new CallerKeyUnavailableError(reason);
    },
  };
}

/** What the provider needs of Secrets Manager (the handler passes clients/secrets-manager.ts's client). */
export type SecretsManagerLike = Pick<SecretsManagerClient, 'send'>;

export interface SecretsManagerCallerKeyOptions {
  readonly secretId: string;
  readonly client: SecretsManagerLike;
  /** @default CALLER_KEY_CACHE_MS */
  readonly cacheMs?: number;
  /** @default () => Date.now() */
  readonly now?: () => number;
}

/**
 * Reads the key from Secrets Manager, caches it for `cacheMs`, shares one request between concurrent
 * callers, and keeps serving the last good key if a refresh fails (keys rotate rarely; calls must go on).
 */
export function secretsManagerCallerKeyProvider(options: SecretsManagerCallerKeyOptions): CallerKeyProvider {
  const cacheMs = options.cacheMs ?? CALLER_KEY_CACHE_MS;
  const now = options.now ?? (() => Date.now());
  const { client } = options;
  let cached: { key: Buffer; fetchedAt: number } | undefined;
  let inFlight: Promise<Buffer> | undefined;

  const fetchKey = async (signal?: AbortSignal): Promise<Buffer> => {
    try {
      const output = await client.send(new GetSecretValueCommand({ SecretId: options.secretId }), {
        abortSignal: signal,
      });
      const key = keyFromText(output.SecretString, 'the caller-key secret');
      cached = { key, fetchedAt: now() };
      return key;
    } catch (error) {
      if (cached !== undefined) {
        return cached.key;
      }
      throw error instanceof CallerKeyUnavailableError
        ? error
        : new CallerKeyUnavailableError('Secrets Manager did not return the secret', { cause: error });
    }
  };

  return {
    getKey: (signal?: AbortSignal) => {
      if (cached !== undefined && now() - cached.fetchedAt < cacheMs) {
        return Promise.resolve(cached.key);
      }
      inFlight ??= fetchKey(signal).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

/**
 * The provider the environment asks for: the local key when `CALLER_KEY_LOCAL_SECRET` is set (only the
 * local line sets it; it also carries the template's placeholder CALLER_KEY_SECRET_ARN), else Secrets
 * Manager via `CALLER_KEY_SECRET_ARN` and `clients.secretsManager`, else one that always fails (so the
 * function still answers).
 */
export function callerKeyProviderFromEnv(
  clients: { readonly secretsManager: SecretsManagerLike },
  env: NodeJS.ProcessEnv = process.env,
): CallerKeyProvider {
  // Compiled out of deployed bundles (BUNDLING's define): a cloud function never takes a local secret.
  const localSecret =
    process.env.PREMIER_PAS_CLOUD_BUILD === 'true' ? undefined : env.CALLER_KEY_LOCAL_SECRET;
  if (localSecret !== undefined && localSecret !== '') {
    return staticCallerKeyProvider(localSecret);
  }
  const secretArn = env.CALLER_KEY_SECRET_ARN;
  if (secretArn !== undefined && secretArn !== '') {
    return secretsManagerCallerKeyProvider({ secretId: secretArn, client: clients.secretsManager });
  }
  return unavailableCallerKeyProvider('CALLER_KEY_SECRET_ARN is not set');
}

/**
 * Canonical form of a calling number for keying: E.164 digits with a leading `+`, separators removed.
 * Returns undefined for withheld or non-telephone addresses (`anonymous`, SIP URIs, empty).
 */
export function normalizeCallingNumber(address: string | undefined): string | undefined {
  const compact = address?.replace(/[\s.\-()]/g, '') ?? '';
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{5,14}$/.test(international) ? international : undefined;
}

/**
 * The caller key of a calling number: base64url HMAC-SHA256 under `key`, or undefined when the
 * number is withheld or not a telephone number.
 */
export function callerKeyOf(key: Buffer, callingNumber: string | undefined): string | undefined {
  const normalized = normalizeCallingNumber(callingNumber);
  if (normalized === undefined) {
    return undefined;
  }
  return createHmac('sha256', key).update(normalized, 'utf8').digest('base64url');
}
