import { randomBytes } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#domain/metrics';
import type { StageConfig } from '#domain/stage';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../emulators/local-account';
import { type Emulators, type StartEmulatorsOptions, startEmulators } from '../emulators/start-emulators';
import { localEnvelopeEnv } from './callback-envelope-key';
import type { StackTemplate } from './cfn-template';
import { provisionFromTemplates } from './provision';
import type { LocalQueue, LocalTable, ProvisionedResources } from './provisioned-resources';
import { synthesizeLineTemplates } from './synthesize-app';

/**
 * The local line: both emulators, provisioned from the synthesized app, plus the environment
 * the real handlers need to run against them.
 */

/** Where partner e-mails point until the local portal listens (it replaces this with its address). */
export const LOCAL_PORTAL_PLACEHOLDER_URL = 'http://127.0.0.1/';

/** The variables a handler on the local line sees; a plain object so it can travel as JSON. */
export interface LocalLineEnv extends Record<string, string> {
  AWS_REGION: string;
  AWS_DEFAULT_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_ENDPOINT_URL_DYNAMODB: string;
  AWS_ENDPOINT_URL_SQS: string;
  /** fauxqs serves SNS on the same endpoint as SQS. */
  AWS_ENDPOINT_URL_SNS: string;
  AWS_EC2_METADATA_DISABLED: 'true';
  CALLS_TABLE_NAME: string;
  STATISTICS_TABLE_NAME: string;
  CALLBACKS_TABLE_NAME: string;
  IDEMPOTENCY_TABLE_NAME: string;
  AUDIT_TABLE_NAME: string;
  CALLBACK_QUEUE_URL: string;
  CALLBACK_DLQ_URL: string;
  /** Raw AES-256 key (base64, random per run) of the phone-number keyring on the local line. */
  PHONE_LOCAL_AES_KEY: string;
  /** The local queue-envelope public key (the producers seal with it, as with KMS's on AWS). */
  CALLBACK_ENVELOPE_PUBLIC_KEY: string;
  /** Its private half: dispatch-callback unwraps with it where AWS has KMS Decrypt. */
  CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY: string;
  /** ARN the local Connect instance answers to (a stand-in; EventBridge rules filter on it). */
  CONNECT_INSTANCE_ARN: string;
  POWERTOOLS_SERVICE_NAME: string;
  POWERTOOLS_METRICS_NAMESPACE: string;
  /** Metrics are emitted (EMF on stdout), so the metrics sink can total them. */
  POWERTOOLS_METRICS_DISABLED: 'false';
  POWERTOOLS_LOG_LEVEL: string;
  /** Marks the local line, for code that picks a local stand-in (e.g. the raw AES keyring). */
  PREMIER_PAS_LOCAL: 'true';
}

export interface LineTables {
  readonly calls: LocalTable;
  readonly statistics: LocalTable;
  readonly callbacks: LocalTable;
  readonly idempotency: LocalTable;
  readonly audit: LocalTable;
  /** Every table of the templates, by logical id. */
  readonly byLogicalId: Readonly<Record<string, LocalTable>>;
}

export interface LineQueues {
  readonly callback: LocalQueue;
  readonly callbackDeadLetters: LocalQueue;
  /** Every queue of the templates, by logical id. */
  readonly byLogicalId: Readonly<Record<string, LocalQueue>>;
}

export interface LocalLine {
  readonly env: LocalLineEnv;
  /** The templates the line was provisioned from. */
  readonly templates: readonly StackTemplate[];
  readonly tables: LineTables;
  readonly queues: LineQueues;
  /** Functions, event source mappings and EventBridge rules from the template. */
  readonly resources: ProvisionedResources;
  readonly emulators: Emulators;
  /** Copies `env` into `target` (default process.env). Do it before importing any handler. */
  applyEnv(target?: NodeJS.ProcessEnv): void;
  /** Stops both emulators; no process is left behind. Safe to call twice. */
  stop(): Promise<void>;
}

export interface LocalLineOptions {
  /** Templates to provision from. @default the real app, synthesized in-process with `stageConfig` */
  readonly templates?: readonly StackTemplate[];
  /** @default the config of infra/config.ts */
  readonly stageConfig?: StageConfig;
  /** Emulator settings (fixed ports, signal handling, timeouts). */
  readonly emulators?: Omit<StartEmulatorsOptions, 'onProgress'>;
  /** @default 'WARN' */
  readonly logLevel?: string;
  /** Progress lines for long work. @default no output */
  readonly onProgress?: (message: string) => void;
}

/**
 * Reads (never writes) each table a few times: DynamoDB Local's first requests are slow while the JVM
 * warms up, and a flow Lambda's 400 ms SDK timeout would otherwise fire on the first demo call.
 */
async function warmUp(endpoint: string, region: string, tableNames: readonly string[]): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  try {
    for (let round = 0; round < 20; round += 1) {
      await Promise.all(tableNames.map((TableName) => client.send(new ScanCommand({ TableName, Limit: 1 }))));
    }
  } finally {
    client.destroy();
  }
}

/** The templates describe no table or queue for a role the line needs. */
export class LineShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LineShapeError';
  }
}

function tableFor(resources: ProvisionedResources, variable: string, fallback: RegExp): LocalTable {
  const tables = Object.values(resources.tables);
  const named = new Set(Object.values(resources.functions).map((fn) => fn.environment[variable]));
  const table =
    tables.find((candidate) => named.has(candidate.tableName)) ??
    tables.find((candidate) => fallback.test(candidate.logicalId));
  if (table === undefined) {
    throw new LineShapeError(
      `no table for ${variable} in the templates (tables: ${Object.keys(resources.tables).join(', ')})`,
    );
  }
  return table;
}

