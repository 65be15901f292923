import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import type { RunningEmulator } from '../emulators/start-emulators';
import type { StackTemplate } from './cfn-template';
import type { LineQueues, LineTables, LocalLine, LocalLineEnv } from './line';
import type { ProvisionedResources } from './provisioned-resources';

/**
 * A running line written down as JSON, so that another process (a jest worker, `npm run invoke`,
 * `npm run report`) can use the emulators and environment of the line `npm start` runs.
 */

/** A running line as plain JSON, so another process (a jest worker, `npm run invoke`) can use it. */
export interface LineDescription {
  readonly env: LocalLineEnv;
  readonly templates: readonly StackTemplate[];
  readonly tables: LineTables;
  readonly queues: LineQueues;
  readonly resources: ProvisionedResources;
  readonly emulators: {
    readonly region: string;
    readonly dynamodb: RunningEmulator;
    readonly sqs: RunningEmulator;
  };
}

/** Where `npm start` publishes its running line for `npm run invoke` (and later tools) to attach to. */
export const DEFAULT_LINE_FILE = path.join(REPO_ROOT, '.local', 'line.json');

/** The JSON-safe description of a running line. */
export function describeLine(line: LocalLine): LineDescription {
  const { env, templates, tables, queues, resources, emulators } = line;
  return {
    env,
    templates,
    tables,
    queues,
    resources,
    emulators: { region: emulators.region, dynamodb: emulators.dynamodb, sqs: emulators.sqs },
  };
}

/** Writes a line's description (it holds the run's local HMAC key: owner-only). */
export function writeLineFile(line: LocalLine, file: string = DEFAULT_LINE_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(describeLine(line)), { mode: 0o600 });
}

/** Reads a line description; undefined when the file does not exist. */
export function readLineFile(file: string = DEFAULT_LINE_FILE): LineDescription | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LineDescription;
}

/** True when both emulators of a described line still accept connections. */
export async function isLineReachable(description: LineDescription): Promise<boolean> {
  const reachable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.setTimeout(500);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
    });
  const [dynamodb, sqs] = await Promise.all([
    reachable(description.emulators.dynamodb.port),
    reachable(description.emulators.sqs.port),
  ]);
  return dynamodb && sqs;
}
