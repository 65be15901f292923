import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { StageConfig } from '#domain/stage';
import { parisClock } from '#domain/time/paris-time';
import { stageConfig as namedStageConfig } from '../../config/stages';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { securityHeaders } from '../../infra/web/security-headers';
import { guideEvent } from '../demo/qualified-month';
import { createLocalCallRunner } from '../flow-interpreter/local-call';
import { invokeFunction } from '../runtime/lambda-runtime';
import type { LineDescription } from '../runtime/line-description';
import type { MetricsSink } from '../runtime/metrics-sink';
import { CONSOLE_DIST_DIR, ensureConsoleBuild } from './console-app-build';
import { KEYPAD_KEYS, LiveCall, type LiveCallEvent } from './live-call';
import { type OpsSources, opsSnapshot } from './ops-snapshot';
import { fieldErrorsOf, guideViewsFromTemplates } from './qualification-views';
import { speechLanguageOf } from './speech-languages';

/**
 * The line console's server, on 127.0.0.1: serves the page (web/line-console) with the pages'
 * security headers, runs each call the page dials in the flow interpreter (synthesized flows, real
 * handlers) with the page as caller and listener, streams the call as server-sent events, submits the
 * listener's form through qualify-call and answers the ops panel. Every bad request gets a 4xx; no
 * request can stop the server.
 */

export interface LineConsoleOptions {
  /** The running local line (its env must already be applied to process.env). */
  readonly line: Pick<LineDescription, 'env' | 'resources' | 'queues' | 'templates'>;
  /** The EMF totals of the handlers' metrics. */
  readonly metrics: MetricsSink;
  readonly stageConfig?: StageConfig;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** Seconds of a call per real second (tests speed calls up). @default 1 */
  readonly speed?: number;
  /** @default reports/ */
  readonly reportsDir?: string;
  /** Progress lines (the build). */
  readonly onProgress?: (message: string) => void;
}

export interface LineConsole {
  readonly url: string;
  close(): Promise<void>;
}

const HEADERS = securityHeaders({ connect: [] });
const MAX_BODY_BYTES = 16 * 1024;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
};

const DialSchema = z.strictObject({
  /** Paris wall-clock time `YYYY-MM-DDTHH:mm`; absent for now. */
  at: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/))),
  staffed: z.int().check(z.minimum(0), z.maximum(20)),
  fault: z.optional(z.enum(['error', 'timeout', 'invalid'])),
});
const KeySchema = z.strictObject({ key: z.string().check(z.regex(KEYPAD_KEYS)) });
const HangUpSchema = z.strictObject({ by: z.enum(['caller', 'listener']) });
const FormSchema = z.strictObject({
  fields: z.record(
    z.string().check(z.regex(/^[A-Za-z]{1,40}$/)),
    z.union([
      z.string().check(z.maxLength(200)),
      z.array(z.string().check(z.maxLength(100))).check(z.maxLength(50)),
    ]),
  ),
});

/** A request the console refuses, with its status. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The instant of a Paris wall-clock time (`2026-12-25T10:30`).
 * @throws RequestError when no instant has that Paris time (a date that does not exist, a skipped hour)
 */
export function parisInstant(wallClock: string): Date {
  const [day, time] = wallClock.split('T') as [string, string];
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = new Date(`${wallClock}:00${offset}`);
    if (Number.isNaN(candidate.getTime())) continue;
    const clock = parisClock(candidate);
    const hhmm = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
    if (clock.day === day && hhmm === time) return candidate;
  }
  throw new RequestError(400, `no Paris time ${wallClock}`);
}

function readBody(request: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client still gets its 413.
      if (size > MAX_BODY_BYTES) reject(new RequestError(413, 'body too large'));
      else chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? {} : JSON.parse(text));
      } catch {
        reject(new RequestError(400, 'body is not JSON'));
      }
    });
  });
}

function parse<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = z.safeParse(schema, value);
  if (!result.success) throw new RequestError(400, z.prettifyError(result.error));
  return result.data;
}

