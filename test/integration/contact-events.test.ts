import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { lineClients, withLocalLine } from '../support/local-line';
import { defined, listSamples, readSample } from '../unit/events/sample-events';

// The line's env must be applied before any handler or shared client module loads.
const line = withLocalLine();
const { invokeFunction } =
  require('../../local/runtime/lambda-runtime') as typeof import('../../local/runtime/lambda-runtime');
const { captureStdout } =
  require('../../local/runtime/metrics-sink') as typeof import('../../local/runtime/metrics-sink');
const { parseCallRecord } = require('#domain/call-record') as typeof import('#domain/call-record');

const clients = lineClients(line);
afterAll(() => clients.destroy());

const SCENARIOS = {
  answered: { outcome: 'answered', waitSeconds: 45, talkSeconds: 880, metric: 'CallsAnswered' },
  'missed-in-queue': { outcome: 'missed_in_queue', waitSeconds: 155, metric: 'CallsMissedInQueue' },
  'abandoned-in-ivr': { outcome: 'abandoned_in_ivr', metric: 'CallsAbandonedInIvr' },
  'out-of-hours': { outcome: 'out_of_hours', metric: 'CallsOutOfHours' },
} as const;
type Scenario = keyof typeof SCENARIOS;

/**
 * The samples are dated March 2026, and a call item expires 14 days after its call: DynamoDB Local's
 * TTL would delete it during the test. Every timestamp moves forward by whole weeks (same weekday and
 * Paris time) to the last week before now.
 */
const WEEK_MS = 7 * 86_400_000;
const SAMPLE_SHIFT_MS =
  Math.floor((Date.now() - Date.parse('2026-03-11T00:00:00Z')) / WEEK_MS) * WEEK_MS - WEEK_MS;
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
const shifted = (instant: string) => new Date(Date.parse(instant) + SAMPLE_SHIFT_MS).toISOString();

/** Rewrites the sample's contact id, whatever the key casing, to `contactId`, and moves its timestamps. */
function withContactId<T>(event: T, sampleId: string, contactId: string): T {
  return JSON.parse(JSON.stringify(event).replaceAll(sampleId, contactId).replace(ISO_INSTANT, shifted)) as T;
}

/** The scenario's contact events and its call-intake invocation, all re-keyed to a fresh call. */
function scenarioSteps(scenario: Scenario): { contactId: string; steps: { fn: string; event: unknown }[] } {
  const contactId = randomUUID();
  const events = listSamples(`contact-events/${scenario}`).map(
    (sample) => readSample(sample) as { detail: { contactId: string } },
  );
  const sampleId = defined(events[0], 'first event').detail.contactId;
  const intake = readSample('contact-flow/call-intake.json') as {
    Details: { ContactData: { ContactId: string } };
  };
  intake.Details.ContactData.ContactId = contactId;
  return {
    contactId,
    steps: [
      ...events.map((event) => ({ fn: 'contact-events', event: withContactId(event, sampleId, contactId) })),
      { fn: 'call-intake', event: intake },
    ],
  };
}

async function readCall(contactId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await clients.dynamo.send(
    new GetCommand({ TableName: line.env.CALLS_TABLE_NAME, Key: { contactId }, ConsistentRead: true }),
  );
  return Item;
}

/** The call's facts: everything but its id, call-intake's own clock and the concurrency counter. */
async function callFacts(contactId: string): Promise<Record<string, unknown>> {
  const {
    contactId: _id,
    intakeAt: _intakeAt,
    revision: _revision,
    ...facts
  } = parseCallRecord(await readCall(contactId));
  return facts;
}

async function invokeOk(fn: string, event: unknown): Promise<unknown> {
  const invocation = await invokeFunction(fn, event, { functionConfig: line.resources.functions[fn] });
  if (!invocation.ok) throw new Error(`${fn} failed: ${invocation.error.name}: ${invocation.error.message}`);
  return invocation.result;
}

