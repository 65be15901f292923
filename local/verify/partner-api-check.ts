import type { SmokeResult } from './verify-ports';

/** A request to the partner API without a token must be refused with 401, never served. */
export async function signedOutCallCheck(baseUrl: string): Promise<SmokeResult> {
  const url = new URL('callbacks', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await response.body?.cancel();
  return response.status === 401
    ? { check: 'partnerApi', status: 'OK', detail: `GET ${url.pathname} without a token: 401` }
    : {
        check: 'partnerApi',
        status: 'FAILED',
        detail: `GET ${url.pathname} without a token: ${response.status}, not 401`,
      };
}