/** Starts the console; builds the page first when its build is missing or stale. */
export async function startLineConsole(options: LineConsoleOptions): Promise<LineConsole> {
  ensureConsoleBuild(options.onProgress);
  const { line, metrics } = options;
  const speed = options.speed ?? 1;
  const stage = options.stageConfig ?? namedStageConfig();
  const runner = createLocalCallRunner(line, { templates: line.templates, stageConfig: stage });
  const languageOf = speechLanguageOf(stage);
  const views = guideViewsFromTemplates(line.templates);
  const calls = new Map<string, LiveCall>();
  const raw = new DynamoDBClient({});
  const sqs = new SQSClient({});
  const sources: OpsSources = {
    dynamo: DynamoDBDocumentClient.from(raw),
    sqs,
    callsTable: line.env.CALLS_TABLE_NAME,
    callbacksTable: line.env.CALLBACKS_TABLE_NAME,
    deadLetterQueues: Object.values(line.queues.byLogicalId)
      .filter((queue) => /dead|dlq/i.test(queue.logicalId))
      .map((queue) => ({ name: queue.logicalId, url: queue.url })),
    metrics,
    outboxDir: process.env.LOCAL_OUTBOX_DIR,
    reportsDir: options.reportsDir ?? path.join(REPO_ROOT, 'reports'),
  };

  const callOf = (id: string): LiveCall => {
    const call = calls.get(id);
    if (call === undefined) throw new RequestError(404, 'no such call');
    return call;
  };

  function dial(body: z.infer<typeof DialSchema>): LiveCall {
    const at = body.at === undefined ? new Date() : parisInstant(body.at);
    const contactId = crypto.randomUUID();
    const call = new LiveCall(contactId, speed, languageOf);
    calls.set(contactId, call);
    runner
      .run({
        at,
        staffed: body.staffed,
        contactId,
        live: call,
        ...(body.fault === undefined ? {} : { faults: { 'call-intake': body.fault } }),
      })
      .then(
        (transcript) => call.publish({ type: 'ended', outcome: transcript.outcome }),
        (error: unknown) =>
          call.publish({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
    return call;
  }

  async function qualify(call: LiveCall, fields: Record<string, unknown>) {
    if (call.phase !== 'ended') throw new RequestError(409, 'the call has not ended');
    const invocation = await invokeFunction<Record<string, string>>(
      'qualify-call',
      guideEvent(call.contactId, fields),
      { functionConfig: line.resources.functions['qualify-call'] },
    );
    if (!invocation.ok) throw new RequestError(502, `qualify-call failed: ${invocation.error.name}`);
    const result = invocation.result;
    return { status: result.status, message: result.message, fieldErrors: fieldErrorsOf(result) };
  }

  function stream(call: LiveCall, request: http.IncomingMessage, response: http.ServerResponse): void {
    response.writeHead(200, {
      ...HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const send = (event: LiveCallEvent) => response.write(`data: ${JSON.stringify(event)}\n\n`);
    const unsubscribe = call.subscribe(send);
    request.on('close', unsubscribe);
  }

  function serveFile(response: http.ServerResponse, folder: string, name: string): void {
    const file = path.resolve(folder, name);
    if (
      !file.startsWith(`${path.resolve(folder)}${path.sep}`) ||
      !fs.existsSync(file) ||
      !fs.statSync(file).isFile()
    ) {
      throw new RequestError(404, 'not found');
    }
    response.writeHead(200, {
      ...HEADERS,
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(fs.readFileSync(file));
  }

  const json = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, {
      ...HEADERS,
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    response.end(JSON.stringify(body));
  };

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const parts = url.pathname.split('/').filter((part) => part !== '');
    if (parts[0] === 'api') {
      if (method === 'GET' && url.pathname === '/api/views') return json(response, 200, views);
      if (method === 'GET' && url.pathname === '/api/ops') {
        return json(response, 200, await opsSnapshot(sources, [...calls.keys()]));
      }
      if (method === 'POST' && url.pathname === '/api/calls') {
        const call = dial(parse(DialSchema, await readBody(request)));
        return json(response, 201, { contactId: call.contactId });
      }
      const [, collection, id, action] = parts;
      if (collection === 'calls' && id !== undefined && parts.length === 4) {
        const call = callOf(id);
        if (method === 'GET' && action === 'events') return stream(call, request, response);
        if (method === 'POST' && action === 'keys') {
          call.press(parse(KeySchema, await readBody(request)).key);
          return json(response, 202, {});
        }
        if (method === 'POST' && action === 'hangup') {
          call.hangUp(parse(HangUpSchema, await readBody(request)).by);
          return json(response, 202, {});
        }
        if (method === 'POST' && action === 'accept') {
          await readBody(request);
          if (!call.accept()) throw new RequestError(409, 'the call is not waiting in queue');
          return json(response, 202, {});
        }
        if (method === 'POST' && action === 'qualification') {
          const { fields } = parse(FormSchema, await readBody(request));
          return json(response, 200, await qualify(call, fields));
        }
      }
      throw new RequestError(parts.length > 4 || collection !== 'calls' ? 404 : 405, 'no such route');
    }
    if (method !== 'GET' && method !== 'HEAD') throw new RequestError(405, 'method not allowed');
    if (parts[0] === 'reports' && parts.length === 2)
      return serveFile(response, sources.reportsDir, parts[1] as string);
    return serveFile(response, CONSOLE_DIST_DIR, parts.length === 0 ? 'index.html' : parts.join('/'));
  }

  const server = http.createServer((request, response) => {
    route(request, response).catch((caught: unknown) => {
      // One bad request must never take the server (and the calls in progress) down.
      const status = caught instanceof RequestError ? caught.status : 500;
      const message = caught instanceof RequestError ? caught.message : 'internal error';
      if (response.headersSent) response.end();
      else json(response, status, { message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The line console has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const call of calls.values()) call.hangUp('caller');
        server.closeAllConnections();
        server.close(() => {
          raw.destroy();
          sqs.destroy();
          resolve();
        });
      }),
  };
}
