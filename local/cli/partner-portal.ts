import { parseArgs } from 'node:util';
import { startLocalPartnerPortal } from '../runtime/partner-portal-line';

/**
 * Serves the partner portal and the local OpenID provider against an already running partner API.
 * `npm start` does this itself; the browser tests run it as a child process, since oidc-provider
 * and Vite are ES modules that jest's CommonJS runtime cannot load.
 */

const USAGE = `Usage: tsx local/cli/partner-portal.ts --api-url <url> [--port <n>] [--json]

Builds the partner portal if its dist/ is stale, serves it on 127.0.0.1 with the pages' security
headers and /config.json, and starts the local OpenID provider (seeded users, README "Partner portal").
The partner API must answer CORS for the printed origin (npm start's does it for its own portal).
  --api-url   the partner API's base URL, e.g. http://127.0.0.1:4010 (required)
  --port      the portal's port, default a free one
  --json      print {"url","origin","oidcUrl"} as one JSON line instead of "partner portal: <url>"
  --help      this text

Stops on Ctrl-C, or when its standard input closes (a parent process ended).`;

async function main(argv: readonly string[]): Promise<number> {
  let values: { 'api-url'?: string; port?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'api-url': { type: 'string' },
        port: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`partner-portal: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const apiUrl = values['api-url'];
  if (apiUrl === undefined || !URL.canParse(apiUrl)) {
    process.stderr.write(`partner-portal: --api-url must be a URL.\n\n${USAGE}\n`);
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    process.stderr.write('partner-portal: --port must be a whole number between 0 and 65535.\n');
    return 2;
  }
  const portal = await startLocalPartnerPortal(
    { url: apiUrl.replace(/\/+$/, ''), allowOrigin: () => {} },
    port === undefined ? {} : { port },
  );
  console.log(
    values.json
      ? JSON.stringify({ url: portal.url, origin: portal.origin, oidcUrl: portal.oidcUrl })
      : `partner portal: ${portal.url}`,
  );
  const stop = () => void portal.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdin.once('end', stop);
  process.stdin.resume();
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `partner-portal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
