import { PARTNER_IDS } from '#domain/partners';
import { signPartnerToken } from '../runtime/partner-issuer';

/** `npm run token`: prints a bearer token for the local partner API, signed by the local issuer. */

const USAGE = `Usage: npm run --silent token -- --partner <${PARTNER_IDS.join('|')}> [--user <name>] [--minutes <n>]

Prints a bearer token for the local partner API (npm start), signed by the local issuer with the
same claims as Cognito: the user belongs to the association's group.
  --partner   association id (required)
  --user      user name, default alice
  --minutes   validity, default 60`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index] ?? '';
    const value = argv[index + 1];
    if (
      !['--partner', '--user', '--minutes'].includes(name) ||
      value === undefined ||
      value.startsWith('--')
    ) {
      console.error(
        `Unexpected argument "${name}"${value === undefined ? ' (missing value)' : ''}.\n\n${USAGE}`,
      );
      return 2;
    }
    options.set(name, value);
  }
  const partner = options.get('--partner');
  if (partner === undefined || !(PARTNER_IDS as readonly string[]).includes(partner)) {
    console.error(`--partner must be one of ${PARTNER_IDS.join(', ')}.\n\n${USAGE}`);
    return 2;
  }
  const minutes = Number(options.get('--minutes') ?? '60');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    console.error('--minutes must be a whole number between 1 and 1440.');
    return 2;
  }
  const token = await signPartnerToken({
    groups: [partner],
    username: options.get('--user') ?? 'alice',
    expiresInSeconds: minutes * 60,
  });
  console.log(token);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (caught: unknown) => {
      console.error(caught instanceof Error ? caught.message : String(caught));
      process.exit(1);
    },
  );
}
