import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SdkBudget } from './budgets';

/**
 * The client settings that enforce a budget: its attempts, and an HTTP handler with its timeouts.
 * `throwOnRequestTimeout` makes the request timeout end the request: without it, the handler only logs
 * a warning when it passes and keeps waiting (the default since @smithy/node-http-handler 4.x), and a
 * flow Lambda would wait on a silent endpoint far past Connect's limit.
 * Spread into any SDK v3 client's configuration. Endpoints come from the standard SDK variables
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS…), which the local line points at its emulators.
 */
export function sdkTransport(budget: SdkBudget): { maxAttempts: number; requestHandler: NodeHttpHandler } {
  return {
    maxAttempts: budget.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: budget.connectionTimeout,
      requestTimeout: budget.requestTimeout,
      throwOnRequestTimeout: true,
    }),
  };
}
