import * as http from 'node:http';
import Provider from 'oidc-provider';
import { MemoryAdapter } from './oidc-memory-adapter';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, loadIssuerKey } from './partner-issuer';
import { findLocalPortalUser, LOCAL_PORTAL_PASSWORD, LOCAL_PORTAL_USERS } from './portal-users';

/**
 * The local stand-in for Cognito's managed login: an OpenID provider (oidc-provider) on 127.0.0.1
 * with the seeded users, a French sign-in form, authorization code + PKCE for the portal, and access
 * tokens in JWT format with Cognito's claims (`cognito:groups`, `token_use`, `client_id`, `username`).
 * It signs with the local issuer's key and names itself LOCAL_ISSUER, so the partner API verifies its
 * tokens and `npm run token`'s with the one code path it uses on AWS.
 */

export interface LocalOidcProvider {
  /** The provider's address: the portal's `oidc.authority`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface LocalOidcProviderOptions {
  /** The portal's origin: sign-in and sign-out redirect there. */
  readonly portalOrigin: string;
  /** @default a free port */
  readonly port?: number;
  /** The local issuer key file. @default .local/partner-issuer.json */
  readonly issuerKeyFile?: string;
}

/** The resource every access token is for: the partner API. */
const PARTNER_API_RESOURCE = 'urn:premier-pas:partner-api';
const SCOPE = 'openid email';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain French page, styled by a few rules of its own (the provider's pages are not the portal's). */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Un premier pas (local)</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1f24;margin:0;line-height:1.5}
main{max-width:26rem;margin:3rem auto;background:#fff;border:1px solid #c9ced6;border-radius:6px;padding:1.5rem 2rem}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #59616d;border-radius:4px}
button{font:inherit;margin-top:1.25rem;padding:.55rem 1.1rem;border:0;border-radius:4px;background:#1d4f91;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d4f91;border:1px solid #1d4f91;margin-left:.5rem}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}.error{color:#a4161a;font-weight:600}
.hint{color:#4a525c;font-size:.95rem}
</style></head><body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, error?: string): string {
  const users = LOCAL_PORTAL_USERS.map(
    (user) => `<li><code>${user.username}</code> : ${escapeHtml(user.displayName)}</li>`,
  ).join('');
  return page(
    'Connexion',
    `<h1>Connexion à l'espace partenaires</h1>
${error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="username">Identifiant</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>
<p class="hint">Fournisseur d'identité local (ligne locale uniquement). Comptes : </p><ul class="hint">${users}</ul>`,
  );
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the provider; `portalOrigin` is where it sends the user back. */
export async function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const key = await loadIssuerKey(options.issuerKeyFile);
  const portal = options.portalOrigin.replace(/\/$/, '');
  const provider = new Provider(LOCAL_ISSUER, {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: 'Espace partenaires (local)',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${portal}/`, `${portal}/connexion`],
        post_logout_redirect_uris: [`${portal}/`],
      },
    ],
    adapter: MemoryAdapter,
    // The token endpoint answers the portal's page, and only it.
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === portal,
    jwks: { keys: [key.privateJwk] },
    cookies: { keys: [key.kid] },
    // The API reads its keys where Cognito publishes them, relative to the issuer.
    routes: { jwks: '/.well-known/jwks.json' },
    pkce: { required: () => true },
    scopes: ['openid', 'email'],
    claims: { openid: ['sub'], email: ['email'] },
    ttl: {
      AccessToken: 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: { body: string }, form: string) => {
          ctx.body = page(
            'Déconnexion',
            `<h1>Se déconnecter ?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Se déconnecter</button>`,
          );
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => PARTNER_API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: SCOPE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // Consent is implied, as with Cognito's managed login for a first-party app.
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string; grantIdFor(id: string): string | undefined };
      };
    }) => {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing !== undefined) return provider.Grant.find(existing);
      const grant = new provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope(SCOPE);
      grant.addResourceScope(PARTNER_API_RESOURCE, SCOPE);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const user = findLocalPortalUser(sub);
      if (user === undefined) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: user.email }) };
    },
    // Cognito's access token claims; `client_id` and `sub` come from the provider itself.
    extraTokenClaims: async (_ctx: unknown, token: { kind: string; accountId: string }) => {
      if (token.kind !== 'AccessToken') return undefined;
      const user = findLocalPortalUser(token.accountId);
      return {
        'cognito:groups': user?.partnerId === undefined ? [] : [user.partnerId],
        token_use: 'access',
        username: token.accountId,
      };
    },
    renderError: async (ctx: { type: string; body: string }, out: { error?: string }) => {
      ctx.type = 'html';
      ctx.body = page(
        'Erreur',
        `<h1>La connexion n'a pas abouti</h1><p>${escapeHtml(out.error ?? 'erreur')}</p><p><a href="${escapeHtml(portal)}/">Revenir à l'espace partenaires</a></p>`,
      );
    },
  });
  const callback = provider.callback();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (match === null) {
      callback(req, res);
      return;
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        const html = (body: string, status = 200) =>
          res
            .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
            .end(body);
        if (match[2] === undefined) {
          html(loginPage(details.uid));
          return;
        }
        const form = await readForm(req);
        const username = (form.get('username') ?? '').trim().toLowerCase();
        if (findLocalPortalUser(username) === undefined || form.get('password') !== LOCAL_PORTAL_PASSWORD) {
          html(loginPage(details.uid, 'Identifiant ou mot de passe incorrect.'), 401);
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: username } },
          { mergeWithLastSubmission: false },
        );
      } catch {
        res
          .writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            page(
              'Erreur',
              `<h1>Session de connexion expirée</h1><p><a href="${escapeHtml(portal)}/">Recommencer</a></p>`,
            ),
          );
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The OpenID provider has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
