import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { LOCAL_CREDENTIALS } from '../emulators/local-account';
import { IntrinsicResolver, Unresolvable } from './cfn-intrinsics';
import type { CfnResource, CfnTemplate, StackTemplate } from './cfn-template';
import { createQueue, createTable, stubArn } from './provision-tables-and-queues';
import {
  type LocalEventRule,
  type LocalFunction,
  type LocalQueue,
  type LocalQueueSource,
  type LocalTable,
  type ProvisionedResources,
  ProvisioningError,
} from './provisioned-resources';

/**
 * Template-driven provisioning: the local line creates its tables and queues from the same
 * CloudFormation the cloud deploys, so keys, indexes, TTL and redrive cannot drift between the two.
 */

const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);
const QUEUE_TYPE = 'AWS::SQS::Queue';
const FUNCTION_TYPE = 'AWS::Lambda::Function';

/** Where the emulators listen, and where progress lines go. */
export interface ProvisionOptions {
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly region: string;
  readonly onProgress?: (message: string) => void;
}

type Resources = readonly (readonly [string, CfnResource])[];

/** What provisioning gathers, stack after stack; every step reads what the steps before it defined. */
interface Provisioning {
  readonly region: string;
  readonly progress: (message: string) => void;
  readonly resolver: IntrinsicResolver;
  readonly tables: Record<string, LocalTable>;
  readonly queues: Record<string, LocalQueue>;
  readonly functions: Record<string, LocalFunction>;
  readonly stubArns: Record<string, string>;
  readonly queueSources: LocalQueueSource[];
  readonly eventRules: LocalEventRule[];
  /** Function folder names, by `<stack>/<logical id>`. */
  readonly functionNameByLogicalId: Map<string, string>;
  readonly queueLogicalIdByArn: Map<string, string>;
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
  const clientConfig = { region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: options.dynamodbEndpoint });
  const sqs = new SQSClient({ ...clientConfig, endpoint: options.sqsEndpoint });
  const state: Provisioning = {
    region,
    progress: options.onProgress ?? (() => {}),
    resolver: new IntrinsicResolver(region),
    tables: {},
    queues: {},
    functions: {},
    stubArns: {},
    queueSources: [],
    eventRules: [],
    functionNameByLogicalId: new Map(),
    queueLogicalIdByArn: new Map(),
  };
  try {
    for (const { stackName, template } of stacks) {
      state.resolver.enterStack(stackName);
      const resources = Object.entries(template.Resources ?? {});
      defineStandIns(state, stackName, resources);
      await createTables(state, dynamodb, stackName, resources);
      await createQueuesInDependencyOrder(state, sqs, stackName, resources);
      defineExports(state, template);
      readFunctions(state, stackName, resources);
      readEventSources(state, stackName, resources);
    }
  } finally {
    dynamodb.destroy();
    sqs.destroy();
  }
  const { tables, queues, functions, queueSources, eventRules, stubArns } = state;
  return { tables, queues, functions, queueSources, eventRules, stubArns };
}

/** Everything that is not a table or queue gets a stand-in, so references to it resolve. */
function defineStandIns(state: Provisioning, stackName: string, resources: Resources): void {
  for (const [logicalId, resource] of resources) {
    if (TABLE_TYPES.has(resource.Type) || resource.Type === QUEUE_TYPE) continue;
    const arn = stubArn(resource, logicalId, state.region);
    state.stubArns[logicalId] = arn;
    const ref = resource.Type === FUNCTION_TYPE ? `${stackName}-${logicalId}` : `local-${logicalId}`;
    state.resolver.define(logicalId, { ref, attributes: { Arn: arn, Id: ref } });
  }
}

async function createTables(
  state: Provisioning,
  dynamodb: DynamoDBClient,
  stackName: string,
  resources: Resources,
): Promise<void> {
  for (const [logicalId, resource] of resources) {
    if (!TABLE_TYPES.has(resource.Type)) continue;
    const table = await createTable(dynamodb, state.resolver, stackName, logicalId, resource, state.region);
    state.tables[logicalId] = table;
    state.resolver.define(logicalId, { ref: table.tableName, attributes: { Arn: table.arn } });
    state.progress(`table ${logicalId} → ${table.tableName}`);
  }
}

