import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { PortInUseError } from '../../local/emulators/emulator-failures';
import { startEmulators } from '../../local/emulators/start-emulators';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

jest.setTimeout(90_000);

describe('local emulators', () => {
  it('start on free 127.0.0.1 ports and stop without leaving a process behind', async () => {
    const emulators = await startEmulators({ handleSignals: false });
    expect(emulators.dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulators.sqs.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(isAlive(emulators.dynamodb.pid)).toBe(true);
    expect(isAlive(emulators.sqs.pid)).toBe(true);
    await emulators.stop();
    expect(isAlive(emulators.dynamodb.pid)).toBe(false);
    expect(isAlive(emulators.sqs.pid)).toBe(false);
  });

  it('refuses a requested port that is taken, with a clear message', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await expect(startEmulators({ handleSignals: false, sqsPort: port })).rejects.toThrow(PortInUseError);
      await expect(startEmulators({ handleSignals: false, sqsPort: port })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use`,
      );
    } finally {
      server.close();
    }
  });

  it('are killed by the orphan guard when the process that started them is SIGKILLed', async () => {
    const script = `
      const { startEmulators } = require('./local/emulators/start-emulators');
      startEmulators().then((e) => console.log(JSON.stringify({ dynamodb: e.dynamodb.pid, sqs: e.sqs.pid })));
      setInterval(() => {}, 1000);
    `;
    const child = spawn(
      process.execPath,
      // tsx as a loader in this very process: the tsx CLI would put a second process in between.
      ['--import', 'tsx', '-e', script],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const pids = await new Promise<{ dynamodb: number; sqs: number }>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
        if (line) resolve(JSON.parse(line));
      });
      child.once('exit', (code) =>
        reject(new Error(`the child exited (${code}) before starting the emulators`)),
      );
    });
    expect(isAlive(pids.dynamodb)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitFor(() => !isAlive(pids.dynamodb) && !isAlive(pids.sqs), 10_000)).toBe(true);
  });
});
