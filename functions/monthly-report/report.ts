import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aggregateMonth, type MonthlyReport } from './aggregate';
import { daysOfMonth, type ReportMonth } from './period';
import { readCallsOfDays } from './read-calls';
import { renderCsv, renderHtml, reportFileNames } from './render';

/** Where the report's files go: S3 on AWS, a folder locally. */
export interface ReportWriter {
  write(name: string, body: string, contentType: string): Promise<string>;
}

export interface MonthlyReportDeps {
  readonly dynamo: DynamoDBDocumentClient;
  /** The statistics table (anonymous items, by random id). */
  readonly statisticsTable: string;
  readonly writer: ReportWriter;
  readonly now?: () => Date;
  /** Progress, one line per day read. */
  readonly onDay?: (day: string, count: number) => void;
}

export interface MonthlyReportResult {
  readonly month: ReportMonth;
  readonly calls: number;
  readonly files: readonly string[];
  readonly report: MonthlyReport;
}

/** Reads a month of call statistics through the byDay index, aggregates them and writes the CSV and the page. */
export async function produceMonthlyReport(
  month: ReportMonth,
  deps: MonthlyReportDeps,
): Promise<MonthlyReportResult> {
  const { calls, unreadable } = await readCallsOfDays(
    deps.dynamo,
    deps.statisticsTable,
    daysOfMonth(month),
    deps.onDay,
  );
  const report = aggregateMonth(month, calls, {
    generatedAt: (deps.now ?? (() => new Date()))(),
    unreadableCalls: unreadable,
  });
  const names = reportFileNames(month);
  const files = [
    await deps.writer.write(names.csv, renderCsv(report), 'text/csv; charset=utf-8'),
    await deps.writer.write(names.html, renderHtml(report), 'text/html; charset=utf-8'),
  ];
  return { month, calls: calls.length, files, report };
}
