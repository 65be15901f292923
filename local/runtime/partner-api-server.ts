import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PARTNER_API_CORS } from '#domain/partner-portal';
import { decodePathSegment } from '../../functions/partner-api/path-segment';
import { type InvokeOptions, invokeFunction } from './lambda-runtime';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, localJwks } from './partner-issuer';

/**
 * Serves the partner API on 127.0.0.1 like API Gateway's HTTP API would: each request becomes an
 * APIGatewayProxyEventV2 for the real `partner-api` handler. The local issuer's JWKS is served at
 * `/.well-known/jwks.json`, and the handler fetches it like it fetches Cognito's on AWS.
 */

export interface PartnerApiServer {
  readonly url: string;
  /** Lets a page on `origin` (the local partner portal) call the API, as the HttpApi's CORS does on AWS. */
  allowOrigin(origin: string): void;
  close(): Promise<void>;
}

/** What the HTTP API's CORS configuration answers for an allowed origin (the methods and headers the portal uses). */

function corsHeaders(origin: string | undefined, allowed: ReadonlySet<string>): http.OutgoingHttpHeaders {
  if (origin === undefined || !allowed.has(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'origin' };
}

export interface PartnerApiServerOptions {
  /** @default a free port */
  readonly port?: number;
  /** Passed to the local Lambda runtime (time limit, template settings). */
  readonly invokeOptions?: InvokeOptions;
  /** The local issuer key file. @default .local/partner-issuer.json */
  readonly issuerKeyFile?: string;
}

const ROUTES: readonly [string, RegExp][] = [
  ['GET /callbacks', /^\/callbacks\/?$/],
  ['GET /callbacks/{id}', /^\/callbacks\/([^/]+)\/?$/],
  ['POST /callbacks/{id}/open', /^\/callbacks\/([^/]+)\/open\/?$/],
  ['POST /callbacks/{id}/claim', /^\/callbacks\/([^/]+)\/claim\/?$/],
  ['POST /callbacks/{id}/outcome', /^\/callbacks\/([^/]+)\/outcome\/?$/],
];

/** Builds the event API Gateway (payload format 2.0) delivers for an HTTP request. */
export function toHttpApiEvent(
  request: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; sourceIp: string },
  now = new Date(),
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, 'http://127.0.0.1');
  const method = request.method.toUpperCase();
  const route = ROUTES.find(([key, pattern]) => key.startsWith(`${method} `) && pattern.test(url.pathname));
  const id = route?.[1].exec(url.pathname)?.[1];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    version: '2.0',
    routeKey: route?.[0] ?? '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    // API Gateway passes a segment it cannot decode as it came; so does this, rather than throw.
    ...(id === undefined ? {} : { pathParameters: { id: decodePathSegment(id) ?? id } }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route?.[0] ?? '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(request.body === '' ? {} : { body: request.body }),
    isBase64Encoded: false,
  };
}

/**
 * Starts the server. The line's environment (tables, PHONE_LOCAL_AES_KEY) must already be in
 * process.env; this sets the token settings for the local issuer before the handler's first load.
 */
export async function startPartnerApiServer(
  options: PartnerApiServerOptions = {},
): Promise<PartnerApiServer> {
  const jwks = JSON.stringify(await localJwks(options.issuerKeyFile));
  const allowedOrigins = new Set<string>();
  const server = http.createServer((req, res) => {
    const cors = corsHeaders(req.headers.origin, allowedOrigins);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      // A preflight is answered by the gateway, never by the function; without CORS headers for an
      // origin it does not allow, so the browser blocks the call.
      const allowed = cors['access-control-allow-origin'] !== undefined;
      res
        .writeHead(204, {
          ...cors,
          ...(allowed
            ? {
                'access-control-allow-methods': PARTNER_API_CORS.allowMethods.join(','),
                'access-control-allow-headers': PARTNER_API_CORS.allowHeaders.join(','),
                'access-control-max-age': String(PARTNER_API_CORS.maxAgeSeconds),
              }
            : {}),
        })
        .end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
        return;
      }
      let event: APIGatewayProxyEventV2;
      try {
        event = toHttpApiEvent({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        });
      } catch {
        // One bad request must never take the server (and the local line with it) down.
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"Bad Request"}');
        return;
      }
      invokeFunction<APIGatewayProxyStructuredResultV2>('partner-api', event, options.invokeOptions).then(
        (invocation) => {
          if (!invocation.ok) {
            // What API Gateway answers when the integration fails.
            res
              .writeHead(500, { 'content-type': 'application/json', ...cors })
              .end('{"message":"Internal Server Error"}');
            return;
          }
          const result = invocation.result;
          res.writeHead(result.statusCode ?? 200, {
            ...(result.headers as http.OutgoingHttpHeaders),
            ...cors,
          });
          res.end(result.body ?? '');
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The partner API server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  process.env.PARTNER_JWT_ISSUER = LOCAL_ISSUER;
  process.env.PARTNER_JWT_CLIENT_ID = LOCAL_CLIENT_ID;
  process.env.PARTNER_JWKS_URL = `${url}/.well-known/jwks.json`;
  return {
    url,
    allowOrigin: (origin) => void allowedOrigins.add(origin),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
