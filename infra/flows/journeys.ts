import type { CALLER_PROMPTS } from '#domain/texts/caller-prompts';

/**
 * The caller journeys of the line, as data: one source for the `AWS::Connect::TestCase` resources that
 * CDK deploys (infra/flows/testing/test-case-content.ts) and for the local executor that runs the same
 * test cases through the interpreter (local/flow-interpreter/test-case-runner.ts). Each journey is the
 * ordered list of what the caller hears and keys, which Lambdas the flows invoke, and whether the call
 * reaches the listeners' queue; every one hears 17, 114 and 39 19 before any queue.
 */

/** The Lambdas the contact flows invoke, by `functions/` folder. */
export type FlowFunctionName = 'call-intake' | 'request-callback';

/** A prompt of CALLER_PROMPTS that is a plain sentence, or `closed`, whose text depends on the stage's hours. */
export type HeardPrompt =
  | {
      [Key in keyof typeof CALLER_PROMPTS]: (typeof CALLER_PROMPTS)[Key] extends string ? Key : never;
    }[keyof typeof CALLER_PROMPTS]
  | 'closed';

/**
 * What a Lambda answers in the test: a mocked answer (so no side effect on a deployed line: a stored
 * callback request would have a listener call a test number), or a fault the flow must survive.
 * `error` makes Connect invoke a function it may not invoke; `timeout` answers after the time limit;
 * `invalid` answers with a value that is not a flat map of strings.
 */
export type LambdaAnswer =
  | { readonly mock: Readonly<Record<string, string>> }
  | { readonly fault: 'error' | 'timeout' | 'invalid' };

/** One step of a journey, in the order the caller lives it. */
export type JourneyStep =
  /** The caller hears this prompt (the observed message includes its text), then may key `press`. */
  | { readonly hear: HeardPrompt; readonly press?: string }
  /** A flow invokes this Lambda; without `answer` the real function answers. */
  | { readonly invokes: FlowFunctionName; readonly answer?: LambdaAnswer }
  /**
   * The main flow transfers the caller to the listeners' queue. `end-test`: the test stops there, so no
   * listener is ever rung. `wait`: the caller waits in queue (the customer queue flow plays).
   */
  | { readonly reachesQueue: 'end-test' | 'wait' };

/**
 * Staffing a journey needs on a deployed line, where a test case cannot set it (the testing language
 * documents no override of the staffing check): `irrelevant` when the hours are forced closed.
 */
export type JourneyStaffing = 'staffed' | 'nobody' | 'irrelevant';

export interface CallerJourney {
  /** Short stable id, also the test case name suffix and the local-run label. */
  readonly id: string;
  /** One sentence a reader of the verify table understands. */
  readonly title: string;
  /** The hours check answer, forced with a test hours of operation. */
  readonly hours: 'open' | 'closed';
  readonly staffing: JourneyStaffing;
  /** The simulated call on the local line. */
  readonly localCall: {
    /** When the call starts (ISO 8601 with offset). */
    readonly at: string;
    readonly staffedListeners: number;
    /** Seconds in queue before a staffed listener answers. @default the interpreter's */
    readonly answerAfterSeconds?: number;
  };
  readonly steps: readonly JourneyStep[];
}

const hear = (prompt: HeardPrompt, press?: string): JourneyStep =>
  press === undefined ? { hear: prompt } : { hear: prompt, press };
const invokes = (name: FlowFunctionName, answer?: LambdaAnswer): JourneyStep =>
  answer === undefined ? { invokes: name } : { invokes: name, answer };

const STORED: LambdaAnswer = { mock: { status: 'stored' } };
const INVALID_NUMBER: LambdaAnswer = { mock: { status: 'invalid_number' } };

const TUESDAY_10H = '2026-03-10T10:00:00+01:00';
const TUESDAY_EVENING = '2026-03-10T19:30:00+01:00';
const BASTILLE_DAY = '2026-07-14T10:00:00+02:00';
const WHIT_MONDAY = '2026-05-25T11:00:00+02:00';

/** Every call starts this way: the welcome, then the emergency numbers. */
const OPENING: readonly JourneyStep[] = [hear('welcome'), hear('emergencyNumbers')];
/** The closed line's announcement, the emergency numbers again, and the offer of a callback. */
const CLOSED: readonly JourneyStep[] = [hear('closed'), hear('emergencyNumbers')];
const GOODBYE: readonly JourneyStep[] = [hear('emergencyNumbers'), hear('goodbye')];

/** A closed-line call that asks for a callback, with the message and window answers given. */
function closedCallback(message: string, window: string, number: readonly JourneyStep[]): JourneyStep[] {
  return [
    ...OPENING,
    ...CLOSED,
    hear('offerCallback', '1'),
    hear('callbackIntro'),
    hear('askMessage', message),
    hear('askWindow', window),
    ...number,
  ];
}

const closed = (id: string, title: string, at: string, steps: readonly JourneyStep[]): CallerJourney => ({
  id,
  title,
  hours: 'closed',
  staffing: 'irrelevant',
  localCall: { at, staffedListeners: 2 },
  steps,
});

