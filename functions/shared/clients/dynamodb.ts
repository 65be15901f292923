import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ASYNC_SDK_TIMEOUTS, FLOW_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/** DynamoDB clients, one per execution environment and budget. */

const documentClientOf = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/** DynamoDB for functions that Connect invokes synchronously from a flow. */
export const flowDynamo = documentClientOf(new DynamoDBClient(sdkTransport(FLOW_SDK_TIMEOUTS)));

/** Raw DynamoDB for asynchronous functions, for the Powertools idempotency persistence (it takes a DynamoDBClient). */
export const asyncDynamoRaw = new DynamoDBClient(sdkTransport(ASYNC_SDK_TIMEOUTS));

/** DynamoDB documents for asynchronous functions, over the same client. */
export const asyncDynamo = documentClientOf(asyncDynamoRaw);
