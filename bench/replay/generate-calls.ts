import type { CallOutcome } from '#domain/call-record';
import { TALK_ROUNDING_SECONDS, WAIT_ROUNDING_SECONDS } from '#domain/call-statistics';
import { validateQualification } from '#domain/qualification/validate';
import { isLineOpen, type LineHours } from '#domain/time/line-hours';
import { parisDay, parisHour } from '#domain/time/paris-time';
import { pick, seededQualification, seededRandom, type Weighted } from '../../local/demo/qualified-month';

/**
 * A seeded year (or month) of calls for the replay: when they start (hours, weekdays, holidays), how
 * they end, and what the listener qualifies. Each call carries what the generator intends the tables to
 * hold, and the deliveries that should produce it: call-intake, ~7 contact events (20% of them twice,
 * as EventBridge may deliver), and qualify-call, each at the instant it would happen.
 */

/** What the tables should hold for one call once the replay (and the sweep) has run. */
export interface IntendedCall {
  readonly contactId: string;
  readonly day: string;
  readonly hour: number;
  readonly outcome: CallOutcome;
  readonly waitSeconds?: number;
  readonly talkSeconds?: number;
  /** The qualification as qualify-call stores it, or undefined when the listener never qualified. */
  readonly qualification?: unknown;
}

export type ReplayFunction = 'call-intake' | 'contact-events' | 'qualify-call';

/** One invocation of a real handler, at the instant the line would make it. */
export interface Delivery {
  readonly fn: ReplayFunction;
  /** Epoch ms the event happens (before shuffling). */
  readonly at: number;
  readonly event: unknown;
}

export interface GeneratedCall {
  readonly intended: IntendedCall;
  readonly deliveries: readonly Delivery[];
}

export interface GenerationSettings {
  /** Share of contact events delivered twice. @default 0.2 */
  readonly duplicateShare?: number;
  /** The line's configured hours: calls outside them are out of hours. */
  readonly hours: LineHours;
  /** Ids of the replay's contacts start with this, so a shared table can tell them apart. */
  readonly idPrefix: string;
}

/** Paris hour of day of a call: the 3919's curve, busiest 9–19, a tail through the evening and night. */
const HOUR_WEIGHTS: Weighted<number> = [
  [0, 1],
  [1, 1],
  [2, 0.5],
  [3, 0.5],
  [4, 0.5],
  [5, 0.5],
  [6, 1],
  [7, 2],
  [8, 4],
  [9, 8],
  [10, 10],
  [11, 10],
  [12, 7],
  [13, 8],
  [14, 10],
  [15, 10],
  [16, 9],
  [17, 8],
  [18, 6],
  [19, 4],
  [20, 3],
  [21, 3],
  [22, 2],
  [23, 1.5],
];

/** Calls per weekday (0 = Sunday), Monday the busiest, as helplines report. */
const WEEKDAY_WEIGHTS = [0.55, 1.25, 1.1, 1.05, 1.0, 0.95, 0.6];

