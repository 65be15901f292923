// Runs the fauxqs SQS/SNS emulator on 127.0.0.1 only. fauxqs's own CLI listens on 0.0.0.0 and builds
// queue URLs on `sqs.<region>.localhost`, a name Node cannot resolve here; this launcher keeps its
// server and routes but binds the loopback interface and keeps queue URLs on the address clients call.
// Usage: node local/emulators/fauxqs-server.mjs <port|0> <region>. Prints one JSON line {"port":N} when ready.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp } from 'fauxqs';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
const region = process.argv[3] ?? 'eu-central-1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`fauxqs-server: invalid port ${process.argv[2]}\n`);
  process.exit(2);
}

// The store class is not in the package's exports map; load it by file from the package folder.
const distDir = dirname(fileURLToPath(import.meta.resolve('fauxqs')));
const { SqsStore } = await import(pathToFileURL(join(distDir, 'sqs', 'sqsStore.js')).href);
const sqsStore = new SqsStore();
// Without a host, queue URLs use the request's Host header: http://127.0.0.1:<port>/000000000000/<name>.
sqsStore.host = undefined;

const app = buildApp({ logger: false, defaultRegion: region, stores: { sqsStore } });
try {
  const address = await app.listen({ host: '127.0.0.1', port });
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);
} catch (error) {
  process.stderr.write(`fauxqs-server: cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}\n`);
  process.exit(3);
}

const shutdown = () => {
  app.close().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
