import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { config } from '../../infra/config';
import { asyncSns } from '../shared/callbacks/clients';
import { notifierFromEnv } from '../shared/callbacks/notifier';
import { asyncDynamo } from '../shared/clients';
import { getStringFromEnv } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type WatchSummary, watchCallbacks } from './watch';

const deps = {
  store: { doc: asyncDynamo, tableName: getStringFromEnv('CALLBACKS_TABLE_NAME') },
  // Reminders for the line go to its topic: only dispatch-callback may start Connect tasks.
  notifier: notifierFromEnv({ sns: asyncSns }, config.partnerPortalUrl, 'topic'),
  logger,
  metrics,
};

/** Scheduled: flags overdue callbacks, re-notifies, closes the ones past their last window. */
export const handler = middy(async (): Promise<WatchSummary> => watchCallbacks(deps))
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
