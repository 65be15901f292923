import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { PORTAL_SIGN_IN_PATH } from '#domain/partner-portal';
import { PARTNER_IDS, type PartnerId } from '#domain/partners';
import type { PortalConfig } from './portal-config';

/** Where the sign-in service sends the user back, with the authorization code (Cognito's callback URL). */
export const SIGN_IN_CALLBACK_PATH = PORTAL_SIGN_IN_PATH;

/**
 * OpenID Connect, authorization code with PKCE (oidc-client-ts), against Cognito on AWS and the local
 * provider on the local line. Tokens and the sign-in state live in sessionStorage, never localStorage:
 * they must survive the redirect back from the sign-in page (a full page load), and they die with the
 * tab; memory alone would force a new sign-in on every reload.
 */
export function createUserManager(
  config: PortalConfig,
  origin: string = window.location.origin,
): UserManager {
  return new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    response_type: 'code',
    redirect_uri: `${origin}${SIGN_IN_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
}

/** The associations an access token's `cognito:groups` name; the portal serves exactly one. */
export function partnerIdsOf(accessToken: string): PartnerId[] {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const groups = (JSON.parse(json) as Record<string, unknown>)['cognito:groups'];
    return Array.isArray(groups) ? PARTNER_IDS.filter((id) => id !== 'line' && groups.includes(id)) : [];
  } catch {
    return [];
  }
}

/** The user name shown in the header, from the token (Cognito's `username`). */
export function usernameOf(accessToken: string): string {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    return typeof claims.username === 'string' ? claims.username : '';
  } catch {
    return '';
  }
}
