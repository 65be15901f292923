import * as path from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, type Stack } from 'aws-cdk-lib';
import type { StageConfig } from '../../infra/config';
import { FUNCTION_METADATA_KEY, REPO_ROOT } from '../../infra/constructs/line-function';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../emulators/local-account';

/**
 * Template-driven provisioning: the local line creates its tables and queues from the same
 * CloudFormation the cloud deploys, so keys, indexes, TTL and redrive cannot drift between the two.
 */

/** The part of a CloudFormation template the local line reads. */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<
    string,
    { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }
  >;
}
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** One synthesized stack: its name (for Fn::ImportValue and AWS::StackName) and template. */
export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

export interface LocalTable {
  readonly stackName: string;
  readonly logicalId: string;
  readonly tableName: string;
  readonly arn: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly globalSecondaryIndexes: readonly string[];
  readonly ttlAttribute?: string;
}

export interface LocalQueue {
  readonly stackName: string;
  readonly logicalId: string;
  readonly queueName: string;
  readonly url: string;
  readonly arn: string;
  /** The attributes given to CreateQueue, as SQS spells them (RedrivePolicy resolved to local ARNs). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Logical id of the DLQ this queue redrives to. */
  readonly deadLetterQueue?: string;
  readonly maxReceiveCount?: number;
}

export interface LocalFunction {
  /** Folder name under `functions/` (template metadata `premier-pas:function`). */
  readonly name: string;
  readonly logicalId: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** Environment variables of the template, resolved to local names, URLs and ARNs. */
  readonly environment: Readonly<Record<string, string>>;
  /** Variables the local line cannot resolve (e.g. a Secrets Manager ARN); the line supplies stand-ins. */
  readonly unresolvedEnvironment: readonly string[];
}

/** An SQS event source mapping of the template, for the local poller. */
export interface LocalQueueSource {
  readonly functionName: string;
  readonly queueLogicalId: string;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
}

/** An EventBridge rule of the template that targets one of our functions. */
export interface LocalEventRule {
  readonly logicalId: string;
  readonly eventPattern: unknown;
  readonly functionNames: readonly string[];
}

export interface ProvisionedResources {
  /** By logical id. */
  readonly tables: Readonly<Record<string, LocalTable>>;
  /** By logical id. */
  readonly queues: Readonly<Record<string, LocalQueue>>;
  /** By function folder name. */
  readonly functions: Readonly<Record<string, LocalFunction>>;
  readonly queueSources: readonly LocalQueueSource[];
  readonly eventRules: readonly LocalEventRule[];
  /** Synthetic ARNs given to resources the emulators do not run (Connect instance, KMS key…), by logical id. */
  readonly stubArns: Readonly<Record<string, string>>;
}

/** A template uses a construct the provisioner cannot create or resolve. */
export class ProvisioningError extends Error {
  constructor(
    message: string,
    readonly logicalId?: string,
  ) {
    super(logicalId === undefined ? message : `${logicalId}: ${message}`);
    this.name = 'ProvisioningError';
  }
}

class Unresolvable extends Error {}

const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);
const QUEUE_TYPE = 'AWS::SQS::Queue';
const FUNCTION_TYPE = 'AWS::Lambda::Function';

/** The expected shape of `infra/build-app.ts`, loaded at run time so this module compiles before it lands. */
interface BuildAppModule {
  buildApp(app: App, config: StageConfig): { data: Stack; line: Stack; observability?: Stack };
}

/**
 * Synthesizes the real app in-process (no asset bundling) and returns the Data and Line templates.
 * @throws ProvisioningError when `infra/build-app.ts` is missing or fails.
 */
