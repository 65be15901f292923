import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { LocalLineEnv } from '../../local/runtime/line';

/**
 * The replay's own copies of the calls and statistics tables: same keys and indexes, without TTL.
 * A replayed past year is past its TTL the moment it is written, and DynamoDB Local deletes expired
 * items within seconds; on AWS, TTL runs days after the sweep has moved a call. Copies also keep a
 * replay apart from other tests sharing the line.
 */

export type ReplayTableEnv = Pick<
  LocalLineEnv,
  'AWS_ENDPOINT_URL_DYNAMODB' | 'AWS_REGION' | 'CALLS_TABLE_NAME' | 'STATISTICS_TABLE_NAME'
>;

async function copyWithoutTtl(client: DynamoDBClient, source: string, copy: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: source }));
  if (Table === undefined) throw new Error(`table ${source} not found`);
  await client.send(
    new CreateTableCommand({
      TableName: copy,
      KeySchema: Table.KeySchema,
      AttributeDefinitions: Table.AttributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      ...(Table.GlobalSecondaryIndexes?.length
        ? {
            GlobalSecondaryIndexes: Table.GlobalSecondaryIndexes.map((index) => ({
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            })),
          }
        : {}),
    }),
  );
}

/**
 * Creates the copies and points `process.env` at them, so handlers loaded afterwards use them.
 * Returns the env to use for the replay and a function that drops the copies and restores the env.
 */
export async function withReplayTables(
  env: ReplayTableEnv,
  suffix: string,
): Promise<{ env: ReplayTableEnv; drop(): Promise<void> }> {
  const client = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION });
  const calls = `${env.CALLS_TABLE_NAME}-replay-${suffix}`.slice(-255);
  const statistics = `${env.STATISTICS_TABLE_NAME}-replay-${suffix}`.slice(-255);
  await copyWithoutTtl(client, env.CALLS_TABLE_NAME, calls);
  await copyWithoutTtl(client, env.STATISTICS_TABLE_NAME, statistics);
  const previous = { calls: process.env.CALLS_TABLE_NAME, statistics: process.env.STATISTICS_TABLE_NAME };
  process.env.CALLS_TABLE_NAME = calls;
  process.env.STATISTICS_TABLE_NAME = statistics;
  return {
    env: { ...env, CALLS_TABLE_NAME: calls, STATISTICS_TABLE_NAME: statistics },
    async drop() {
      process.env.CALLS_TABLE_NAME = previous.calls;
      process.env.STATISTICS_TABLE_NAME = previous.statistics;
      try {
        for (const TableName of [calls, statistics]) await client.send(new DeleteTableCommand({ TableName }));
      } finally {
        client.destroy();
      }
    },
  };
}
