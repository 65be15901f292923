import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { asyncDynamo } from '../shared/clients/dynamodb';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type SweepResult, sweepStatistics } from './sweep';

const env = readEnvironment('sweep-statistics');

/** Daily schedule: moves the statistics of calls older than a week that were never qualified. */
export const handler = middy(async (): Promise<SweepResult> => {
  const result = await sweepStatistics({
    dynamo: asyncDynamo,
    callsTable: env.CALLS_TABLE_NAME,
    statisticsTable: env.STATISTICS_TABLE_NAME,
    retentionDays: env.CALLS_RETENTION_DAYS,
    metrics: powertoolsMetricSink(metrics),
    logger,
  });
  logger.info('statistics swept', { ...result });
  // Failing the invocation lets the schedule retry and, past its retries, reach the alarmed DLQ.
  if (result.failed > 0) throw new Error(`${result.failed} call(s) not moved`);
  return result;
})
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