export function synthesizeLineTemplates(stageConfig?: StageConfig): StackTemplate[] {
  const modulePath = path.join(REPO_ROOT, 'infra', 'build-app');
  let buildAppModule: BuildAppModule;
  let config: StageConfig;
  try {
    buildAppModule = require(modulePath) as BuildAppModule;
    config =
      stageConfig ?? (require(path.join(REPO_ROOT, 'infra', 'config')) as { config: StageConfig }).config;
  } catch (error) {
    throw new ProvisioningError(`cannot load infra/build-app.ts to synthesize the line: ${String(error)}`);
  }
  try {
    // No asset bundling, no built-in CloudFormation schema validation (about 25 s of a 27 s synth),
    // and cdk-nag findings do not stop the local line: `cdk synth` and the infra tests check those.
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    const { data, line } = buildAppModule.buildApp(app, config);
    const assembly = app.synth({ validateOnSynthesis: false });
    return [data, line].map((stack) => ({
      stackName: stack.stackName,
      template: assembly.getStackArtifact(stack.artifactId).template as CfnTemplate,
    }));
  } catch (error) {
    throw new ProvisioningError(
      `the app does not synthesize: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

interface Resolved {
  ref: string;
  attributes: Record<string, string>;
}

/** Resolves CloudFormation intrinsics against what has been created locally so far. */
class IntrinsicResolver {
  private readonly resources = new Map<string, Resolved>();
  private readonly exports = new Map<string, string>();

  constructor(
    private readonly region: string,
    private stackName = '',
  ) {}

  enterStack(stackName: string): void {
    this.stackName = stackName;
  }

  define(logicalId: string, resolved: Resolved): void {
    this.resources.set(`${this.stackName}/${logicalId}`, resolved);
  }

  lookup(logicalId: string): Resolved | undefined {
    return this.resources.get(`${this.stackName}/${logicalId}`);
  }

  defineExport(name: string, value: string): void {
    this.exports.set(name, value);
  }

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((entry) => this.resolve(entry));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
      return this.intrinsic(key, argument);
    }
    return Object.fromEntries(entries.map(([name, entry]) => [name, this.resolve(entry)]));
  }

  resolveString(value: unknown): string {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new Unresolvable(`not a string: ${JSON.stringify(value)}`);
  }

  private pseudo(name: string): string | undefined {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.region,
      'AWS::AccountId': LOCAL_ACCOUNT_ID,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': this.stackName,
    };
    return pseudo[name];
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref': {
        const id = String(argument);
        const value = this.pseudo(id) ?? this.lookup(id)?.ref;
        if (value === undefined) throw new Unresolvable(`Ref ${id}`);
        return value;
      }
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(argument)
          ? [String(argument[0]), String(argument[1])]
          : String(argument).split('.', 2);
        const value = this.lookup(id ?? '')?.attributes[attribute ?? ''];
        if (value === undefined) throw new Unresolvable(`Fn::GetAtt ${id}.${attribute}`);
        return value;
      }
      case 'Fn::ImportValue': {
        const exportName = this.resolveString(argument);
        const value = this.exports.get(exportName);
        if (value === undefined) throw new Unresolvable(`Fn::ImportValue ${exportName}`);
        return value;
      }
      case 'Fn::Join': {
        const [delimiter, parts] = argument as [string, unknown[]];
        return (this.resolve(parts) as unknown[]).map((part) => this.resolveString(part)).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = this.resolve(list);
        if (!Array.isArray(items)) throw new Unresolvable('Fn::Select of a non-list');
        return items[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [delimiter, source] = argument as [string, unknown];
        return this.resolveString(source).split(delimiter);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument)
          ? [String(argument[0]), (argument[1] ?? {}) as Record<string, unknown>]
          : [String(argument), {}];
        return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, reference: string) => {
          if (reference in variables) return this.resolveString(variables[reference]);
          const [id, attribute] = reference.split('.', 2);
          return this.resolveString(
            attribute === undefined ? { Ref: id } : { 'Fn::GetAtt': [id, attribute] },
          );
        });
      }
      default:
        throw new Unresolvable(name);
    }
  }
}

/** DynamoDB allows 3-255 of [a-zA-Z0-9_.-]; SQS 1-80 of [a-zA-Z0-9_-] (+ ".fifo"). */
function localName(stackName: string, logicalId: string, maxLength: number, suffix = ''): string {
  const base = `${stackName}-${logicalId}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  return base.slice(Math.max(0, base.length - (maxLength - suffix.length))) + suffix;
}

async function createTable(
  dynamodb: DynamoDBClient,
  resolver: IntrinsicResolver,
  stackName: string,
  logicalId: string,
  resource: CfnResource,
  region: string,
): Promise<LocalTable> {
  const props = resolver.resolve(resource.Properties ?? {}) as Record<string, unknown>;
  const tableName =
    typeof props.TableName === 'string' ? props.TableName : localName(stackName, logicalId, 255);
  const keySchema = props.KeySchema as KeySchemaElement[] | undefined;
  if (keySchema === undefined) throw new ProvisioningError('table without KeySchema', logicalId);
  const onDemand = resource.Type === 'AWS::DynamoDB::GlobalTable' || props.BillingMode === 'PAY_PER_REQUEST';
  const throughput = (props.ProvisionedThroughput ?? {
    ReadCapacityUnits: 5,
    WriteCapacityUnits: 5,
  }) as CreateTableCommandInput['ProvisionedThroughput'];
  const gsis = ((props.GlobalSecondaryIndexes as Record<string, unknown>[] | undefined) ?? []).map(
    (index): GlobalSecondaryIndex => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as KeySchemaElement[],
      Projection: (index.Projection ?? { ProjectionType: 'ALL' }) as GlobalSecondaryIndex['Projection'],
      ...(onDemand
        ? {}
        : {
            ProvisionedThroughput: (index.ProvisionedThroughput ??
              throughput) as GlobalSecondaryIndex['ProvisionedThroughput'],
          }),
    }),
  );
  const lsis = props.LocalSecondaryIndexes as CreateTableCommandInput['LocalSecondaryIndexes'];
  const stream = props.StreamSpecification as { StreamViewType?: string } | undefined;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: keySchema,
      AttributeDefinitions: props.AttributeDefinitions as AttributeDefinition[],
      BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
      ...(onDemand ? {} : { ProvisionedThroughput: throughput }),
      ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
      ...(lsis && lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
      ...(stream?.StreamViewType
        ? {
            StreamSpecification: {
              StreamEnabled: true,
              StreamViewType: stream.StreamViewType as 'NEW_IMAGE',
            },
          }
        : {}),
    }),
  );
  const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  const ttlAttribute =
    ttl?.AttributeName !== undefined && ttl.Enabled !== false ? ttl.AttributeName : undefined;
  if (ttlAttribute !== undefined) {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    );
  }
  return {
    stackName,
    logicalId,
    tableName,
    arn: `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${tableName}`,
    keySchema,
    globalSecondaryIndexes: gsis.map((index) => index.IndexName ?? ''),
    ...(ttlAttribute === undefined ? {} : { ttlAttribute }),
  };
}

