import { contactEventEnvelope, matchesEventPattern } from '../../local/runtime/eventbridge-delivery';
import type { InvocationResult } from '../../local/runtime/lambda-runtime';
import { MetricsSink } from '../../local/runtime/metrics-sink';
import { failedMessageIds } from '../../local/runtime/sqs-poller';

const ok = (result: unknown): InvocationResult => ({ ok: true, result, durationMs: 1, requestId: 'r' });

describe('failedMessageIds (Lambda partial batch rules)', () => {
  const ids = ['m1', 'm2', 'm3'];

  it('keeps only the reported failures', () => {
    expect(failedMessageIds(ids, ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] }), true)).toEqual([
      'm2',
    ]);
    expect(failedMessageIds(ids, ok({ batchItemFailures: [] }), true)).toEqual([]);
    expect(failedMessageIds(ids, ok(undefined), true)).toEqual([]);
  });

  it('fails the whole batch on a thrown handler or a malformed report', () => {
    const thrown: InvocationResult = {
      ok: false,
      error: { name: 'Error', message: 'boom', timedOut: false },
      durationMs: 1,
      requestId: 'r',
    };
    expect(failedMessageIds(ids, thrown, true)).toEqual(ids);
    expect(failedMessageIds(ids, ok({ batchItemFailures: [{ itemIdentifier: 'unknown' }] }), true)).toEqual(
      ids,
    );
    expect(failedMessageIds(ids, ok({ batchItemFailures: [{}] }), true)).toEqual(ids);
  });

  it('ignores the report when the mapping does not ask for it', () => {
    expect(failedMessageIds(ids, ok({ batchItemFailures: [{ itemIdentifier: 'm1' }] }), false)).toEqual([]);
  });
});

describe('matchesEventPattern', () => {
  const instanceArn = 'arn:aws:connect:eu-central-1:000000000000:instance/local';
  const pattern = {
    source: ['aws.connect'],
    'detail-type': ['Amazon Connect Contact Event'],
    detail: { instanceArn: [instanceArn] },
  };

  it('matches a contact event of the instance and nothing else', () => {
    const event = contactEventEnvelope({ eventType: 'INITIATED', contactId: 'c1', instanceArn });
    expect(event.source).toBe('aws.connect');
    expect(event['detail-type']).toBe('Amazon Connect Contact Event');
    expect(matchesEventPattern(pattern, event)).toBe(true);
    expect(
      matchesEventPattern(pattern, { ...event, detail: { ...event.detail, instanceArn: 'other' } }),
    ).toBe(false);
    expect(matchesEventPattern(pattern, { ...event, source: 'aws.s3' })).toBe(false);
  });

  it('supports prefix, anything-but and exists', () => {
    expect(matchesEventPattern({ a: [{ prefix: 'ab' }] }, { a: 'abc' })).toBe(true);
    expect(matchesEventPattern({ a: [{ 'anything-but': ['x'] }] }, { a: 'x' })).toBe(false);
    expect(matchesEventPattern({ a: [{ exists: false }] }, {})).toBe(true);
    expect(matchesEventPattern({ a: [{ exists: true }] }, {})).toBe(false);
  });
});

describe('MetricsSink', () => {
  it('totals EMF documents by metric name and dimension, and ignores other lines', () => {
    const sink = new MetricsSink();
    const emf = (
      name: string,
      value: number | number[],
      extra: Record<string, string> = {},
      dimensions = ['service'],
    ) =>
      JSON.stringify({
        _aws: {
          Timestamp: 0,
          CloudWatchMetrics: [
            { Namespace: 'PremierPas', Dimensions: [dimensions], Metrics: [{ Name: name, Unit: 'Count' }] },
          ],
        },
        service: 'premier-pas',
        ...extra,
        [name]: value,
      });
    expect(sink.recordLine(emf('CallsReceived', 1))).toBe(true);
    expect(sink.recordLine(emf('CallsReceived', [1, 1]))).toBe(true);
    expect(sink.recordLine(emf('CallsOutOfHours', 1, { hour: '21' }, ['service', 'hour']))).toBe(true);
    expect(sink.recordLine('{"level":"INFO","message":"not a metric"}')).toBe(false);
    expect(sink.recordLine('plain text')).toBe(false);
    expect(sink.sum('CallsReceived')).toBe(3);
    expect(sink.totals().find((total) => total.name === 'CallsOutOfHours')?.byDimensions).toEqual({
      'hour=21': 1,
    });
  });
});
