import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LineConsole, startLineConsole } from '../../local/console/console-server';
import { type LocalLine, startLocalLine } from '../../local/runtime/line';
import { captureStdout, POWERTOOLS_EMPTY_METRICS_NOTICE } from '../../local/runtime/metrics-sink';
import { type PartnerApiServer, startPartnerApiServer } from '../../local/runtime/partner-api-server';
import { startTemplateQueuePollers } from '../../local/runtime/sqs-poller';

/**
 * A local line with the line console on it, for browser tests (the browser project has no global
 * setup): the emulators, the template's SQS event sources (dispatch-callback), the partner API, the
 * metrics sink, a fresh outbox and reports folder, and the console at `speed` times real time.
 */
export interface ConsoleLine {
  readonly line: LocalLine;
  readonly console: LineConsole;
  readonly partnerApi: PartnerApiServer;
  readonly reportsDir: string;
  stop(): Promise<void>;
}

export async function startConsoleLine(options: { readonly speed?: number } = {}): Promise<ConsoleLine> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-console-'));
  // Set before any handler loads: dispatch-callback then records tasks in this outbox.
  process.env.LOCAL_OUTBOX_DIR = path.join(scratch, 'outbox');
  const reportsDir = path.join(scratch, 'reports');
  const line = await startLocalLine({ emulators: { handleSignals: false } });
  const stops: (() => Promise<void>)[] = [() => line.stop()];
  try {
    line.applyEnv();
    const capture = captureStdout(undefined, {
      metrics: 'drop',
      logs: 'drop',
      muteStderr: [POWERTOOLS_EMPTY_METRICS_NOTICE],
    });
    stops.push(async () => capture.restore());
    // SQS event sources of the template (e.g. dispatch-callback on the callback queue).
    for (const { poller } of startTemplateQueuePollers(line)) {
      stops.push(async () => void (await poller.stop()));
    }
    const partnerApi = await startPartnerApiServer();
    stops.push(() => partnerApi.close());
    const console = await startLineConsole({
      line,
      metrics: capture.sink,
      reportsDir,
      ...(options.speed === undefined ? {} : { speed: options.speed }),
    });
    stops.push(() => console.close());
    return {
      line,
      console,
      partnerApi,
      reportsDir,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw error;
  }
}
