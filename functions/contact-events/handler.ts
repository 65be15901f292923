import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { asyncDynamo } from '../shared/clients/dynamodb';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type ContactEventResult, handleContactEvent } from './apply-contact-event';

/**
 * contact-events, the target of the EventBridge rule on "Amazon Connect Contact Event".
 * Input: an EventBridge event (events/contact-events/). Output: a {@link ContactEventResult}.
 * Throws NotAContactEventError for anything else, so EventBridge's retry and failure handling see it.
 */
const env = readEnvironment('contact-events');
const deps = {
  dynamo: asyncDynamo,
  tableName: env.CALLS_TABLE_NAME,
  statisticsTable: env.STATISTICS_TABLE_NAME,
  metrics: powertoolsMetricSink(metrics),
  logger,
  hours: env.LINE_HOURS,
  retentionDays: env.CALLS_RETENTION_DAYS,
};

export const handler = middy(
  async (event: unknown): Promise<ContactEventResult> => handleContactEvent(event, deps),
)
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
