import type { KeySchemaElement } from '@aws-sdk/client-dynamodb';

/** What provisioning made of the templates: the emulated tables and queues, and how functions are wired. */

/** A table created on DynamoDB Local. */
export interface LocalTable {
  readonly stackName: string;
  readonly logicalId: string;
  readonly tableName: string;
  readonly arn: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly globalSecondaryIndexes: readonly string[];
  readonly ttlAttribute?: string;
}

/** A queue created on fauxqs. */
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

/** A function of the template, as the local Lambda runtime runs it. */
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

/** Everything provisioning made of the templates. */
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
