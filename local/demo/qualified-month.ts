import { daysOfMonth, type ReportMonth } from '../../functions/monthly-report/period';
import { createLocalCallRunner } from '../flow-interpreter/local-call';
import { invokeFunction } from '../runtime/lambda-runtime';
import type { LineDescription } from '../runtime/line-description';
import { sweepPlayedMonth } from './sweep-month';

/**
 * A seeded month of qualified calls, the same on every machine: calls through the flow interpreter
 * (real call-intake and contact-events), then qualify-call with what the listener's guide would submit.
 */

/** A small deterministic PRNG (mulberry32), so a seeded month is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Choices with their relative weights. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** One of `choices`, drawn in proportion to its weight. */
export function pick<T>(random: () => number, choices: Weighted<T>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

/** The communes callers most often come from in the seed (INSEE codes), with a long tail. */
const SEED_COMMUNES: Weighted<string> = [
  ['94028', 14],
  ['94081', 12],
  ['94068', 8],
  ['94033', 6],
  ['94080', 5],
  ['94002', 5],
  ['94046', 4],
  ['94041', 3],
  ['94017', 2],
  ['94052', 1],
  ['outside94', 3],
  ['unknown', 4],
];

/** What the listener's guide would submit for one answered call (a real-shaped guide event). */
export function seededQualification(random: () => number): Record<string, string | string[]> {
  const callType = pick(random, [
    ['real', 85],
    ['silent', 7],
    ['wrongNumber', 6],
    ['abusive', 2],
  ]);
  if (callType !== 'real') return { callType };
  const several = (choices: Weighted<string>, max: number) => {
    const chosen = new Set<string>();
    const count = 1 + Math.floor(random() * max);
    for (let n = 0; n < count; n += 1) chosen.add(pick(random, choices));
    return [...chosen];
  };
  const partnerCallback = pick(random, [
    ['none', 70],
    ['cidff94', 14],
    ['apcars94', 6],
    ['apce94', 4],
  ]);
  return {
    callType,
    callerRole: pick(random, [
      ['victim', 70],
      ['closeOne', 20],
      ['professional', 10],
    ]),
    gender: pick(random, [
      ['woman', 82],
      ['man', 12],
      ['other', 1],
      ['unknown', 5],
    ]),
    ageBand: [
      pick(random, [
        ['18-25', 14],
        ['26-35', 28],
        ['36-50', 34],
        ['51-65', 14],
        ['65+', 4],
        ['unknown', 6],
      ]),
    ],
    commune: [pick(random, SEED_COMMUNES)],
    violenceTypes: several(
      [
        ['psychological', 40],
        ['physical', 25],
        ['verbal', 20],
        ['economic', 8],
        ['sexual', 5],
        ['administrative', 4],
        ['cyber', 4],
      ],
      3,
    ),
    childrenExposed: pick(random, [
      ['yes', 45],
      ['no', 40],
      ['unknown', 15],
    ]),
    firstCall: pick(random, [
      ['first', 70],
      ['returning', 30],
    ]),
    orientations: several(
      [
        ['cidff94', 25],
        ['line3919', 20],
        ['eds', 15],
        ['police17', 12],
        ['apcars94', 8],
        ['lawyer', 8],
        ['health', 6],
        ['shelter115', 4],
        ['apce94', 4],
        ['other', 3],
      ],
      2,
    ),
    partnerCallback,
    // Fictional numbers (ARCEP range reserved for fiction); the callback path gets them, never the call.
    ...(partnerCallback === 'none'
      ? {}
      : {
          callbackPhone: `06 39 98 ${String(10 + Math.floor(random() * 89))} ${String(10 + Math.floor(random() * 89))}`,
          callbackSafeToCall: 'yes',
          callbackMayLeaveMessage: pick(random, [
            ['yes', 1],
            ['no', 2],
          ]),
          callbackSafeWindows: ['weekday-morning', 'weekday-afternoon'],
        }),
  };
}

/** The ContactFlowEvent the guide flow sends to qualify-call (the guide is a chat contact of its own). */
export function guideEvent(callContactId: string, fields: Record<string, unknown>): unknown {
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

export interface PlayedMonth {
  readonly calls: number;
  readonly qualified: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/**
 * Plays `count` calls spread over the month's days through the flow interpreter (real call-intake and
 * contact-events), then, for each answered call, qualify-call with what the listener would submit,
 * and last the sweep over the month, so every call has its statistics item.
 * The line's env must already be applied to process.env.
 */
export async function playQualifiedMonth(
  line: Pick<LineDescription, 'env' | 'resources' | 'templates'>,
  month: ReportMonth,
  count: number,
  onProgress: (message: string) => void = () => {},
): Promise<PlayedMonth> {
  const runner = createLocalCallRunner(line, { templates: line.templates });
  const random = seededRandom(Number(month.replace('-', '')));
  const days = daysOfMonth(month);
  const outcomes: Record<string, number> = {};
  let qualified = 0;
  for (let index = 0; index < count; index += 1) {
    const day = days[Math.floor(random() * days.length)] as string;
    // Mostly weekday office hours; some evening and week-end calls find the line closed.
    const hour = pick(random, [
      [9, 10],
      [10, 14],
      [11, 14],
      [12, 8],
      [13, 10],
      [14, 14],
      [15, 12],
      [16, 10],
      [19, 3],
      [21, 2],
    ]);
    const at = new Date(
      `${day}T${String(hour - 1).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`,
    );
    const behaviour = pick(random, [
      ['answered', 80],
      ['missed', 10],
      ['ivr', 4],
      ['nobody', 6],
    ]);
    const transcript = await runner.run({
      at,
      staffed: behaviour === 'nobody' ? 0 : 2,
      keys: ['-'],
      answerAfterSeconds: 10 + Math.floor(random() * 240),
      talkSeconds: 240 + Math.floor(random() * 1_500),
      ...(behaviour === 'missed'
        ? { patienceSeconds: 5 + Math.floor(random() * 8), answerAfterSeconds: 400 }
        : {}),
      ...(behaviour === 'ivr' ? { hangUpAfter: { prompts: 1 } } : {}),
    });
    outcomes[transcript.outcome] = (outcomes[transcript.outcome] ?? 0) + 1;
    if (transcript.outcome === 'answered') {
      const result = await invokeFunction<{ status: string }>(
        'qualify-call',
        guideEvent(transcript.contactId, seededQualification(random)),
        { functionConfig: line.resources.functions['qualify-call'] },
      );
      if (result.ok && result.result.status === 'stored') qualified += 1;
    }
    if ((index + 1) % 20 === 0 || index + 1 === count) onProgress(`  ${index + 1}/${count} appels joués`);
  }
  // Qualified calls moved at qualification; the rest move as the daily sweep would a week later.
  await sweepPlayedMonth(line, month);
  return { calls: count, qualified, outcomes };
}
