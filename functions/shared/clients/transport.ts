import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SdkBudget } from './budgets';

/**
 * The client settings that enforce a budget: its attempts, and an HTTP handler with its timeouts.
 * Spread into any SDK v3 client's configuration. Endpoints come from the standard SDK variables
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS…), which the local line points at its emulators.
 */
export function sdkTransport(budget: SdkBudget): { maxAttempts: number; requestHandler: NodeHttpHandler } {
  return {
    maxAttempts: budget.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: budget.connectionTimeout,
      requestTimeout: budget.requestTimeout,
    }),
  };
}