const QUEUE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'FifoQueue',
  'ContentBasedDeduplication',
] as const;

async function createQueue(
  sqs: SQSClient,
  resolver: IntrinsicResolver,
  stackName: string,
  logicalId: string,
  resource: CfnResource,
  queueLogicalIdByArn: Map<string, string>,
): Promise<LocalQueue> {
  // Throws Unresolvable while the DLQ this queue points at is not created yet.
  const props = resolver.resolve(resource.Properties ?? {}) as Record<string, unknown>;
  const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
  const queueName =
    typeof props.QueueName === 'string'
      ? props.QueueName
      : localName(stackName, logicalId, 80, fifo ? '.fifo' : '');
  const attributes: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTES) {
    if (props[name] !== undefined) attributes[name] = String(props[name]);
  }
  let deadLetterQueue: string | undefined;
  let maxReceiveCount: number | undefined;
  const redrive = props.RedrivePolicy as
    | { deadLetterTargetArn?: string; maxReceiveCount?: number }
    | undefined;
  if (redrive?.deadLetterTargetArn !== undefined) {
    deadLetterQueue = queueLogicalIdByArn.get(redrive.deadLetterTargetArn);
    maxReceiveCount = Number(redrive.maxReceiveCount ?? 10);
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: redrive.deadLetterTargetArn,
      maxReceiveCount: String(maxReceiveCount),
    });
  }
  const created = await sqs.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }));
  const url = created.QueueUrl;
  if (url === undefined) throw new ProvisioningError('CreateQueue returned no URL', logicalId);
  const described = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = described.Attributes?.QueueArn;
  if (arn === undefined) throw new ProvisioningError('the emulator returned no QueueArn', logicalId);
  return {
    stackName,
    logicalId,
    queueName,
    url,
    arn,
    attributes,
    ...(deadLetterQueue === undefined ? {} : { deadLetterQueue }),
    ...(maxReceiveCount === undefined ? {} : { maxReceiveCount }),
  };
}

