import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleEnvironment, bundleFunction, importBundle } from '../../local/runtime/bundle-function';
import { listFunctions } from '../../local/runtime/lambda-runtime';
import { withLocalLine } from '../support/local-line';

/**
 * Every function bundled with the deploy settings, loaded in a fresh Node process with the environment
 * its template gives it, and held to a size budget. `npm run bench` prints the same sizes with timings.
 */
const KB = 1024;

/** Budgets in bytes, each with its reason. */
const BUDGETS: Readonly<Record<string, { readonly bytes: number; readonly why: string }>> = {
  'call-intake': {
    bytes: 400 * KB,
    why: 'Connect waits for it on every call: a small bundle is a fast cold start',
  },
  'request-callback': { bytes: 400 * KB, why: 'invoked from the caller flow, same as call-intake' },
  'qualify-call': { bytes: 400 * KB, why: "invoked from the listener's guide flow while the listener waits" },
  'contact-events': {
    bytes: 450 * KB,
    why: 'EventBridge target, off the call path; DynamoDB client and zod',
  },
  'dispatch-callback': {
    bytes: 600 * KB,
    why: 'SQS consumer off the call path: Encryption SDK, KMS, idempotency; SNS and Connect by signed request',
  },
  'partner-api': { bytes: 600 * KB, why: 'HTTP API off the call path: Encryption SDK, KMS and JWT checks' },
  'callback-watch': { bytes: 400 * KB, why: 'hourly schedule: the DynamoDB client, SNS by signed request' },
  'sweep-statistics': { bytes: 450 * KB, why: 'daily schedule: the DynamoDB client and zod' },
  'monthly-report': { bytes: 600 * KB, why: 'monthly schedule: DynamoDB and S3 clients, the chart renderer' },
  'queue-envelope-public-key': {
    bytes: 400 * KB,
    why: 'deploy-time custom resource: the KMS client, run once per deploy that changes the key',
  },
  'phone-number-association': {
    bytes: 1000 * KB,
    why: 'deploy-time custom resource: the full Connect client, run a handful of times a year',
  },
};

const line = withLocalLine();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-bundles-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('function bundles', () => {
  it('have a budget each, and no budget names a missing function', () => {
    expect(Object.keys(BUDGETS).sort()).toEqual(listFunctions());
  });

  it.each(listFunctions())(
    '%s fits its budget and loads in a fresh Node',
    async (name) => {
      const bundle = await bundleFunction(name);
      const budget = BUDGETS[name];
      expect(budget).toBeDefined();
      if (bundle.bytes > (budget?.bytes ?? 0)) {
        throw new Error(
          `${name}: ${(bundle.bytes / KB).toFixed(0)} KB > ${(budget?.bytes ?? 0) / KB} KB (${budget?.why})`,
        );
      }
      const loaded = importBundle(bundle.code, dir, name, bundleEnvironment(line, name));
      expect(loaded).toMatchObject({ ok: true });
    },
    60_000,
  );
});
