import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aggregateMonth } from '../../functions/monthly-report/aggregate';
import { daysOfMonth, parseMonth } from '../../functions/monthly-report/period';
import { readCallsOfDays } from '../../functions/monthly-report/read-calls';
import { renderCsv, renderHtml } from '../../functions/monthly-report/render';
import { produceMonthlyReport } from '../../functions/monthly-report/report';

/**
 * Runs in a fresh Node process (bench/report-scale/report-scale.ts spawns it): produces one monthly
 * report from the statistics table named in the environment, and prints one JSON line with the time and
 * the peak resident memory, sampled every 5 ms and at each day read. Files are rendered, not stored.
 * Mode `stream` is produceMonthlyReport as deployed; `memory` is the earlier shape, every item of the
 * month read into an array and then aggregated, kept to show the difference.
 */
async function main(): Promise<void> {
  const [monthText, tableName, mode] = process.argv.slice(2);
  const month = parseMonth(monthText ?? '');
  const raw = new DynamoDBClient({});
  const dynamo = DynamoDBDocumentClient.from(raw);
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const baseline = peak;
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let calls: number;
  if (mode === 'memory') {
    const read = await readCallsOfDays(dynamo, tableName ?? '', daysOfMonth(month), sample);
    sample();
    const report = aggregateMonth(month, read.calls, {
      generatedAt: new Date(),
      unreadableCalls: read.unreadable,
    });
    renderCsv(report);
    renderHtml(report);
    calls = read.calls.length;
  } else {
    const result = await produceMonthlyReport(month, {
      dynamo,
      statisticsTable: tableName ?? '',
      writer: { write: async (name, body) => `${name} (${body.length} chars)` },
      onDay: sample,
    });
    calls = result.calls;
  }
  sample();
  clearInterval(timer);
  raw.destroy();
  console.log(
    JSON.stringify({
      calls,
      ms: Math.round(performance.now() - started),
      baselineRss: baseline,
      peakRss: peak,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
