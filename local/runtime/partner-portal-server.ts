import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { securityHeaders, type WebOrigins } from '../../infra/web/security-headers';
import type { PortalConfig } from '../../web/partner-portal/src/portal-config';
import { PORTAL_DIST } from './partner-portal-build';

/**
 * Serves the built partner portal on 127.0.0.1 as CloudFront serves it on AWS: the files of `dist/`,
 * `index.html` for any page path (the app routes itself), `/config.json` with the local values, and
 * on every response the security headers of `securityHeaders()`, the one definition both use.
 */

export interface PartnerPortalServer {
  /** `http://127.0.0.1:PORT` (no trailing slash): the portal's origin. */
  readonly origin: string;
  /** Sets what `/config.json` answers (the API and sign-in addresses are known after the port). */
  configure(config: PortalConfig): void;
  /** The origins the page's CSP allows, derived from the configuration. */
  origins(): WebOrigins;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The CSP's extra origins for a configuration: the API and the sign-in service, fetched by the page. */
export function portalOrigins(config: PortalConfig): WebOrigins {
  return { connect: [new URL(config.apiUrl).origin, new URL(config.oidc.authority).origin] };
}

export async function startPartnerPortalServer(
  options: { readonly port?: number; readonly dist?: string } = {},
): Promise<PartnerPortalServer> {
  const dist = options.dist ?? PORTAL_DIST;
  let config: PortalConfig | undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { ...(config === undefined ? {} : securityHeaders(portalOrigins(config))) };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/config.json') {
      if (config === undefined) {
        res.writeHead(503, headers).end();
        return;
      }
      res
        .writeHead(200, { ...headers, 'content-type': TYPES['.json'], 'cache-control': 'no-store' })
        .end(JSON.stringify(config));
      return;
    }
    const file = path.normalize(path.join(dist, decodeURIComponent(url.pathname)));
    const inside = file.startsWith(`${dist}${path.sep}`);
    const asset = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
    // A missing asset is a 404; any other path is a page of the app.
    if (asset === undefined && url.pathname.startsWith('/assets/')) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const served = asset ?? path.join(dist, 'index.html');
    const immutable = served.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[path.extname(served)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : fs.readFileSync(served));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The portal server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    configure: (next) => {
      config = next;
    },
    origins: () => {
      if (config === undefined) throw new Error('The portal server is not configured yet');
      return portalOrigins(config);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