/** A queue whose DLQ does not exist yet waits for the next pass; a pass that creates nothing fails. */
async function createQueuesInDependencyOrder(
  state: Provisioning,
  sqs: SQSClient,
  stackName: string,
  resources: Resources,
): Promise<void> {
  let pending = resources.filter(([, resource]) => resource.Type === QUEUE_TYPE);
  while (pending.length > 0) {
    const waiting: typeof pending = [];
    for (const [logicalId, resource] of pending) {
      try {
        const queue = await createQueue(
          sqs,
          state.resolver,
          stackName,
          logicalId,
          resource,
          state.queueLogicalIdByArn,
        );
        state.queues[logicalId] = queue;
        state.queueLogicalIdByArn.set(queue.arn, logicalId);
        state.resolver.define(logicalId, {
          ref: queue.url,
          attributes: { Arn: queue.arn, QueueName: queue.queueName, QueueUrl: queue.url },
        });
        state.progress(`queue ${logicalId} → ${queue.queueName}`);
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
}

/** The stack's exports, for Fn::ImportValue in the stacks after it. */
function defineExports(state: Provisioning, template: CfnTemplate): void {
  for (const [outputId, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Export === undefined) continue;
    try {
      state.resolver.defineExport(
        state.resolver.resolveString(output.Export.Name),
        state.resolver.resolveString(output.Value),
      );
    } catch (error) {
      if (!(error instanceof Unresolvable)) throw error;
      state.progress(`export ${outputId} has no local value (${error.message})`);
    }
  }
}

/** Our functions (those with the folder-name metadata), with their environment resolved locally. */
function readFunctions(state: Provisioning, stackName: string, resources: Resources): void {
  for (const [logicalId, resource] of resources) {
    const name = resource.Metadata?.[FUNCTION_METADATA_KEY];
    if (resource.Type !== FUNCTION_TYPE || typeof name !== 'string') continue;
    state.functionNameByLogicalId.set(`${stackName}/${logicalId}`, name);
    const props = resource.Properties ?? {};
    const variables =
      (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const environment: Record<string, string> = {};
    const unresolvedEnvironment: string[] = [];
    for (const [variable, value] of Object.entries(variables)) {
      try {
        environment[variable] = state.resolver.resolveString(value);
      } catch (error) {
        if (!(error instanceof Unresolvable)) throw error;
        unresolvedEnvironment.push(variable);
      }
    }
    state.functions[name] = {
      name,
      logicalId,
      timeoutSeconds: Number(props.Timeout ?? 3),
      memorySize: Number(props.MemorySize ?? 128),
      environment,
      unresolvedEnvironment,
    };
  }
}

/** SQS event source mappings and EventBridge rules that target one of our functions. */
function readEventSources(state: Provisioning, stackName: string, resources: Resources): void {
  const functionOf = (reference: unknown): string | undefined => {
    const id =
      typeof reference === 'object' && reference !== null
        ? ((reference as { Ref?: string }).Ref ??
          (reference as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0])
        : undefined;
    return id === undefined ? undefined : state.functionNameByLogicalId.get(`${stackName}/${id}`);
  };

  for (const [logicalId, resource] of resources) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
      const functionName = functionOf(props.FunctionName);
      let queueArn: string | undefined;
      try {
        queueArn = state.resolver.resolveString(props.EventSourceArn);
      } catch {
        queueArn = undefined;
      }
      const queueLogicalId = queueArn === undefined ? undefined : state.queueLogicalIdByArn.get(queueArn);
      if (functionName !== undefined && queueLogicalId !== undefined) {
        state.queueSources.push({
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
          eventPattern = state.resolver.resolve(props.EventPattern);
        } catch {
          eventPattern = props.EventPattern;
        }
        state.eventRules.push({ logicalId, eventPattern, functionNames });
      }
    }
  }
}
