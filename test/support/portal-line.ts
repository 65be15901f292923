import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SafeWindow } from '#domain/callbacks/safe-windows';
import type { PartnerId } from '#domain/partners';
import { STAGE_VARIABLE_SCHEMAS } from '#domain/stage-environment';
import { contactSealer } from '../../functions/shared/callbacks/queue-envelope';
import { requestPartnerCallback } from '../../functions/shared/callbacks/request-partner-callback';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { type LocalLine, startLocalLine } from '../../local/runtime/line';
import { captureStdout, POWERTOOLS_EMPTY_METRICS_NOTICE } from '../../local/runtime/metrics-sink';
import { type PartnerApiServer, startPartnerApiServer } from '../../local/runtime/partner-api-server';
import { drainQueue } from '../../local/runtime/sqs-poller';

/**
 * The part of the local line the partner portal's browser tests need, started in the test file's
 * beforeAll (the browser project has no global setup): DynamoDB Local and the SQS emulator
 * provisioned from the synthesized app, the partner API server, and, in a child process (oidc-provider
 * and Vite are ES modules jest cannot load), the local OpenID provider and the portal server.
 * `seed` goes through the real producer and dispatch-callback, as a listener would.
 */

/** The portal and its sign-in, as `local/cli/partner-portal.ts --json` reports them. */
export interface LocalPartnerPortal {
  readonly url: string;
  readonly origin: string;
  readonly oidcUrl: string;
}

export interface CallbackSeed {
  readonly partnerId: PartnerId;
  readonly safeToCall?: boolean;
  readonly mayLeaveMessage?: boolean;
  readonly safeWindows?: readonly SafeWindow[];
  readonly codeWord?: string;
}

export interface PortalLine {
  readonly line: LocalLine;
  readonly api: PartnerApiServer;
  readonly portal: LocalPartnerPortal;
  readonly dynamo: DynamoDBDocumentClient;
  /** Creates a callback request through SQS and dispatch-callback; returns its id. */
  seed(request: CallbackSeed): Promise<string>;
  /** The stored record (undefined once deleted). */
  record(requestId: string): Promise<Record<string, unknown> | undefined>;
  /** The audit entries of a request. */
  audit(requestId: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

async function spawnPortal(apiUrl: string): Promise<{ child: ChildProcess; portal: LocalPartnerPortal }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/cli/partner-portal.ts', '--api-url', apiUrl, '--json'],
    // stdin stays open: the child stops when this process ends and closes it.
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const portal = await new Promise<LocalPartnerPortal>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as LocalPartnerPortal);
    });
    child.once('exit', (code) => reject(new Error(`the portal process exited with ${code}`)));
  });
  return { child, portal };
}

export async function startPortalLine(): Promise<PortalLine> {
  const line = await startLocalLine({ emulators: { handleSignals: false } });
  try {
    line.applyEnv();
    // The handlers' EMF lines and logs would drown the test report; the integration tests cover them.
    const capture = captureStdout(undefined, {
      metrics: 'drop',
      logs: 'drop',
      muteStderr: [POWERTOOLS_EMPTY_METRICS_NOTICE],
    });
    process.env.LOCAL_OUTBOX_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-portal-outbox-'));
    const api = await startPartnerApiServer();
    const { child, portal } = await spawnPortal(api.url);
    api.allowOrigin(portal.origin);
    const raw = new DynamoDBClient({});
    const dynamo = DynamoDBDocumentClient.from(raw);
    const sqs = new SQSClient({});
    const partners = STAGE_VARIABLE_SCHEMAS.PARTNERS.parse(line.env.PARTNERS);
    const seal = contactSealer(line.env.CALLBACK_ENVELOPE_PUBLIC_KEY);
    let counter = 0;
    return {
      line,
      api,
      portal,
      dynamo,
      async seed(request) {
        counter += 1;
        const { requestId } = await requestPartnerCallback(
          {
            contactId: randomUUID(),
            partnerId: request.partnerId,
            phoneNumber: `06 12 00 00 ${String(counter).padStart(2, '0')}`,
            safeToCall: request.safeToCall ?? true,
            mayLeaveMessage: request.mayLeaveMessage ?? false,
            safeWindows: [...(request.safeWindows ?? ['weekday-morning'])],
            ...(request.codeWord === undefined ? {} : { codeWord: request.codeWord }),
          },
          { sqs, queueUrl: line.env.CALLBACK_QUEUE_URL, seal, partners },
        );
        await drainQueue({
          queueUrl: line.queues.callback.url,
          queueArn: line.queues.callback.arn,
          functionName: 'dispatch-callback',
          sqs,
          invokeOptions: { timeoutMs: 15_000 },
        });
        return requestId;
      },
      async record(requestId) {
        const { Item } = await dynamo.send(
          new GetCommand({ TableName: line.env.CALLBACKS_TABLE_NAME, Key: { requestId } }),
        );
        return Item;
      },
      async audit(requestId) {
        const { Items } = await dynamo.send(
          new QueryCommand({
            TableName: line.env.AUDIT_TABLE_NAME,
            KeyConditionExpression: 'requestId = :id',
            ExpressionAttributeValues: { ':id': requestId },
          }),
        );
        return Items ?? [];
      },
      async stop() {
        sqs.destroy();
        raw.destroy();
        child.kill('SIGTERM');
        await api.close();
        capture.restore();
        await line.stop();
      },
    };
  } catch (error) {
    await line.stop();
    throw error;
  }
}