/** Days of `period` (a `YYYY` year or a `YYYY-MM` month), as Paris dates. */
export function daysOf(period: string): string[] {
  const [year, month] = period.split('-').map(Number) as [number, number | undefined];
  const first = Date.UTC(year, month === undefined ? 0 : month - 1, 1);
  const end = month === undefined ? Date.UTC(year + 1, 0, 1) : Date.UTC(year, month, 1);
  const days: string[] = [];
  for (let at = first; at < end; at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** How many calls each day gets: `total` spread by weekday weight (holidays get a Sunday's), exactly. */
export function callsPerDay(days: readonly string[], total: number, hours: LineHours): number[] {
  const weights = days.map((day) => {
    const noon = `${day}T11:00:00.000Z`;
    const weekday = new Date(noon).getUTCDay();
    const holiday = !isLineOpen(noon, hours) && weekday !== 0 && weekday !== 6;
    return holiday ? (WEEKDAY_WEIGHTS[0] ?? 1) : (WEEKDAY_WEIGHTS[weekday] ?? 1);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((weight) => Math.floor((weight / sum) * total));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let index = 0; missing > 0; index = (index + 1) % counts.length, missing -= 1) {
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

const iso = (ms: number) => new Date(ms).toISOString();
const INSTANCE_ARN =
  'arn:aws:connect:eu-central-1:111122223333:instance/0d4a9c1e-5b7f-4e2a-8c3d-9f1e2a3b4c5d';
const QUEUE_ARN = `${INSTANCE_ARN}/queue/7a1e9f3c-2d4b-4c6a-8e0f-1b2c3d4e5f60`;
const AGENT_ARN = `${INSTANCE_ARN}/agent/3c9d1e2f-4a5b-4c6d-8e7f-a0b1c2d3e4f5`;

interface CallTimes {
  readonly initiated: number;
  readonly lineOpen: boolean;
  readonly enqueued?: number;
  readonly connected?: number;
  readonly disconnected: number;
  readonly completed: number;
}

/** A real-shaped EventBridge contact event; each carries what Connect knows of the call so far. */
function contactEvent(contactId: string, eventType: string, at: number, times: CallTimes, seq: number) {
  const known = (instant: number | undefined) => instant !== undefined && instant <= at;
  const ended = eventType === 'DISCONNECTED' || eventType === 'COMPLETED';
  return {
    version: '0',
    id: `${contactId.slice(0, 24)}${String(seq).padStart(12, '0')}`,
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: '111122223333',
    time: iso(at).replace(/\.\d{3}Z$/, 'Z'),
    region: 'eu-central-1',
    resources: [INSTANCE_ARN, `${INSTANCE_ARN}/contact/${contactId}`],
    detail: {
      eventType,
      contactId,
      initialContactId: contactId,
      channel: 'VOICE',
      instanceArn: INSTANCE_ARN,
      initiationMethod: 'INBOUND',
      initiationTimestamp: iso(times.initiated),
      ...(ended ? { disconnectTimestamp: iso(times.disconnected) } : {}),
      ...(known(times.enqueued)
        ? {
            queueInfo: {
              queueArn: QUEUE_ARN,
              queueType: 'STANDARD',
              enqueueTimestamp: iso(times.enqueued as number),
            },
          }
        : {}),
      ...(known(times.connected)
        ? { agentInfo: { agentArn: AGENT_ARN, connectedToAgentTimestamp: iso(times.connected as number) } }
        : {}),
      // The main flow tags the contact after its hours check; INITIATED comes before the flow runs.
      tags: {
        'aws:connect:instanceId': '0d4a9c1e-5b7f-4e2a-8c3d-9f1e2a3b4c5d',
        ...(eventType === 'INITIATED' ? {} : { lineOpen: String(times.lineOpen) }),
      },
    },
  };
}

function intakeEvent(contactId: string) {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: contactId,
        InitialContactId: contactId,
        Channel: 'VOICE',
        InitiationMethod: 'INBOUND',
        InstanceARN: INSTANCE_ARN,
        Attributes: {},
      },
      Parameters: {},
    },
  };
}

function guideEvent(callContactId: string, fields: Record<string, unknown>) {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: `guide-${callContactId}`,
        Channel: 'CHAT',
        InitiationMethod: 'FLOW',
        Attributes: { callContactId },
        SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Guide' } },
      },
      Parameters: { callContactId, ...fields },
    },
  };
}

const seconds = (from: number, to: number) => Math.round((to - from) / 1000);

/**
 * Generates the calls of one day, in start order. `random` is the replay's one seeded source, so
 * the same seed gives the same year.
 */