/** The journeys, each one test case. */
export const CALLER_JOURNEYS: readonly CallerJourney[] = [
  {
    id: 'open-staffed',
    title: 'Open and staffed: call-intake, welcome, emergency numbers, then the queue',
    hours: 'open',
    staffing: 'staffed',
    localCall: { at: TUESDAY_10H, staffedListeners: 2 },
    steps: [invokes('call-intake'), ...OPENING, { reachesQueue: 'end-test' }],
  },
  {
    id: 'open-staffed-intake-error',
    title: 'Open and staffed, call-intake fails: the caller still reaches the queue',
    hours: 'open',
    staffing: 'staffed',
    localCall: { at: TUESDAY_10H, staffedListeners: 1 },
    steps: [invokes('call-intake', { fault: 'error' }), ...OPENING, { reachesQueue: 'end-test' }],
  },
  {
    id: 'open-nobody',
    title: 'Open, nobody staffed: told so, emergency numbers, callback offered, no key',
    hours: 'open',
    staffing: 'nobody',
    localCall: { at: TUESDAY_10H, staffedListeners: 0 },
    steps: [...OPENING, hear('noListener'), hear('emergencyNumbers'), hear('offerCallback'), hear('goodbye')],
  },
  {
    id: 'open-nobody-callback',
    title: 'Open, nobody staffed: a callback to this number',
    hours: 'open',
    staffing: 'nobody',
    localCall: { at: TUESDAY_10H, staffedListeners: 0 },
    steps: [
      ...OPENING,
      hear('noListener'),
      hear('emergencyNumbers'),
      hear('offerCallback', '1'),
      hear('callbackIntro'),
      hear('askMessage', '1'),
      hear('askWindow', '1'),
      hear('askNumber', '1'),
      invokes('request-callback', STORED),
      hear('callbackStored'),
      ...GOODBYE,
    ],
  },
  {
    id: 'queued-press-1',
    title: 'In queue, the caller presses 1 and leaves a callback request instead of waiting',
    hours: 'open',
    staffing: 'staffed',
    localCall: { at: TUESDAY_10H, staffedListeners: 1, answerAfterSeconds: 900 },
    steps: [
      ...OPENING,
      { reachesQueue: 'wait' },
      hear('offerCallbackWhileQueued', '1'),
      hear('callbackIntro'),
      hear('askMessage', '1'),
      hear('askWindow', '2'),
      hear('askNumber', '1'),
      invokes('request-callback', STORED),
      hear('callbackStored'),
    ],
  },
  closed(
    'closed-evening',
    'Closed (weekday evening): hours, emergency numbers, no callback',
    TUESDAY_EVENING,
    [...OPENING, ...CLOSED, hear('offerCallback'), hear('goodbye')],
  ),
  closed('holiday', 'Public holiday (14 July): the closed message, emergency numbers', BASTILLE_DAY, [
    ...OPENING,
    ...CLOSED,
    hear('offerCallback'),
    hear('goodbye'),
  ]),
  closed('closed-callback-this-number', 'Closed: a callback to the calling number', TUESDAY_EVENING, [
    ...closedCallback('1', '2', [hear('askNumber', '1')]),
    invokes('request-callback', STORED),
    hear('callbackStored'),
    ...GOODBYE,
  ]),
  closed('closed-callback-other-number', 'Closed: a callback to another, keyed number', TUESDAY_EVENING, [
    ...closedCallback('2', '3', [hear('askNumber', '2'), hear('keyNumber', '0612345678#')]),
    invokes('request-callback', STORED),
    hear('callbackStored'),
    ...GOODBYE,
  ]),
  closed(
    'closed-invalid-number-twice',
    'Closed: an invalid keyed number twice, the request refused gently',
    TUESDAY_EVENING,
    [
      ...closedCallback('1', '1', [hear('askNumber', '2'), hear('keyNumber', '123#')]),
      invokes('request-callback', INVALID_NUMBER),
      hear('keyNumberAgain', '0712#'),
      invokes('request-callback', INVALID_NUMBER),
      hear('numberStillInvalid'),
      ...GOODBYE,
    ],
  ),
  closed(
    'closed-withheld-number',
    'Closed: the calling number is withheld, a keyed one is asked instead',
    WHIT_MONDAY,
    [
      ...closedCallback('2', '1', [hear('askNumber', '1')]),
      invokes('request-callback', INVALID_NUMBER),
      hear('callingNumberUnavailable'),
      hear('keyNumber', '0612345678#'),
      invokes('request-callback', STORED),
      hear('callbackStored'),
      ...GOODBYE,
    ],
  ),
  ...(['error', 'timeout'] as const).map((fault) =>
    closed(
      `closed-request-callback-${fault}`,
      `Closed: request-callback ${fault === 'error' ? 'fails' : 'times out'}, the caller is told so`,
      TUESDAY_EVENING,
      [
        ...closedCallback('1', '1', [hear('askNumber', '1')]),
        invokes('request-callback', { fault }),
        hear('callbackFailed'),
        ...GOODBYE,
      ],
    ),
  ),
  closed(
    'closed-request-callback-failed',
    'Closed: request-callback answers failed, the caller is told so',
    TUESDAY_EVENING,
    [
      ...closedCallback('1', '3', [hear('askNumber', '1')]),
      invokes('request-callback', { mock: { status: 'failed' } }),
      hear('callbackFailed'),
      ...GOODBYE,
    ],
  ),
  ...(['error', 'timeout', 'invalid'] as const).map((fault) =>
    closed(
      `closed-intake-${fault}`,
      `Closed, call-intake ${fault === 'invalid' ? 'answers nonsense' : fault === 'error' ? 'fails' : 'times out'}: the call goes on`,
      TUESDAY_EVENING,
      [invokes('call-intake', { fault }), ...OPENING, ...CLOSED, hear('offerCallback'), hear('goodbye')],
    ),
  ),
  closed(
    'closed-no-answer',
    'Closed: the caller asks for a callback, then keys nothing; not recorded',
    TUESDAY_EVENING,
    [
      ...OPENING,
      ...CLOSED,
      hear('offerCallback', '1'),
      hear('callbackIntro'),
      hear('askMessage'),
      hear('askWindow'),
      hear('askWindowAgain'),
      hear('notUnderstood'),
      ...GOODBYE,
    ],
  ),
];
