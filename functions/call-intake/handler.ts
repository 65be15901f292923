import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { flowDynamo } from '../shared/clients/dynamodb';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type CallIntakeResponse, callIntake } from './record-call-start';

/**
 * call-intake, invoked by the main contact flow. Input: a Connect ContactFlowEvent
 * (events/contact-flow/call-intake.json). Output: `{ lineState: 'ok' | 'degraded', recorded: 'true' | 'false' }`.
 */
const env = readEnvironment('call-intake');
const deps = {
  dynamo: flowDynamo,
  tableName: env.CALLS_TABLE_NAME,
  metrics: powertoolsMetricSink(metrics),
  logger,
};

export const handler = middy(async (event: unknown): Promise<CallIntakeResponse> => callIntake(event, deps))
  // logEvent stays off whatever POWERTOOLS_LOGGER_LOG_EVENT says: the event holds the caller's number.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
