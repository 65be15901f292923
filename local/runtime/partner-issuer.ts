import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { REPO_ROOT } from '../../infra/constructs/line-function';

/**
 * The local issuer of partner tokens: it signs access tokens with the same claims as Cognito
 * (`token_use`, `client_id`, `cognito:groups`, `username`), which the partner API verifies with the
 * same code as on AWS. Its key pair lives in `.local/partner-issuer.json` (git-ignored), so
 * `npm run token` and `npm start` agree without sharing a process.
 */

export const LOCAL_ISSUER = 'https://local.premier-pas.invalid/partner-issuer';
export const LOCAL_CLIENT_ID = 'local-partner-portal';
export const ISSUER_KEY_FILE = path.join(REPO_ROOT, '.local', 'partner-issuer.json');

interface IssuerKeyFile {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** Loads the local issuer key, creating it once (safe if two processes race). */
export async function loadIssuerKey(file = ISSUER_KEY_FILE): Promise<IssuerKeyFile> {
  if (!fs.existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    const content: IssuerKeyFile = {
      kid,
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
    } catch (caught) {
      if ((caught as NodeJS.ErrnoException).code !== 'EEXIST') throw caught;
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as IssuerKeyFile;
}

/** The JWKS document the local partner API serves at `/.well-known/jwks.json`. */
export async function localJwks(file = ISSUER_KEY_FILE): Promise<{ keys: JWK[] }> {
  return { keys: [(await loadIssuerKey(file)).publicJwk] };
}

export interface PartnerTokenOptions {
  /** Cognito groups of the user; one association id normally. */
  readonly groups: readonly string[];
  /** @default 'alice' */
  readonly username?: string;
  /** @default 3600 */
  readonly expiresInSeconds?: number;
  /** @default now */
  readonly issuedAt?: Date;
  /** @default LOCAL_CLIENT_ID */
  readonly clientId?: string;
  /** @default 'access' */
  readonly tokenUse?: 'access' | 'id';
  /** @default LOCAL_ISSUER */
  readonly issuer?: string;
  readonly keyFile?: string;
}

/** Signs an access token shaped like Cognito's, with the local issuer key. */
export async function signPartnerToken(options: PartnerTokenOptions): Promise<string> {
  const key = await loadIssuerKey(options.keyFile);
  const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
  const username = options.username ?? 'alice';
  return new SignJWT({
    'cognito:groups': [...options.groups],
    token_use: options.tokenUse ?? 'access',
    client_id: options.clientId ?? LOCAL_CLIENT_ID,
    username,
    scope: 'aws.cognito.signin.user.admin',
    auth_time: issuedAt,
    event_id: randomUUID(),
    origin_jti: randomUUID(),
    version: 2,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject(`local-${username}`)
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresInSeconds ?? 3600))
    .setJti(randomUUID())
    .sign(await importJWK(key.privateJwk, 'RS256'));
}
