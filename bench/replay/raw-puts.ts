import { randomUUID } from 'node:crypto';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalLineEnv } from '../../local/runtime/line';

/**
 * The ceiling: conditional PutItem requests, `concurrency` in flight, against the calls table of the
 * same emulator, for `seconds`. Items get a `raw-` id, never the replay's prefix, so verification
 * ignores them.
 */
export async function rawPutThroughput(
  env: Pick<LocalLineEnv, 'AWS_ENDPOINT_URL_DYNAMODB' | 'AWS_REGION' | 'CALLS_TABLE_NAME'>,
  concurrency: number,
  seconds: number,
): Promise<{ writes: number; writesPerSecond: number }> {
  const client = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let writes = 0;
  try {
    const worker = async () => {
      while (performance.now() < deadline) {
        const now = new Date().toISOString();
        await client.send(
          new PutItemCommand({
            TableName: env.CALLS_TABLE_NAME,
            Item: {
              contactId: { S: `raw-${randomUUID()}` },
              day: { S: now.slice(0, 10) },
              initiatedAt: { S: now },
              expiresAt: { N: String(Math.floor(Date.now() / 1000) + 3600) },
            },
            ConditionExpression: 'attribute_not_exists(contactId)',
          }),
        );
        writes += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    client.destroy();
  }
  return { writes, writesPerSecond: writes / ((performance.now() - started) / 1000) };
}