/** A stable stand-in ARN for a resource the emulators do not run. */
function stubArn(resource: CfnResource, logicalId: string, region: string): string {
  const [, service = 'local', kind = 'resource'] = resource.Type.split('::');
  const serviceName = service.toLowerCase();
  if (resource.Type === 'AWS::Connect::Instance') {
    return `arn:aws:connect:${region}:${LOCAL_ACCOUNT_ID}:instance/local-${logicalId.toLowerCase()}`;
  }
  return `arn:aws:${serviceName}:${region}:${LOCAL_ACCOUNT_ID}:${kind.toLowerCase()}/local-${logicalId}`;
}

export interface ProvisionOptions {
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly region: string;
  readonly onProgress?: (message: string) => void;
}

/**
 * Creates every DynamoDB table and SQS queue of the templates on the emulators, in dependency order,
 * and resolves each function's environment against them.
 * @throws ProvisioningError when a queue's dependencies cannot be resolved.
 */
export async function provisionFromTemplates(
  stacks: readonly StackTemplate[],
  options: ProvisionOptions,
): Promise<ProvisionedResources> {
  const { region } = options;
  const progress = options.onProgress ?? (() => {});
  const clientConfig = { region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: options.dynamodbEndpoint });
  const sqs = new SQSClient({ ...clientConfig, endpoint: options.sqsEndpoint });
  const resolver = new IntrinsicResolver(region);
  const tables: Record<string, LocalTable> = {};
  const queues: Record<string, LocalQueue> = {};
  const functions: Record<string, LocalFunction> = {};
  const stubArns: Record<string, string> = {};
  const queueSources: LocalQueueSource[] = [];
  const eventRules: LocalEventRule[] = [];
  const functionNameByLogicalId = new Map<string, string>();
  const queueLogicalIdByArn = new Map<string, string>();

  try {
    for (const { stackName, template } of stacks) {
      resolver.enterStack(stackName);
      const resources = Object.entries(template.Resources ?? {});

      // Everything that is not a table, queue or function gets a stand-in so references to it resolve.
      for (const [logicalId, resource] of resources) {
        if (TABLE_TYPES.has(resource.Type) || resource.Type === QUEUE_TYPE) continue;
        const arn = stubArn(resource, logicalId, region);
        stubArns[logicalId] = arn;
        const ref = resource.Type === FUNCTION_TYPE ? `${stackName}-${logicalId}` : `local-${logicalId}`;
        resolver.define(logicalId, { ref, attributes: { Arn: arn, Id: ref } });
      }

      for (const [logicalId, resource] of resources) {
        if (!TABLE_TYPES.has(resource.Type)) continue;
        const table = await createTable(dynamodb, resolver, stackName, logicalId, resource, region);
        tables[logicalId] = table;
        resolver.define(logicalId, { ref: table.tableName, attributes: { Arn: table.arn } });
        progress(`table ${logicalId} → ${table.tableName}`);
      }

      // Queues in dependency order: a queue whose DLQ does not exist yet waits for the next pass.
      let pending = resources.filter(([, resource]) => resource.Type === QUEUE_TYPE);
      while (pending.length > 0) {
        const waiting: typeof pending = [];
        for (const [logicalId, resource] of pending) {
          try {
            const queue = await createQueue(
              sqs,
              resolver,
              stackName,
              logicalId,
              resource,
              queueLogicalIdByArn,
            );
            queues[logicalId] = queue;
            queueLogicalIdByArn.set(queue.arn, logicalId);
            resolver.define(logicalId, {
              ref: queue.url,
              attributes: { Arn: queue.arn, QueueName: queue.queueName, QueueUrl: queue.url },
            });
            progress(`queue ${logicalId} → ${queue.queueName}`);
          } catch (error) {
            if (!(error instanceof Unresolvable)) throw error;
            waiting.push([logicalId, resource]);
          }
        }
        if (waiting.length === pending.length) {
          throw new ProvisioningError(
            `cannot resolve the properties of queue(s) ${waiting.map(([id]) => id).join(', ')}`,
          );
        }
        pending = waiting;
      }

      for (const [outputId, output] of Object.entries(template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        try {
          resolver.defineExport(
            resolver.resolveString(output.Export.Name),
            resolver.resolveString(output.Value),
          );
        } catch (error) {
          if (!(error instanceof Unresolvable)) throw error;
          progress(`export ${outputId} has no local value (${error.message})`);
        }
      }

      for (const [logicalId, resource] of resources) {
        const name = resource.Metadata?.[FUNCTION_METADATA_KEY];
        if (resource.Type !== FUNCTION_TYPE || typeof name !== 'string') continue;
        functionNameByLogicalId.set(`${stackName}/${logicalId}`, name);
        const props = resource.Properties ?? {};
        const variables =
          (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
        const environment: Record<string, string> = {};
        const unresolvedEnvironment: string[] = [];
        for (const [variable, value] of Object.entries(variables)) {
          try {
            environment[variable] = resolver.resolveString(value);
          } catch (error) {
            if (!(error instanceof Unresolvable)) throw error;
            unresolvedEnvironment.push(variable);
          }
        }
        functions[name] = {
          name,
          logicalId,
          timeoutSeconds: Number(props.Timeout ?? 3),
          memorySize: Number(props.MemorySize ?? 128),
          environment,
          unresolvedEnvironment,
        };
      }

      const functionOf = (reference: unknown): string | undefined => {
        const id =
          typeof reference === 'object' && reference !== null
            ? ((reference as { Ref?: string }).Ref ??
              (reference as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0])
            : undefined;
        return id === undefined ? undefined : functionNameByLogicalId.get(`${stackName}/${id}`);
      };

      for (const [logicalId, resource] of resources) {
        const props = resource.Properties ?? {};
        if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
          const functionName = functionOf(props.FunctionName);
          let queueArn: string | undefined;
          try {
            queueArn = resolver.resolveString(props.EventSourceArn);
          } catch {
            queueArn = undefined;
          }
          const queueLogicalId = queueArn === undefined ? undefined : queueLogicalIdByArn.get(queueArn);
          if (functionName !== undefined && queueLogicalId !== undefined) {
            queueSources.push({
              functionName,
              queueLogicalId,
              batchSize: Number(props.BatchSize ?? 10),
              reportBatchItemFailures: ((props.FunctionResponseTypes as string[] | undefined) ?? []).includes(
                'ReportBatchItemFailures',
              ),
            });
          }
        }
        if (resource.Type === 'AWS::Events::Rule') {
          const targets = (props.Targets as { Arn?: unknown }[] | undefined) ?? [];
          const functionNames = targets
            .map((target) => functionOf(target.Arn))
            .filter((name): name is string => name !== undefined);
          if (functionNames.length > 0) {
            let eventPattern: unknown;
            try {
              eventPattern = resolver.resolve(props.EventPattern);
            } catch {
              eventPattern = props.EventPattern;
            }
            eventRules.push({ logicalId, eventPattern, functionNames });
          }
        }
      }
    }
  } finally {
    dynamodb.destroy();
    sqs.destroy();
  }
  return { tables, queues, functions, queueSources, eventRules, stubArns };
}
