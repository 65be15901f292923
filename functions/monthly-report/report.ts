import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MonthTally } from '#domain/report/month-tally';
import { type MonthlyReport, reportOfTally } from './aggregate';
import { daysOfMonth, type ReportMonth } from './period';
import { forEachCallOfDays } from './read-calls';
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
  // Counted as they are read, so memory stays flat as the month grows.
  const tally = new MonthTally();
  const { calls, unreadable } = await forEachCallOfDays(
    deps.dynamo,
    deps.statisticsTable,
    daysOfMonth(month),
    (call) => tally.add(call),
    deps.onDay,
  );
  tally.unreadable += unreadable;
  const report = reportOfTally(month, tally, { generatedAt: (deps.now ?? (() => new Date()))() });
  const names = reportFileNames(month);
  const files = [
    await deps.writer.write(names.csv, renderCsv(report), 'text/csv; charset=utf-8'),
    await deps.writer.write(names.html, renderHtml(report), 'text/html; charset=utf-8'),
  ];
  return { month, calls, files, report };
}
