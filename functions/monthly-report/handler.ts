import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { asyncDynamo } from '../shared/clients/dynamodb';
import { asyncS3 } from '../shared/clients/s3';
import { readEnvironment } from '../shared/env';
import { logger } from '../shared/powertools';
import { parseMonth, previousMonth } from './period';
import { produceMonthlyReport } from './report';
import { s3ReportWriter } from './s3-writer';

const env = readEnvironment('monthly-report');
const statisticsTable = env.STATISTICS_TABLE_NAME;
const bucket = env.REPORTS_BUCKET_NAME;

/** What the schedule sends; `month` lets an operator re-run a month by hand. */
interface MonthlyReportEvent {
  readonly time?: string;
  readonly month?: string;
}

/** Scheduled on the 1st of each month: reports on the previous month (Paris time). */
export const handler = middy(async (event: MonthlyReportEvent | undefined) => {
  const month =
    typeof event?.month === 'string'
      ? parseMonth(event.month)
      : previousMonth(new Date(event?.time ?? Date.now()));
  const result = await produceMonthlyReport(month, {
    dynamo: asyncDynamo,
    statisticsTable,
    writer: s3ReportWriter(asyncS3, bucket, `${month}/`),
  });
  logger.info('Monthly report written', { month, calls: result.calls, files: result.files });
  return { month, calls: result.calls, files: result.files };
}).use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }));
