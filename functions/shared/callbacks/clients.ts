import { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ASYNC_SDK_TIMEOUTS, type FLOW_SDK_TIMEOUTS } from '../clients';

/*
 * SDK clients of the callback functions, one per execution environment, with the same timeout
 * budgets as functions/shared/clients.ts. The flow's SQS client lives in flow-clients.ts, so
 * request-callback's bundle does not carry the Connect and SNS clients. Endpoints come from the standard AWS_ENDPOINT_URL_* variables.
 */

type Budget = typeof FLOW_SDK_TIMEOUTS | typeof ASYNC_SDK_TIMEOUTS;
export const transport = (budget: Budget) => ({
  maxAttempts: budget.maxAttempts,
  requestHandler: new NodeHttpHandler({
    connectionTimeout: budget.connectionTimeout,
    requestTimeout: budget.requestTimeout,
  }),
});

/** SQS for asynchronous producers (qualify-call runs from the listener's guide, not a caller's flow). */
export const asyncSqs = new SQSClient(transport(ASYNC_SDK_TIMEOUTS));
export const asyncSns = new SNSClient(transport(ASYNC_SDK_TIMEOUTS));
export const asyncConnect = new ConnectClient(transport(ASYNC_SDK_TIMEOUTS));
/** Raw DynamoDB client for the Powertools idempotency persistence, which takes a DynamoDBClient. */
export const asyncDynamoRaw = new DynamoDBClient(transport(ASYNC_SDK_TIMEOUTS));