function callbackQueueOf(resources: ProvisionedResources): LocalQueue {
  const queues = Object.values(resources.queues);
  const named = new Set(Object.values(resources.functions).map((fn) => fn.environment.CALLBACK_QUEUE_URL));
  const queue =
    queues.find((candidate) => named.has(candidate.url)) ??
    queues.find(
      (candidate) => /^Callback/.test(candidate.logicalId) && candidate.deadLetterQueue !== undefined,
    );
  if (queue === undefined) {
    throw new LineShapeError(
      `no callback queue in the templates (queues: ${Object.keys(resources.queues).join(', ')})`,
    );
  }
  return queue;
}

/**
 * Starts the local line: DynamoDB Local and fauxqs on free 127.0.0.1 ports, every table and queue of
 * the synthesized Data and Line stacks created on them, and the environment for the handlers.
 * On any failure the emulators are stopped before the error propagates.
 */
export async function startLocalLine(options: LocalLineOptions = {}): Promise<LocalLine> {
  const progress = options.onProgress ?? (() => {});
  const region = options.emulators?.region ?? LOCAL_REGION;

  // Synthesis first: a broken app fails before any java process starts.
  let started = Date.now();
  const templates = options.templates ?? synthesizeLineTemplates(options.stageConfig);
  if (options.templates === undefined)
    progress(`synthesized ${templates.length} stacks in ${Date.now() - started} ms`);

  const emulators = await startEmulators({ ...options.emulators, region, onProgress: progress });
  try {
    started = Date.now();
    const resources = await provisionFromTemplates(templates, {
      dynamodbEndpoint: emulators.dynamodb.endpoint,
      sqsEndpoint: emulators.sqs.endpoint,
      region,
    });
    progress(
      `provisioned ${Object.keys(resources.tables).length} tables and ${Object.keys(resources.queues).length} queues in ${Date.now() - started} ms`,
    );

    await warmUp(
      emulators.dynamodb.endpoint,
      region,
      Object.values(resources.tables).map((table) => table.tableName),
    );
    const tables: LineTables = {
      calls: tableFor(resources, 'CALLS_TABLE_NAME', /^Calls[A-Z0-9]/),
      statistics: tableFor(resources, 'STATISTICS_TABLE_NAME', /^Statistics[A-Z0-9]/),
      callbacks: tableFor(resources, 'CALLBACKS_TABLE_NAME', /^Callbacks/),
      idempotency: tableFor(resources, 'IDEMPOTENCY_TABLE_NAME', /^Idempotency/),
      audit: tableFor(resources, 'AUDIT_TABLE_NAME', /^AuditTable/),
      byLogicalId: resources.tables,
    };
    const callback = callbackQueueOf(resources);
    const callbackDeadLetters = callback.deadLetterQueue && resources.queues[callback.deadLetterQueue];
    if (!callbackDeadLetters) throw new LineShapeError(`the callback queue ${callback.logicalId} has no DLQ`);
    const queues: LineQueues = { callback, callbackDeadLetters, byLogicalId: resources.queues };
    const connectInstanceArn =
      Object.entries(resources.stubArns).find(
        ([, arn]) => arn.startsWith('arn:aws:connect:') && arn.includes(':instance/'),
      )?.[1] ?? `arn:aws:connect:${region}:000000000000:instance/local`;

    // Every resolved variable of every function, then the line's own, which win.
    const fromTemplate = Object.assign({}, ...Object.values(resources.functions).map((fn) => fn.environment));
    const env: LocalLineEnv = {
      ...fromTemplate,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodb.endpoint,
      AWS_ENDPOINT_URL_SQS: emulators.sqs.endpoint,
      AWS_ENDPOINT_URL_SNS: emulators.sqs.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
      CALLS_TABLE_NAME: tables.calls.tableName,
      STATISTICS_TABLE_NAME: tables.statistics.tableName,
      CALLBACKS_TABLE_NAME: tables.callbacks.tableName,
      IDEMPOTENCY_TABLE_NAME: tables.idempotency.tableName,
      AUDIT_TABLE_NAME: tables.audit.tableName,
      CALLBACK_QUEUE_URL: callback.url,
      CALLBACK_DLQ_URL: callbackDeadLetters.url,
      PHONE_LOCAL_AES_KEY: randomBytes(32).toString('base64'),
      ...localEnvelopeEnv(),
      CONNECT_INSTANCE_ARN: connectInstanceArn,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_METRICS_DISABLED: 'false',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
      PREMIER_PAS_LOCAL: 'true',
      // On AWS the portal's address is the distribution's, which the local resolver cannot fill in;
      // the local portal server puts its own address here once it listens.
      PARTNER_PORTAL_URL: fromTemplate.PARTNER_PORTAL_URL ?? LOCAL_PORTAL_PLACEHOLDER_URL,
    };
    return {
      env,
      templates,
      tables,
      queues,
      resources,
      emulators,
      applyEnv: (target = process.env) => applyLineEnv(env, target),
      stop: () => emulators.stop(),
    };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
}

/**
 * Copies a line's environment into `target`, and drops the variables that would point the SDK at
 * real AWS (a profile, a session token). Use it before importing any handler module.
 */
export function applyLineEnv(
  env: Readonly<Record<string, string>>,
  target: NodeJS.ProcessEnv = process.env,
): void {
  delete target.AWS_PROFILE;
  delete target.AWS_SESSION_TOKEN;
  Object.assign(target, env);
}
