import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID } from '../emulators/local-account';
import type { IntrinsicResolver } from './cfn-intrinsics';
import type { CfnResource } from './cfn-template';
import { type LocalQueue, type LocalTable, ProvisioningError } from './provisioned-resources';

/**
 * Creates one template resource on the emulators: a DynamoDB table (keys, indexes, TTL) or an SQS
 * queue (attributes, redrive); and the stand-in ARN of a resource the emulators do not run.
 */

/** DynamoDB allows 3-255 of [a-zA-Z0-9_.-]; SQS 1-80 of [a-zA-Z0-9_-] (+ ".fifo"). */
function localName(stackName: string, logicalId: string, maxLength: number, suffix = ''): string {
  const base = `${stackName}-${logicalId}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  return base.slice(Math.max(0, base.length - (maxLength - suffix.length))) + suffix;
}

/**
 * Creates a table from an `AWS::DynamoDB::Table` or `GlobalTable` resource, with its indexes and TTL.
 * @throws ProvisioningError when the table has no KeySchema.
 */
export async function createTable(
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

/**
 * Creates a queue from an `AWS::SQS::Queue` resource; its redrive policy must point at a queue created
 * before it (`queueLogicalIdByArn`).
 * @throws Unresolvable while its dead-letter queue does not exist yet.
 */
export async function createQueue(
  sqs: SQSClient,
  resolver: IntrinsicResolver,
  stackName: string,
  logicalId: string,
  resource: CfnResource,
  queueLogicalIdByArn: Map<string, string>,
): Promise<LocalQueue> {
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
export function stubArn(resource: CfnResource, logicalId: string, region: string): string {
  const [, service = 'local', kind = 'resource'] = resource.Type.split('::');
  const serviceName = service.toLowerCase();
  if (resource.Type === 'AWS::Connect::Instance') {
    return `arn:aws:connect:${region}:${LOCAL_ACCOUNT_ID}:instance/local-${logicalId.toLowerCase()}`;
  }
  return `arn:aws:${serviceName}:${region}:${LOCAL_ACCOUNT_ID}:${kind.toLowerCase()}/local-${logicalId}`;
}
