import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { awsLogs, REPORT_FILTER } from '../../../local/verify/aws-logs';
import { type LogsPort, readColdStarts } from '../../../local/verify/cold-starts';
import { formatColdStarts } from '../../../local/verify/verify-report';

/*
 * verify's cold-start table: the init durations Lambda reported, per log group of the Line stack.
 * CloudWatch Logs has no local emulator here, so its port is checked against a mocked client.
 */

const report = (requestId: string, initDurationMs?: number) =>
  JSON.stringify({
    time: '2026-12-03T08:00:00.000Z',
    type: 'platform.report',
    record: {
      requestId,
      metrics: {
        durationMs: 12,
        billedDurationMs: 12,
        memorySizeMB: 256,
        maxMemoryUsedMB: 90,
        ...(initDurationMs === undefined ? {} : { initDurationMs }),
      },
    },
  });

const fakeLogs = (groups: Record<string, string[]>): LogsPort => ({
  logGroups: async (prefix) => Object.keys(groups).filter((name) => name.startsWith(prefix)),
  reportLines: async (group, _since, limit) => (groups[group] ?? []).slice(0, limit),
});

describe('cold starts read from the reports', () => {
  it('counts the reports and keeps the init durations of the cold ones, per log group', async () => {
    const rows = await readColdStarts(
      fakeLogs({
        'PremierPas-prod-Line-CallIntakeLogs-1': [
          report('a', 412.5),
          report('b'),
          'REPORT RequestId: c\tDuration: 7.90 ms\tBilled Duration: 8 ms\tMemory Size: 256 MB\tMax Memory Used: 92 MB\tInit Duration: 380.1 ms\t',
          '{"level":"INFO","message":"call recorded"}',
        ],
        'PremierPas-prod-Line-QualifyCallLogs-2': [report('d')],
        'OtherStack-Logs': [report('e', 999)],
      }),
      'PremierPas-prod-Line',
      0,
    );
    expect(rows).toEqual([
      { logGroup: 'PremierPas-prod-Line-CallIntakeLogs-1', invocations: 3, initDurationsMs: [380.1, 412.5] },
      { logGroup: 'PremierPas-prod-Line-QualifyCallLogs-2', invocations: 1, initDurationsMs: [] },
    ]);
    const table = formatColdStarts(rows, 24);
    expect(table).toContain('last 24 h');
    expect(table).toMatch(/CallIntakeLogs-1\s+3\s+2\s+380 ms\s+413 ms/);
    expect(table).toMatch(/QualifyCallLogs-2\s+1\s+0\s+–\s+–/);
  });

  it('says so when the stack has no log group', () => {
    expect(formatColdStarts([], 24)).toBe('Cold starts: no log group found for the Line stack.');
  });
});

describe('the CloudWatch Logs port', () => {
  const logs = mockClient(CloudWatchLogsClient);
  afterEach(() => logs.reset());

  it('pages through the log groups and the report events, with the filter for both log formats', async () => {
    logs
      .on(DescribeLogGroupsCommand, { nextToken: undefined })
      .resolves({ logGroups: [{ logGroupName: 'g1' }], nextToken: 't' })
      .on(DescribeLogGroupsCommand, { nextToken: 't' })
      .resolves({ logGroups: [{ logGroupName: 'g2' }, {}] });
    logs
      .on(FilterLogEventsCommand, { nextToken: undefined })
      .resolves({ events: [{ message: report('a', 300) }, {}], nextToken: 'n' })
      .on(FilterLogEventsCommand, { nextToken: 'n' })
      .resolves({ events: [{ message: report('b') }] });
    const port = awsLogs(new CloudWatchLogsClient({ region: 'eu-central-1' }));
    expect(await port.logGroups('PremierPas-prod-Line')).toEqual(['g1', 'g2']);
    expect(logs.commandCalls(DescribeLogGroupsCommand)[0]?.args[0].input.logGroupNamePrefix).toBe(
      'PremierPas-prod-Line',
    );
    expect(await port.reportLines('g1', 1_000, 10)).toEqual([report('a', 300), report('b')]);
    const filter = logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input;
    expect(filter).toMatchObject({ logGroupName: 'g1', startTime: 1_000, filterPattern: REPORT_FILTER });
    expect(REPORT_FILTER).toBe('?"REPORT RequestId" ?"platform.report"');
  });
});
