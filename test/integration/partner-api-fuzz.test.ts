import fc from 'fast-check';
import { type PartnerApiServer, startPartnerApiServer } from '../../local/runtime/partner-api-server';
import { signPartnerToken } from '../../local/runtime/partner-issuer';
import { applyCallbackLocalEnv } from '../support/callback-queues';
import { withLocalLine } from '../support/local-line';

/**
 * The partner API over real HTTP on the local line, fed garbage: paths, methods, headers, bodies and
 * tokens. One bad request must never take the server down, and none may get a 5xx (a 500 is our bug).
 */
withLocalLine();
applyCallbackLocalEnv();
let api: PartnerApiServer;
let token: string;

beforeAll(async () => {
  api = await startPartnerApiServer();
  token = await signPartnerToken({ groups: ['cidff94'], username: 'fuzz' });
});
afterAll(() => api.close());

const RUNS = 1_000;

/** Path segments that have broken servers before: bad escapes, traversal, unicode, huge ids. */
const segment = fc.oneof(
  fc.constantFrom('%E0%A4%A', '%', '%%', '%zz', '..', '.', '%2F', '%00', '\u00e9', '0'.repeat(300)),
  fc.uuid(),
  fc.string({ maxLength: 40 }).map((text) => encodeURIComponent(text)),
  fc.stringMatching(/^[A-Za-z0-9%._~-]{0,30}$/),
);
const path = fc.oneof(
  fc.constant('/callbacks'),
  fc
    .tuple(segment, fc.constantFrom('open', 'claim', 'outcome', 'other', ''))
    .map(([id, action]) => `/callbacks/${id}/${action}`),
  fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path,
  auth: fc.oneof(
    fc.constant<'valid' | 'none'>('valid'),
    fc.constant<'valid' | 'none'>('none'),
    fc.string({ maxLength: 60 }).map((text) => `Bearer ${text.replace(/[\r\n]/g, '')}`),
    fc.constant('Basic Zm9vOmJhcg=='),
  ),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  body: fc.oneof(
    fc.constant(''),
    fc.json(),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{"outcome":"reached"}', '{"outcome":null}', '{', 'null', '[]', '{"__proto__":{"x":1}}'),
  ),
});

it(`answers ${RUNS} garbage requests without a crash or a 5xx`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(request, async ({ method, path, auth, contentType, body }) => {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (auth === 'valid') headers.authorization = `Bearer ${token}`;
      else if (auth !== 'none') headers.authorization = auth;
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' || body === '' ? {} : { body }),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status).toBeLessThan(500);
    }),
    { numRuns: RUNS, seed: 94_001, endOnFailure: true },
  );
  // Still up, and still right, after all of it.
  const list = await fetch(`${api.url}/callbacks`, { headers: { authorization: `Bearer ${token}` } });
  expect(list.status).toBe(200);
  const counted = [...statuses.values()].reduce((sum, count) => sum + count, 0);
  expect(counted).toBe(RUNS);
  expect(statuses.has(404) && statuses.has(401)).toBe(true);
}, 300_000);
