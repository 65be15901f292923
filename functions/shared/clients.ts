import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * SDK clients, one per execution environment. Endpoints come from the standard SDK variables
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS), which the local line points at its emulators.
 */

/**
 * Budget for a contact-flow Lambda: Connect waits at most 8 s, and we answer within 1 s.
 * Two attempts of at most 400 ms each leave room for cold start work and the safe-default path.
 */
export const FLOW_SDK_TIMEOUTS = { connectionTimeout: 200, requestTimeout: 400, maxAttempts: 2 } as const;

/** Budget for asynchronous functions (EventBridge, SQS, schedules): retries are cheap there. */
export const ASYNC_SDK_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 3_000,
  maxAttempts: 3,
} as const;

function documentClient(
  timeouts: typeof FLOW_SDK_TIMEOUTS | typeof ASYNC_SDK_TIMEOUTS,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    maxAttempts: timeouts.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: timeouts.connectionTimeout,
      requestTimeout: timeouts.requestTimeout,
    }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** DynamoDB for functions that Connect invokes synchronously from a flow. */
export const flowDynamo = documentClient(FLOW_SDK_TIMEOUTS);

/** DynamoDB for asynchronous functions. */
export const asyncDynamo = documentClient(ASYNC_SDK_TIMEOUTS);
