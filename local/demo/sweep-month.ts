import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MOVE_AFTER_DAYS } from '#domain/call-record';
import { daysOfMonth, type ReportMonth } from '../../functions/monthly-report/period';
import { powertoolsMetricSink } from '../../functions/shared/emit-metric';
import { type SweepResult, sweepStatistics } from '../../functions/sweep-statistics/sweep';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import type { LineDescription } from '../runtime/line-description';

/**
 * The daily sweep, run once over a whole played month as if a week had passed since its last day:
 * the month's unqualified calls (missed, out of hours, answered but not qualified) move to the
 * statistics table as they would by then on AWS, so the report counts every call. A qualified call it
 * moves is counted through the handlers' Powertools metrics, as the deployed sweep counts it, so
 * whoever reads the line's EMF output (the replay's verifier) sees it.
 */
export async function sweepPlayedMonth(
  line: Pick<LineDescription, 'env'>,
  month: ReportMonth,
): Promise<SweepResult> {
  const days = daysOfMonth(month);
  const lastDay = days[days.length - 1] as string;
  const now = new Date(Date.parse(`${lastDay}T23:00:00Z`) + (MOVE_AFTER_DAYS + 1) * 86_400_000);
  const raw = new DynamoDBClient({
    endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: line.env.AWS_REGION,
  });
  // Loaded now, not at import: the shared Powertools module reads the line's env when it loads.
  const { metrics } = require(path.join(REPO_ROOT, 'functions', 'shared', 'powertools.ts')) as {
    metrics: import('@aws-lambda-powertools/metrics').Metrics;
  };
  try {
    return await sweepStatistics({
      dynamo: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
      callsTable: line.env.CALLS_TABLE_NAME,
      statisticsTable: line.env.STATISTICS_TABLE_NAME,
      retentionDays: Number(line.env.CALLS_RETENTION_DAYS),
      metrics: powertoolsMetricSink(metrics),
      logger: { warn: () => {} },
      now: () => now,
      days,
    });
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    raw.destroy();
  }
}
