import fc from 'fast-check';
import type { CallRecord } from '#domain/call-record';
import { prod as config } from '../../config/stages/prod';
import { type ContactObservation, parseContactEvent } from '../../events/schemas/contact-event';
import {
  emitCallMetrics,
  type FoldContext,
  type FoldedCall,
  foldObservation,
} from '../../functions/contact-events/fold-call';
import { recordingMetricSink } from '../../functions/shared/emit-metric';
import { defined, listSamples, readSample } from './events/sample-events';

const context: FoldContext = { hours: config };
const SCENARIOS = ['answered', 'missed-in-queue', 'abandoned-in-ivr', 'out-of-hours'] as const;

function observationsOf(scenario: string): ContactObservation[] {
  return listSamples(`contact-events/${scenario}`).map((sample) => {
    const result = parseContactEvent(readSample(sample));
    if (result.kind !== 'tracked') throw new Error(`${sample} should be tracked`);
    return result.observation;
  });
}

/** Folds observations in order, as successive writes would (each fold starts from the stored record). */
function foldAll(observations: readonly ContactObservation[]): FoldedCall | undefined {
  let record: CallRecord | undefined;
  for (const observation of observations) {
    record = { ...record, ...stripUndefined(foldObservation(record, observation, context)) } as CallRecord;
  }
  return record;
}

const stripUndefined = (call: FoldedCall) =>
  Object.fromEntries(Object.entries(call).filter(([, value]) => value !== undefined)) as FoldedCall;

describe('foldObservation outcomes', () => {
  test('answered: wait from queue to listener, talk from listener to hang-up', () => {
    expect(foldAll(observationsOf('answered'))).toMatchObject({
      outcome: 'answered',
      waitSeconds: 45,
      talkSeconds: 880,
      day: '2026-03-10',
      initiatedAt: '2026-03-10T09:15:00.000Z',
      // The call item lives a fortnight at most: its statistics move out under a random id.
      expiresAt: Math.floor(Date.parse('2026-03-10T09:15:00.000Z') / 1000) + 14 * 86_400,
      completedAt: '2026-03-10T09:33:00.000Z',
      eventTypes: ['COMPLETED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'INITIATED', 'QUEUED'],
      lineOpen: true,
      metricsEmitted: true,
    });
  });

  test('missed in queue: wait until the hang-up, no talk', () => {
    const call = foldAll(observationsOf('missed-in-queue'));
    expect(call).toMatchObject({ outcome: 'missed_in_queue', waitSeconds: 155 });
    expect(call?.talkSeconds).toBeUndefined();
  });

  test('ended before the queue: abandoned in the IVR during hours, out of hours when closed', () => {
    expect(foldAll(observationsOf('abandoned-in-ivr'))).toMatchObject({
      outcome: 'abandoned_in_ivr',
      lineOpen: true,
    });
    // Tagged lineOpen=false by the flow.
    expect(foldAll(observationsOf('out-of-hours'))).toMatchObject({
      outcome: 'out_of_hours',
      lineOpenTag: false,
    });
    // Without a tag, the configured hours decide: Saturday 21:40 Paris is closed.
    const untagged = observationsOf('out-of-hours').map(({ lineOpenTag: _tag, ...rest }) => rest);
    expect(foldAll(untagged)).toMatchObject({ outcome: 'out_of_hours', lineOpen: false });
  });

  test('no outcome before a disconnect is known', () => {
    const [initiated, queued] = observationsOf('answered').filter((o) =>
      ['INITIATED', 'QUEUED'].includes(o.eventType),
    );
    const call = foldAll([defined(initiated, 'INITIATED'), defined(queued, 'QUEUED')]);
    expect(call?.outcome).toBeUndefined();
    expect(call?.metricsEmitted).toBeUndefined();
  });

  test('a start recorded by call-intake later than Connect initiation is replaced by the earlier one', () => {
    const intake: CallRecord = {
      contactId: '5f1c2a7e-0b8e-4a3a-9c63-2f6f4c1e9a01',
      initiatedAt: '2026-03-10T09:15:02.000Z',
      revision: 1,
    };
    const [initiated] = observationsOf('answered');
    expect(foldObservation(intake, defined(initiated, 'INITIATED'), context).initiatedAt).toBe(
      '2026-03-10T09:15:00.000Z',
    );
  });
});

describe('foldObservation is order- and duplicate-independent', () => {
  test.each(SCENARIOS)('%s: any shuffle with duplicates gives the same record', (scenario) => {
    const observations = observationsOf(scenario);
    const expected = foldAll(observations);
    // Every event at least once, plus up to two duplicates of each, in any order.
    const sequences = fc
      .array(fc.constantFrom(...observations), { maxLength: observations.length * 2 })
      .chain((duplicates) => {
        const all = [...observations, ...duplicates];
        return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
      });
    fc.assert(
      fc.property(sequences, (sequence) => {
        expect(foldAll(sequence)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('emitCallMetrics', () => {
  test('an answered call: received, answered, wait and talk', () => {
    const sink = recordingMetricSink();
    emitCallMetrics(defined(foldAll(observationsOf('answered')), 'answered call'), sink);
    expect(sink.recorded).toEqual([
      { key: 'callsReceived', value: 1, dimensions: {} },
      { key: 'callsAnswered', value: 1, dimensions: {} },
      { key: 'waitSeconds', value: 45, dimensions: {} },
      { key: 'talkSeconds', value: 880, dimensions: {} },
    ]);
  });

  test('an out-of-hours call carries its Paris hour', () => {
    const sink = recordingMetricSink();
    emitCallMetrics(defined(foldAll(observationsOf('out-of-hours')), 'out-of-hours call'), sink);
    expect(sink.recorded).toEqual([
      { key: 'callsReceived', value: 1, dimensions: {} },
      { key: 'callsOutOfHours', value: 1, dimensions: { hour: '21' } },
    ]);
  });
});
