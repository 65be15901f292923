import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { DispatchDeps } from './dispatch';
import { makeDispatchRecordHandler } from './record-handler';

export interface DispatchHandlerProps {
  readonly deps: DispatchDeps;
  /** The Powertools instance behind `deps.metrics`, flushed by the logMetrics middleware. */
  readonly metrics: Metrics;
  /** The Powertools persistence on the idempotency table. */
  readonly persistenceStore: BasePersistenceLayer;
  /** How long a requestId stays deduplicated. */
  readonly idempotencySeconds: number;
}

/**
 * The consumer, wired: middy with the Powertools logger and metrics, BatchProcessor with partial
 * batch failures, and idempotency per submission of a request. handler.ts gives it the stage's clients; the fault
 * tests give it clients that fail on purpose, so both run this same composition.
 */
export function createDispatchHandler(props: DispatchHandlerProps) {
  const idempotencyConfig = new IdempotencyConfig({
    // One key per submission, not per requestId: a correction of the same request must go through,
    // while a redelivery of the same submission is still deduplicated. Withdrawals have no partner.
    eventKeyJmesPath: '[kind, contactId, partnerId, submission]',
    expiresAfterSeconds: props.idempotencySeconds,
  });
  const recordHandler = makeDispatchRecordHandler({
    deps: props.deps,
    persistenceStore: props.persistenceStore,
    idempotencyConfig,
  });
  return (
    middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
      // Lets an in-progress idempotency record expire with this invocation if it dies mid-way.
      idempotencyConfig.registerLambdaContext(context);
      // One processor per batch: it holds the batch's state, and the local line may run batches concurrently.
      const processor = new BatchProcessor(EventType.SQS);
      return processPartialResponse(event, recordHandler, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    })
      // Message bodies hold phone numbers: the event is never logged.
      .use(injectLambdaContext(props.deps.logger, { logEvent: false, resetKeys: true }))
      .use(logMetrics(props.metrics))
  );
}
