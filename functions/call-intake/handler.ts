import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { callerKeyProviderFromEnv } from '../shared/caller-key';
import { flowDynamo } from '../shared/clients/dynamodb';
import { callerKeySecretsManager } from '../shared/clients/secrets-manager';
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
  callerKeys: callerKeyProviderFromEnv({ secretsManager: callerKeySecretsManager }),
  metrics: powertoolsMetricSink(metrics),
  logger,
  retentionDays: env.CALLS_RETENTION_DAYS,
};

export const handler = middy(async (event: unknown): Promise<CallIntakeResponse> => callIntake(event, deps))
  // logEvent stays off whatever POWERTOOLS_LOGGER_LOG_EVENT says: the event holds the caller's number.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
