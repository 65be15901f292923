import type { UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PartnerId } from '#domain/partners';
import { createPartnerApi } from './api';
import { createUserManager, partnerIdsOf, SIGN_IN_CALLBACK_PATH, usernameOf } from './auth';
import { IdleWatch } from './IdleWatch';
import { InboxPage } from './InboxPage';
import { Layout } from './Layout';
import { IDLE_SIGNED_OUT_MESSAGE, SESSION_ENDED_MESSAGE } from './messages';
import { NotFoundPage } from './NotFoundPage';
import { loadPortalConfig, type PortalConfig } from './portal-config';
import { RequestPage } from './RequestPage';
import { useRoute } from './router';
import { RefusedPage, SignInPage } from './SessionPages';

type Session =
  | { readonly state: 'loading' }
  | { readonly state: 'broken'; readonly message: string }
  | { readonly state: 'signedOut'; readonly message?: string }
  | { readonly state: 'refused' }
  | {
      readonly state: 'signedIn';
      readonly accessToken: string;
      readonly partnerId: PartnerId;
      readonly username: string;
    };

function sessionOf(accessToken: string): Session {
  const partners = partnerIdsOf(accessToken);
  const partnerId = partners[0];
  if (partnerId === undefined || partners.length !== 1) return { state: 'refused' };
  return { state: 'signedIn', accessToken, partnerId, username: usernameOf(accessToken) };
}

/** The portal: configuration, session (sign-in, idle and 401 sign-out), then the page of the route. */
export function App() {
  const [config, setConfig] = useState<PortalConfig>();
  const [users, setUsers] = useState<UserManager>();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const route = useRoute();

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const loaded = await loadPortalConfig();
      const manager = createUserManager(loaded);
      if (cancelled) return;
      setConfig(loaded);
      setUsers(manager);
      if (window.location.pathname === SIGN_IN_CALLBACK_PATH) {
        try {
          const user = await manager.signinRedirectCallback();
          const back = typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
          window.history.replaceState(null, '', back);
          window.dispatchEvent(new PopStateEvent('popstate'));
          setSession(sessionOf(user.access_token));
        } catch {
          window.history.replaceState(null, '', '/');
          setSession({ state: 'signedOut', message: "La connexion n'a pas abouti. Réessayez." });
        }
        return;
      }
      const user = await manager.getUser();
      setSession(user === null || user.expired ? { state: 'signedOut' } : sessionOf(user.access_token));
    })().catch((caught: unknown) => {
      if (!cancelled)
        setSession({ state: 'broken', message: caught instanceof Error ? caught.message : String(caught) });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const signIn = useCallback(() => {
    // prompt=login: after an idle sign-out, the next person at the desk must sign in again.
    void users?.signinRedirect({ state: window.location.pathname, prompt: 'login' });
  }, [users]);

  /** Ends the session in this tab: idle, a refused token, or the button when the provider has no logout. */
  const endLocally = useCallback(
    (message?: string) => {
      void users?.removeUser();
      setSession(message === undefined ? { state: 'signedOut' } : { state: 'signedOut', message });
    },
    [users],
  );

  const signOut = useCallback(() => {
    if (users === undefined) return;
    users.signoutRedirect().catch(() => endLocally('Vous êtes déconnecté·e.'));
  }, [users, endLocally]);

  const onIdle = useCallback(() => endLocally(IDLE_SIGNED_OUT_MESSAGE), [endLocally]);
  const onUnauthorized = useCallback(() => endLocally(SESSION_ENDED_MESSAGE), [endLocally]);

  const accessToken = session.state === 'signedIn' ? session.accessToken : undefined;
  const api = useMemo(
    () => (config === undefined ? undefined : createPartnerApi(config.apiUrl, () => accessToken)),
    [config, accessToken],
  );

  if (session.state === 'loading') {
    return (
      <Layout>
        <p role="status">Chargement…</p>
      </Layout>
    );
  }
  if (session.state === 'broken') {
    return (
      <Layout>
        <h1 tabIndex={-1}>L'espace partenaires ne peut pas démarrer</h1>
        <p role="alert">{session.message}</p>
        <p>Réessayez dans quelques minutes ; si cela persiste, prévenez l'équipe Un premier pas.</p>
      </Layout>
    );
  }
  if (session.state === 'signedOut') {
    return (
      <Layout>
        <SignInPage message={session.message} onSignIn={signIn} />
      </Layout>
    );
  }
  if (session.state === 'refused') {
    return (
      <Layout onSignOut={signOut}>
        <RefusedPage onSignOut={signOut} />
      </Layout>
    );
  }
  return (
    <Layout onSignOut={signOut} partnerId={session.partnerId} username={session.username}>
      <IdleWatch onExpire={onIdle} />
      {api === undefined ? null : route.page === 'inbox' ? (
        <InboxPage api={api} partnerId={session.partnerId} onUnauthorized={onUnauthorized} />
      ) : route.page === 'request' ? (
        <RequestPage
          key={route.requestId}
          api={api}
          requestId={route.requestId}
          username={`${session.partnerId}/${session.username}`}
          onUnauthorized={onUnauthorized}
        />
      ) : (
        <NotFoundPage
          title="Page introuvable"
          text="Cette adresse ne correspond à aucune page de l'espace partenaires."
        />
      )}
    </Layout>
  );
}
