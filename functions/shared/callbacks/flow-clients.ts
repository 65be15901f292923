import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * The flow budget of functions/shared/clients.ts (FLOW_SDK_TIMEOUTS), restated here because importing
 * that module would bundle its DynamoDB clients into request-callback; a unit test keeps both equal.
 */
export const FLOW_SQS_TIMEOUTS = { connectionTimeout: 200, requestTimeout: 400, maxAttempts: 2 } as const;

/** SQS for request-callback, which Connect invokes synchronously: short timeouts, two attempts. */
export const flowSqs = new SQSClient({
  maxAttempts: FLOW_SQS_TIMEOUTS.maxAttempts,
  requestHandler: new NodeHttpHandler({
    connectionTimeout: FLOW_SQS_TIMEOUTS.connectionTimeout,
    requestTimeout: FLOW_SQS_TIMEOUTS.requestTimeout,
  }),
});
