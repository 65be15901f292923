import fc from 'fast-check';
import { parseContactEvent } from '../../../events/schemas/contact-event';
import { EventParseError, NotAContactEventError } from '../../../events/schemas/errors';
import { listSamples, readSample } from './sample-events';

const answeredDisconnected = () =>
  readSample('contact-events/answered/disconnected.json') as Record<string, unknown>;

/** Recursively re-cases every key with `recase`, keeping values. */
function recaseKeys(value: unknown, recase: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => recaseKeys(item, recase));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [recase(key), recaseKeys(inner, recase)]),
  );
}

describe('parseContactEvent on the samples', () => {
  test.each(listSamples('contact-events'))('%s parses', (sample) => {
    // Prepare / act
    const result = parseContactEvent(readSample(sample));
    // Assess: every sample of our inbound scenarios is tracked; AWS's own are tracked or knowingly ignored.
    if (!sample.includes('aws-published')) {
      expect(result.kind).toBe('tracked');
    }
    expect(result.kind === 'tracked' ? result.observation.contactId : result.contactId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  test("AWS's PascalCase sample (InstanceARN, AgentInfo, channel Voice) is a tracked voice call", () => {
    const result = parseContactEvent(
      readSample('contact-events/aws-published/connected-to-agent-pascal-case.json'),
    );
    expect(result).toMatchObject({
      kind: 'tracked',
      observation: {
        eventType: 'CONNECTED_TO_AGENT',
        channel: 'VOICE',
        instanceArn: 'arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012',
      },
    });
  });

  test("AWS's routing-criteria sample reads ConnectedToAgentTimestamp and EnqueueTimestamp", () => {
    const result = parseContactEvent(
      readSample('contact-events/aws-published/connected-to-agent-routing-criteria.json'),
    );
    expect(result).toMatchObject({
      kind: 'tracked',
      observation: { enqueuedAt: '2021-08-04T17:29:04.000Z', connectedToAgentAt: '2021-08-04T17:29:09.000Z' },
    });
  });

  test('the "AgentInfo"/"AgentArn" casing of the published DISCONNECTED sample is read', () => {
    const result = parseContactEvent(readSample('contact-events/answered/disconnected.json'));
    expect(result).toMatchObject({
      kind: 'tracked',
      observation: {
        connectedToAgentAt: '2026-03-10T09:16:25.000Z',
        disconnectedAt: '2026-03-10T09:31:05.000Z',
      },
    });
  });

  test('outbound contacts, chats and CONTACT_DATA_UPDATED are ignored with a reason', () => {
    expect(
      parseContactEvent(readSample('contact-events/aws-published/disconnected-outbound.json')),
    ).toMatchObject({
      kind: 'ignored',
      reason: 'initiation method OUTBOUND is not an inbound call',
    });
    expect(
      parseContactEvent(readSample('contact-events/aws-published/contact-data-updated-chat.json')),
    ).toMatchObject({
      kind: 'ignored',
      eventType: 'CONTACT_DATA_UPDATED',
    });
  });
});

describe('parseContactEvent tolerance', () => {
  test('any casing of the keys gives the same observation', () => {
    const expected = parseContactEvent(answeredDisconnected());
    fc.assert(
      fc.property(fc.func(fc.constantFrom('lower', 'upper', 'pascal', 'asis')), (pick) => {
        const recased = recaseKeys(answeredDisconnected(), (key) => {
          const style = pick(key);
          if (style === 'lower') return key.toLowerCase();
          if (style === 'upper') return key.toUpperCase();
          if (style === 'pascal') return key.charAt(0).toUpperCase() + key.slice(1);
          return key;
        });
        expect(parseContactEvent(recased)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  test.each(['VOICE', 'Voice', 'voice'])('channel %s is a call', (channel) => {
    const event = answeredDisconnected();
    (event.detail as Record<string, unknown>).channel = channel;
    expect(parseContactEvent(event)).toMatchObject({ kind: 'tracked', observation: { channel: 'VOICE' } });
  });

  test('unknown fields are ignored and unknown event types give "ignored"', () => {
    const event = answeredDisconnected();
    Object.assign(event, { newEnvelopeField: { nested: [1, 2] } });
    Object.assign(event.detail as object, { brandNewField: 'x', contactLens: { enabled: true } });
    expect(parseContactEvent(event).kind).toBe('tracked');
    (event.detail as Record<string, unknown>).eventType = 'SOMETHING_NEW_IN_2030';
    (event.detail as Record<string, unknown>).disconnectTimestamp = 42;
    expect(parseContactEvent(event)).toMatchObject({ kind: 'ignored', eventType: 'SOMETHING_NEW_IN_2030' });
  });

  test("Connect's epoch placeholders count as absent timestamps", () => {
    const event = readSample('contact-events/answered/queued.json') as { detail: Record<string, unknown> };
    event.detail.agentInfo = { agentArn: 'arn', connectedToAgentTimestamp: '1970-01-01T00:00:00.001Z' };
    const result = parseContactEvent(event);
    expect(result.kind === 'tracked' && result.observation.connectedToAgentAt).toBeUndefined();
  });

  test('the lineOpen tag is read from tags', () => {
    const result = parseContactEvent(readSample('contact-events/out-of-hours/disconnected.json'));
    expect(result).toMatchObject({ kind: 'tracked', observation: { lineOpenTag: false } });
  });
});

describe('parseContactEvent rejects what is not a contact event', () => {
  const planted = '+33612345678';
  test.each([
    ['null', null],
    ['a string', 'DISCONNECTED'],
    ['an array', [1, 2]],
    ['an empty object', {}],
    [
      'an S3 event',
      { source: 'aws.s3', 'detail-type': 'Object Created', detail: { bucket: { name: planted } } },
    ],
    [
      'a contact event without contactId',
      {
        source: 'aws.connect',
        'detail-type': 'Amazon Connect Contact Event',
        detail: { eventType: 'QUEUED' },
      },
    ],
    [
      'a tracked event with a garbled timestamp',
      {
        source: 'aws.connect',
        'detail-type': 'Amazon Connect Contact Event',
        detail: { eventType: 'DISCONNECTED', contactId: 'c-1', disconnectTimestamp: planted },
      },
    ],
  ])('%s', (_label, input) => {
    let thrown: unknown;
    try {
      parseContactEvent(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotAContactEventError);
    expect(thrown).toBeInstanceOf(EventParseError);
    expect((thrown as Error).message).toMatch(/^Amazon Connect Contact Event: /);
    // The message names fields, never quotes values (a payload may carry a phone number).
    expect((thrown as Error).message).not.toContain(planted);
  });
});
