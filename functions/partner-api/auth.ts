import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { PARTNER_IDS, type PartnerId } from '#domain/partners';

/**
 * Verifies partner bearer tokens in the function itself (the gateway's JWT authorizer is the first
 * gate, not the only one). Cognito access tokens and the local issuer's tokens carry the same claims
 * and go through this same code; only the JWKS address differs.
 */

/** Who is calling: a user of one association (its Cognito group). */
export interface PartnerPrincipal {
  readonly sub: string;
  readonly username: string;
  readonly partnerId: PartnerId;
}

/** Any reason to refuse a token; the API answers 401 without saying which. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

export interface PartnerTokenSettings {
  /** `iss` claim: the user pool's provider URL, or the local issuer. */
  readonly issuer: string;
  /** `client_id` claim of the portal's app client. */
  readonly clientId: string;
  /** Key source: a remote JWKS on AWS and locally; tests may pass a local key set. */
  readonly keys: JWTVerifyGetKey;
}

/** Settings from `PARTNER_JWT_ISSUER`, `PARTNER_JWT_CLIENT_ID` and optional `PARTNER_JWKS_URL`. */
export function tokenSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PartnerTokenSettings {
  const issuer = env.PARTNER_JWT_ISSUER;
  const clientId = env.PARTNER_JWT_CLIENT_ID;
  if (!issuer || !clientId) throw new Error('Missing PARTNER_JWT_ISSUER or PARTNER_JWT_CLIENT_ID');
  // The local issuer's key set; compiled out of deployed bundles (BUNDLING's define): Cognito's is derived.
  const localJwksUrl = process.env.PREMIER_PAS_CLOUD_BUILD === 'true' ? undefined : env.PARTNER_JWKS_URL;
  const jwksUrl = localJwksUrl || `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
  return { issuer, clientId, keys: createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2_000 }) };
}

const isPartnerId = (value: unknown): value is PartnerId =>
  typeof value === 'string' && (PARTNER_IDS as readonly string[]).includes(value);

/**
 * Checks signature, issuer, expiry, token use and client, then maps the user's groups to exactly one
 * association. Throws UnauthorizedError otherwise (no token, tampered, expired, no or several groups).
 */
export async function verifyPartnerToken(
  authorization: string | undefined,
  settings: PartnerTokenSettings,
): Promise<PartnerPrincipal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) throw new UnauthorizedError('no bearer token');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1], settings.keys, {
      issuer: settings.issuer,
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 5,
    }));
  } catch (caught) {
    if (caught instanceof joseErrors.JOSEError) throw new UnauthorizedError(`token refused: ${caught.code}`);
    throw caught;
  }
  if (payload.token_use !== 'access') throw new UnauthorizedError('not an access token');
  if (payload.client_id !== settings.clientId) throw new UnauthorizedError('token for another client');
  const groups = payload['cognito:groups'];
  const partners = Array.isArray(groups) ? groups.filter(isPartnerId) : [];
  const partnerId = partners[0];
  if (partnerId === undefined || partners.length !== 1) {
    throw new UnauthorizedError('the user belongs to no association, or to several');
  }
  const sub = payload.sub ?? '';
  const username = typeof payload.username === 'string' ? payload.username : sub;
  return { sub, username, partnerId };
}
