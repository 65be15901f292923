import { PORTAL_SCOPE } from '#domain/partner-portal';
import { startLocalOidcProvider } from './local-oidc-provider';
import type { PartnerApiServer } from './partner-api-server';
import { LOCAL_CLIENT_ID } from './partner-issuer';
import { buildPartnerPortalIfStale } from './partner-portal-build';
import { startPartnerPortalServer } from './partner-portal-server';

/**
 * The partner portal on the local line: built if stale, served on 127.0.0.1 with the pages' security
 * headers, signed in through the local OpenID provider, talking to the local partner API (which is
 * told to answer CORS for the portal's origin, as the HttpApi does on AWS).
 */

export interface LocalPartnerPortal {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly origin: string;
  /** The local OpenID provider (the config's `oidc.authority`). */
  readonly oidcUrl: string;
  close(): Promise<void>;
}

export async function startLocalPartnerPortal(
  api: Pick<PartnerApiServer, 'url' | 'allowOrigin'>,
  options: { readonly port?: number } = {},
): Promise<LocalPartnerPortal> {
  await buildPartnerPortalIfStale();
  const portal = await startPartnerPortalServer(options.port === undefined ? {} : { port: options.port });
  const oidc = await startLocalOidcProvider({ portalOrigin: portal.origin });
  portal.configure({
    apiUrl: api.url,
    oidc: { authority: oidc.url, clientId: LOCAL_CLIENT_ID, scope: PORTAL_SCOPE },
  });
  api.allowOrigin(portal.origin);
  return {
    url: `${portal.origin}/`,
    origin: portal.origin,
    oidcUrl: oidc.url,
    close: async () => {
      await portal.close();
      await oidc.close();
    },
  };
}
