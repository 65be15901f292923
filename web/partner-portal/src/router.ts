import { useEffect, useState } from 'react';

/** The portal's pages; anything else is the "page not found" page. */
export type Route =
  | { readonly page: 'inbox' }
  | { readonly page: 'request'; readonly requestId: string }
  | { readonly page: 'unknown' };

export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'inbox' };
  const match = /^\/demandes\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] !== undefined) {
    try {
      return { page: 'request', requestId: decodeURIComponent(match[1]) };
    } catch {
      return { page: 'unknown' };
    }
  }
  return { page: 'unknown' };
}

export const requestPath = (requestId: string) => `/demandes/${encodeURIComponent(requestId)}`;

/** Moves to `path` without reloading (the tokens stay in this tab). */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}