describe('contact-events on the local line', () => {
  test.each(Object.keys(SCENARIOS) as Scenario[])(
    '%s: the events in order give the expected record',
    async (scenario) => {
      const { contactId, steps } = scenarioSteps(scenario);
      const capture = captureStdout(undefined, { logs: 'drop' });
      try {
        for (const step of steps) await invokeOk(step.fn, step.event);
      } finally {
        capture.restore();
      }

      const record = parseCallRecord(await readCall(contactId));
      const { metric: _metric, ...expected } = SCENARIOS[scenario];
      expect(record).toMatchObject({ ...expected, metricsEmitted: true, channel: 'VOICE' });
      // Nothing derived from the calling number is kept, and an unqualified call keeps its item for now.
      expect(record).not.toHaveProperty('callerKey');
      expect(record.statisticsMovedAt).toBeUndefined();
      // Connect's initiation, not call-intake's later clock, is the start of the call.
      const initiated = readSample(`contact-events/${scenario}/initiated.json`) as {
        detail: { initiationTimestamp: string };
      };
      expect(record.initiatedAt).toBe(shifted(initiated.detail.initiationTimestamp));
      expect(record.day).toBe(parisDayOf(record.initiatedAt));
      expect(capture.sink.sum('CallsReceived')).toBe(1);
      expect(capture.sink.sum(SCENARIOS[scenario].metric)).toBe(1);
      if ('waitSeconds' in expected) expect(capture.sink.sum('WaitSeconds')).toBe(expected.waitSeconds);
    },
  );

  test.each(Object.keys(SCENARIOS) as Scenario[])(
    '%s: shuffled and duplicated deliveries give the identical record, and metrics once',
    async (scenario) => {
      const reference = scenarioSteps(scenario);
      for (const step of reference.steps) await invokeOk(step.fn, step.event);
      const expected = await callFacts(reference.contactId);

      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat({ max: reference.steps.length - 1 }), { maxLength: reference.steps.length }),
          fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
          async (duplicates, shuffleKeys) => {
            const { contactId, steps } = scenarioSteps(scenario);
            const sequence = [...steps, ...duplicates.map((index) => defined(steps[index], 'step'))]
              .map((step) => ({ step, key: shuffleKeys.next().value as number }))
              .sort((a, b) => a.key - b.key)
              .map(({ step }) => step);
            const capture = captureStdout(undefined, { logs: 'drop' });
            try {
              for (const step of sequence) await invokeOk(step.fn, step.event);
            } finally {
              capture.restore();
            }
            expect(await callFacts(contactId)).toEqual(expected);
            expect(capture.sink.sum('CallsReceived')).toBe(1);
          },
        ),
        { numRuns: 6, seed: 94 },
      );
    },
  );

  test('concurrent deliveries of every event, twice, converge on the same record with metrics once', async () => {
    const reference = scenarioSteps('answered');
    for (const step of reference.steps) await invokeOk(step.fn, step.event);
    const expected = await callFacts(reference.contactId);

    const { contactId, steps } = scenarioSteps('answered');
    const capture = captureStdout(undefined, { logs: 'drop' });
    try {
      await Promise.all([...steps, ...steps].map((step) => invokeOk(step.fn, step.event)));
    } finally {
      capture.restore();
    }

    expect(await callFacts(contactId)).toEqual(expected);
    expect(capture.sink.sum('CallsReceived')).toBe(1);
    expect(capture.sink.sum('CallsAnswered')).toBe(1);
  });

  test('ignored event types and outbound contacts write nothing', async () => {
    const contactId = randomUUID();
    const updated = readSample('contact-events/aws-published/contact-data-updated-chat.json') as {
      detail: { contactId: string };
    };
    updated.detail.contactId = contactId;
    await expect(invokeOk('contact-events', updated)).resolves.toMatchObject({ status: 'ignored' });
    expect(await readCall(contactId)).toBeUndefined();
  });

  test.each([
    [
      'an S3 event',
      (contactId: string) => ({ source: 'aws.s3', 'detail-type': 'Object Created', detail: { contactId } }),
    ],
    [
      'a contact event with a garbled timestamp',
      (contactId: string) => ({
        source: 'aws.connect',
        'detail-type': 'Amazon Connect Contact Event',
        detail: { eventType: 'DISCONNECTED', contactId, disconnectTimestamp: 'half past nine' },
      }),
    ],
    [
      'a contact event without its detail',
      () => ({ source: 'aws.connect', 'detail-type': 'Amazon Connect Contact Event' }),
    ],
  ])('%s is rejected with a clear error and nothing written', async (_label, makeEvent) => {
    const contactId = randomUUID();
    const invocation = await invokeFunction('contact-events', makeEvent(contactId));
    expect(invocation.ok).toBe(false);
    if (!invocation.ok) {
      expect(invocation.error.name).toBe('NotAContactEventError');
      expect(invocation.error.message).toMatch(/^Amazon Connect Contact Event: /);
    }
    expect(await readCall(contactId)).toBeUndefined();
  });
});

function parisDayOf(instant: string | undefined): string {
  const { parisDay } = require('#domain/time/paris-time') as typeof import('#domain/time/paris-time');
  return parisDay(instant ?? '');
}
