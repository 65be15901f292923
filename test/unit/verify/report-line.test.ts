import { coldStarts, parseReportLine } from '../../../local/verify/report-line';

// Shaped as Lambda writes them (tabs between fields); ids are made up.
const COLD =
  'REPORT RequestId: 6f1a2b3c-0000-4000-8000-000000000001\tDuration: 48.21 ms\tBilled Duration: 49 ms\tMemory Size: 256 MB\tMax Memory Used: 91 MB\tInit Duration: 412.56 ms\t';
const WARM =
  'REPORT RequestId: 6f1a2b3c-0000-4000-8000-000000000002\tDuration: 7.90 ms\tBilled Duration: 8 ms\tMemory Size: 256 MB\tMax Memory Used: 92 MB\t';

describe('REPORT log lines', () => {
  test('a cold start carries its Init Duration', () => {
    expect(parseReportLine(COLD)).toEqual({
      requestId: '6f1a2b3c-0000-4000-8000-000000000001',
      durationMs: 48.21,
      billedMs: 49,
      memoryMb: 256,
      maxMemoryUsedMb: 91,
      initDurationMs: 412.56,
    });
  });

  test('a warm invocation has none, and Billed Duration is not read as Duration', () => {
    const report = parseReportLine(WARM);
    expect(report?.durationMs).toBe(7.9);
    expect(report).not.toHaveProperty('initDurationMs');
  });

  test('other lines are not REPORT lines', () => {
    expect(parseReportLine('START RequestId: x Version: $LATEST')).toBeUndefined();
    expect(parseReportLine('{"level":"INFO","message":"REPORT"}')).toBeUndefined();
  });

  test('the JSON log format: a platform.report event, with its init duration on a cold start', () => {
    const json = JSON.stringify({
      time: '2026-12-03T08:00:00.000Z',
      type: 'platform.report',
      record: {
        requestId: '6f1a2b3c-0000-4000-8000-000000000003',
        metrics: {
          durationMs: 48.21,
          billedDurationMs: 49,
          memorySizeMB: 256,
          maxMemoryUsedMB: 91,
          initDurationMs: 412.56,
        },
        status: 'success',
      },
    });
    expect(parseReportLine(json)).toEqual({
      requestId: '6f1a2b3c-0000-4000-8000-000000000003',
      durationMs: 48.21,
      billedMs: 49,
      memoryMb: 256,
      maxMemoryUsedMb: 91,
      initDurationMs: 412.56,
    });
    expect(parseReportLine(json.replace('platform.report', 'platform.start'))).toBeUndefined();
    expect(
      parseReportLine('{"type":"platform.report","record":{"requestId":"x","metrics":"garbage"}}'),
    ).toBeUndefined();
    expect(parseReportLine('{not json')).toBeUndefined();
  });

  test('the cold starts of a log stream', () => {
    expect(coldStarts([COLD, WARM, 'END RequestId: x', COLD])).toEqual([412.56, 412.56]);
  });
});