export function generateDay(
  day: string,
  count: number,
  random: () => number,
  settings: GenerationSettings,
  firstIndex: number,
): GeneratedCall[] {
  const duplicateShare = settings.duplicateShare ?? 0.2;
  const calls: GeneratedCall[] = [];
  const noon = Date.parse(`${day}T12:00:00.000Z`);
  // Paris is UTC+1 or UTC+2: its offset at noon places the day's Paris midnight.
  const parisMidnight = noon - 12 * 3_600_000 - (parisHour(iso(noon)) - 12) * 3_600_000;
  for (let n = 0; n < count; n += 1) {
    const index = firstIndex + n;
    const contactId = `${settings.idPrefix}${String(index).padStart(8, '0')}-${Math.floor(random() * 1e9)}`;
    // The intended day and hour are read back in Paris time below (a DST night may shift one).
    const initiated =
      parisMidnight + pick(random, HOUR_WEIGHTS) * 3_600_000 + Math.floor(random() * 3_600) * 1000;
    const lineOpen = isLineOpen(iso(initiated), settings.hours);
    const kind: CallOutcome = lineOpen
      ? pick(random, [
          ['answered', 78],
          ['missed_in_queue', 13],
          ['abandoned_in_ivr', 9],
        ])
      : 'out_of_hours';
    const flowEnd = initiated + (20 + Math.floor(random() * 40)) * 1000;
    let times: CallTimes;
    if (kind === 'answered') {
      const enqueued = flowEnd;
      const connected = enqueued + (5 + Math.floor(random() * 300)) * 1000;
      const disconnected = connected + (60 + Math.floor(random() * 2_400)) * 1000;
      times = {
        initiated,
        lineOpen,
        enqueued,
        connected,
        disconnected,
        completed: disconnected + (30 + Math.floor(random() * 240)) * 1000,
      };
    } else if (kind === 'missed_in_queue') {
      const disconnected = flowEnd + (10 + Math.floor(random() * 600)) * 1000;
      times = { initiated, lineOpen, enqueued: flowEnd, disconnected, completed: disconnected + 1000 };
    } else {
      const disconnected = initiated + (5 + Math.floor(random() * 50)) * 1000;
      times = { initiated, lineOpen, disconnected, completed: disconnected + 1000 };
    }
    const eventTimes: [string, number][] = [
      ['INITIATED', initiated],
      // The flow sets the lineOpen tag, then updates attributes: contact data updates, ignored by the line.
      ['CONTACT_DATA_UPDATED', initiated + 2_000],
      ...(times.enqueued === undefined ? [] : ([['QUEUED', times.enqueued]] as [string, number][])),
      ...(times.connected === undefined
        ? []
        : ([
            ['CONNECTED_TO_AGENT', times.connected],
            ['CONTACT_DATA_UPDATED', times.connected + 1_000],
          ] as [string, number][])),
      ['DISCONNECTED', times.disconnected],
      ['COMPLETED', times.completed],
    ];
    const deliveries: Delivery[] = [
      { fn: 'call-intake', at: initiated + 1_000, event: intakeEvent(contactId) },
    ];
    eventTimes.forEach(([eventType, at], seq) => {
      const event = contactEvent(contactId, eventType, at, times, seq);
      deliveries.push({ fn: 'contact-events', at, event });
      // At-least-once: the same event (same id) again, up to a couple of minutes later.
      if (random() < duplicateShare) {
        deliveries.push({ fn: 'contact-events', at: at + Math.floor(random() * 120_000), event });
      }
    });
    let qualification: unknown;
    // Most answered calls are qualified by the listener, during the talk or in after-call work.
    if (kind === 'answered' && random() < 0.9) {
      const fields = seededQualification(random);
      const validation = validateQualification(fields);
      if (validation.ok) {
        qualification = validation.qualification;
        const at = (times.disconnected as number) + Math.floor(random() * 60_000) - 30_000;
        deliveries.push({ fn: 'qualify-call', at, event: guideEvent(contactId, fields) });
      }
    }
    const { enqueued, connected, disconnected } = times;
    calls.push({
      intended: {
        contactId,
        day: parisDay(iso(initiated)),
        hour: parisHour(iso(initiated)),
        outcome: kind,
        ...(kind === 'answered'
          ? {
              waitSeconds: seconds(enqueued as number, connected as number),
              talkSeconds: seconds(connected as number, disconnected),
            }
          : kind === 'missed_in_queue'
            ? { waitSeconds: seconds(enqueued as number, disconnected) }
            : {}),
        ...(qualification === undefined ? {} : { qualification }),
      },
      deliveries,
    });
  }
  return calls;
}

/**
 * Orders deliveries as they would arrive: by instant, each shifted by a random delay of up to
 * `windowMs`, so events of a call (and of its neighbours) arrive out of order within a few minutes.
 */
export function arrivalOrder(
  deliveries: readonly Delivery[],
  random: () => number,
  windowMs = 180_000,
): Delivery[] {
  return deliveries
    .map((delivery) => ({ delivery, key: delivery.at + random() * windowMs }))
    .sort((a, b) => a.key - b.key)
    .map(({ delivery }) => delivery);
}

/** The statistics item the report should find for a call (rounded as domain/call-statistics.ts says). */
export function intendedStatistics(call: IntendedCall): string {
  const round = (value: number | undefined, step: number) =>
    value === undefined ? undefined : Math.round(value / step) * step;
  return canonical({
    day: call.day,
    hour: call.hour,
    outcome: call.outcome,
    waitSeconds: round(call.waitSeconds, WAIT_ROUNDING_SECONDS),
    talkSeconds: round(call.talkSeconds, TALK_ROUNDING_SECONDS),
    qualification: call.qualification,
  });
}

/** JSON with sorted keys and no undefined, so equal facts compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

export { seededRandom };
