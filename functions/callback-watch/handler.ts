import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { dynamoAuditLog } from '../shared/callbacks/audit-log';
import { notifierFromEnv } from '../shared/callbacks/notifier';
import { asyncDynamo } from '../shared/clients/dynamodb';
import { asyncSnsPublish } from '../shared/clients/sns';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type WatchSummary, watchCallbacks } from './watch';

const env = readEnvironment('callback-watch');
const deps = {
  store: { doc: asyncDynamo, tableName: env.CALLBACKS_TABLE_NAME },
  // Reminders for the line go to its topic: only dispatch-callback may start Connect tasks.
  notifier: notifierFromEnv({ publish: asyncSnsPublish }, env.PARTNER_PORTAL_URL, 'topic'),
  policy: { partners: env.PARTNERS, closedCallbacksDays: env.CLOSED_CALLBACKS_RETENTION_DAYS },
  audit: dynamoAuditLog(asyncDynamo, env.AUDIT_TABLE_NAME),
  logger,
  metrics: powertoolsMetricSink(metrics),
};

/** Scheduled: flags overdue callbacks, re-notifies, closes the ones past their last window. */
export const handler = middy(async (): Promise<WatchSummary> => watchCallbacks(deps))
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
