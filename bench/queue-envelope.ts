import { parseArgs } from 'node:util';
import { contactSealer, openSealedContact } from '../functions/shared/callbacks/queue-envelope';
import { localDataKeyUnwrapper } from '../functions/shared/callbacks/queue-envelope-keys';
import { loadLocalEnvelopeKey } from '../local/runtime/callback-envelope-key';

const USAGE = `Usage: npm run bench:envelope [-- --iterations N]

Prints what the queue envelope (functions/shared/callbacks/queue-envelope.ts) costs, with the local
line's RSA-3072 key pair:
  - reading the public key, once per cold start of request-callback and qualify-call;
  - sealing one number and code word (AES-256-GCM + RSA-OAEP SHA-256 with the public key): the time
    added to a caller's or a listener's request, with no network call;
  - opening one locally (RSA private decrypt + GCM): on AWS dispatch-callback asks KMS Decrypt
    instead, a network call off the caller's path.

  --iterations N   measured operations per row (default 500, after 50 warm-up ones)
  --help           this text`;

const { values } = parseArgs({
  options: { iterations: { type: 'string', default: '500' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const iterations = Number(values.iterations);
if (!Number.isInteger(iterations) || iterations < 1) {
  console.error('--iterations must be a positive integer');
  process.exit(2);
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function measure(run: () => unknown | Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let warm = 0; warm < 50; warm += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  const key = loadLocalEnvelopeKey();
  const binding = { requestId: '01J0000000000000000000000A', partnerId: 'cidff94' };
  const contact = { phoneNumber: '+33612345678', codeWord: 'tournesol' };
  const coldStart = await measure(() => contactSealer(key.publicKey));
  const seal = contactSealer(key.publicKey);
  const sealing = await measure(() => seal(contact, binding));
  const unwrap = localDataKeyUnwrapper(key.privateKey);
  const sealed = seal(contact, binding);
  const opening = await measure(() => openSealedContact(sealed, binding, unwrap));
  const row = (name: string, figures: { p50: number; p99: number }) =>
    `${name.padEnd(44)} ${figures.p50.toFixed(3).padStart(8)} ${figures.p99.toFixed(3).padStart(8)}`;
  console.log(`${'queue envelope (ms)'.padEnd(44)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}`);
  console.log(row('read the public key (once per cold start)', coldStart));
  console.log(row('seal a number and code word (producers)', sealing));
  console.log(row('open one, local key (AWS: KMS Decrypt)', opening));
  console.log(`${iterations} operations per row`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
