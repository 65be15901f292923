/**
 * Timeout budgets of the SDK clients, one per kind of caller. This module imports no SDK code, so
 * any module can read a budget without bundling a client; the clients live beside it, one module per
 * AWS service, so a function bundles only the services it calls.
 */

/** What an SDK client may spend on one call: connect and response timeouts (ms), and attempts. */
export interface SdkBudget {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly maxAttempts: number;
}

/**
 * Budget for a contact-flow Lambda: Connect waits at most 8 s, and we answer within 1 s.
 * Two attempts of at most 400 ms each leave room for cold start work and the safe-default path.
 */
export const FLOW_SDK_TIMEOUTS = {
  connectionTimeout: 200,
  requestTimeout: 400,
  maxAttempts: 2,
} as const satisfies SdkBudget;

/** Budget for asynchronous functions (EventBridge, SQS, schedules): retries are cheap there. */
export const ASYNC_SDK_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 3_000,
  maxAttempts: 3,
} as const satisfies SdkBudget;

/**
 * Budget for deploy-time custom resources: Connect throttles bursts of admin calls, so a few retries
 * are cheap; five attempts of at most 4 s stay inside the resource's 30 s timeout.
 */
export const DEPLOY_SDK_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 4_000,
  maxAttempts: 5,
} as const satisfies SdkBudget;
