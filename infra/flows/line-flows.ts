import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { LISTENER_WHISPER } from '#domain/texts/listener-messages';
import type { DayHours } from '#domain/time/line-hours';
import { type DefinedFlow, FlowBuilder } from './builder';
import {
  addLanguageOffer,
  addLanguagePaths,
  CALLBACK_PARTNER_FLOW_ATTRIBUTE,
  CALLER_LANGUAGE_FLOW_ATTRIBUTE,
  FRENCH_ONLY,
  type LanguageFlowOptions,
  languageKeys,
  languageOfferEntry,
  promptReference,
} from './language-paths';

/**
 * The line's contact flows, as typed code. Each caller journey is one function; the callback request
 * is a fragment shared by the callback flow (reached from the closed and no-listener flows) and the customer
 * queue flow, because Connect allows neither TransferToFlow nor flow modules in a customer queue flow.
 */

/** Connect waits at most 8 s; call-intake answers in 1 s, so 3 s leaves room for a cold start. */
export const CALL_INTAKE_TIME_LIMIT_SECONDS = 3;
export const REQUEST_CALLBACK_TIME_LIMIT_SECONDS = 3;
/** The emergency numbers come back about every minute while the caller waits. */
export const HOLD_INTERRUPT_SECONDS = 60;
/** Minutes of waiting the whisper can tell apart; after this it says "more than fifteen minutes". */
export const TRACKED_WAIT_MINUTES = 15;
/** Contact attribute, set by the queue flow each minute and read by the whisper. Not personal data. */
export const WAITED_MINUTES_ATTRIBUTE = 'waitedMinutes';

/** Longest keyed number: 0033 followed by the nine digits after the leading 0. */
const MAX_KEYED_DIGITS = 13;

export interface CallbackFlowRefs {
  readonly requestCallbackFunctionArn: string;
}

export interface MainInboundRefs {
  readonly callIntakeFunctionArn: string;
  readonly listenersQueueArn: string;
  readonly hoursOfOperationArn: string;
  readonly customerQueueFlowArn: string;
  readonly agentWhisperFlowArn: string;
  readonly lineClosedFlowArn: string;
  readonly noListenerFlowArn: string;
  /**
   * The listener's qualification guide (infra/constructs/listener-workspace.ts), set as the
   * DefaultAgentUI event flow; the call's ContactId goes in a contact attribute for the guide.
   * @default no guide
   */
  readonly guideFlowArn?: string;
}

/** Every ARN the flows need, for tests and the interpreter that build all flows at once. */
export interface LineFlowRefs extends MainInboundRefs, CallbackFlowRefs {
  readonly callbackRequestFlowArn: string;
}

/** ASCII names: Connect's CloudWatch metrics (ContactFlowName dimension) drop non-ASCII names. */
export const FLOW_NAMES = {
  mainInbound: 'Un premier pas - Accueil',
  lineClosed: 'Un premier pas - Ligne fermee',
  noListener: 'Un premier pas - Aucune ecoutante',
  callbackRequest: 'Un premier pas - Demande de rappel',
  customerQueue: 'Un premier pas - Attente',
  agentWhisper: 'Un premier pas - Annonce ecoutante',
} as const;

/**
 * Main inbound: logging on, French voice, recording off, call-intake (its Error branch continues the call),
 * welcome, the emergency numbers, then hours (with holidays), staffing, and the listeners' queue.
 */
export function mainInboundFlow(refs: MainInboundRefs): DefinedFlow {
  const flow = new FlowBuilder(FLOW_NAMES.mainInbound, 'CONTACT_FLOW');
  flow
    .flowLogging('LoggingOn', 'Enabled', { next: 'FrenchVoice' })
    .setVoice('FrenchVoice', { next: 'RecordingOff', error: 'RecordingOff' })
    .recordingOff('RecordingOff', { next: 'CallIntake' })
    .invokeLambda(
      'CallIntake',
      { functionArn: refs.callIntakeFunctionArn, timeLimitSeconds: CALL_INTAKE_TIME_LIMIT_SECONDS },
      { next: 'Welcome', error: 'Welcome' },
    )
    .message('Welcome', CALLER_PROMPTS.welcome, { next: 'EmergencyNumbers', error: 'EmergencyNumbers' })
    .message('EmergencyNumbers', CALLER_PROMPTS.emergencyNumbers, {
      next: 'ListenersQueue',
      error: 'ListenersQueue',
    })
    .setTargetQueue('ListenersQueue', refs.listenersQueueArn, { next: 'CheckHours', error: 'ToNoListener' })
    // A failed hours check still tries to reach a listener: the caller comes first.
    .checkHours('CheckHours', refs.hoursOfOperationArn, {
      open: 'CheckStaffed',
      closed: 'ToLineClosed',
      error: 'CheckStaffed',
    })
    .checkStaffed('CheckStaffed', refs.listenersQueueArn, {
      staffed: 'QueueFlowHook',
      none: 'ToNoListener',
      error: 'QueueFlowHook',
    })
    .setEventHook('QueueFlowHook', 'CustomerQueue', refs.customerQueueFlowArn, {
      next: 'WhisperHook',
      error: 'WhisperHook',
    })
    .setEventHook('WhisperHook', 'AgentWhisper', refs.agentWhisperFlowArn, {
      next: refs.guideFlowArn === undefined ? 'WaitStarts' : 'GuideHook',
      error: refs.guideFlowArn === undefined ? 'WaitStarts' : 'GuideHook',
    })
    .setContactAttributes(
      'WaitStarts',
      {
        [WAITED_MINUTES_ATTRIBUTE]: '0',
        // Not personal data: lets the guide (a contact of its own) store the qualification on this call.
        ...(refs.guideFlowArn === undefined ? {} : { callContactId: '$.ContactId' }),
      },
      { next: 'ToListeners', error: 'ToListeners' },
    )
    .transferToQueue('ToListeners', { atCapacity: 'ToNoListener', error: 'ToNoListener' })
    .transferToFlow('ToLineClosed', refs.lineClosedFlowArn, { error: 'Unavailable' })
    .transferToFlow('ToNoListener', refs.noListenerFlowArn, { error: 'Unavailable' })
    .message('Unavailable', `${CALLER_PROMPTS.lineUnavailable} ${CALLER_PROMPTS.emergencyNumbers}`, {
      next: 'HangUp',
      error: 'HangUp',
    })
    .disconnect('HangUp');
  if (refs.guideFlowArn !== undefined) {
    // The listener's qualification guide; a failure here must never keep the caller from the queue.
    flow.setEventHook('GuideHook', 'DefaultAgentUI', refs.guideFlowArn, {
      next: 'WaitStarts',
      error: 'WaitStarts',
    });
  }
  return flow.build(
    'LoggingOn',
    'Accueil: voix, pas d’enregistrement, call-intake, numéros d’urgence, file.',
  );
}

/**
 * Shared end of the closed and no-listener flows: emergency numbers, then an offer of a callback, then
 * the other languages; a caller who chose one hears her path and may leave a request in her language.
 */
function closedLikeFlow(
  name: string,
  description: string,
  announcement: string,
  refs: { callbackRequestFlowArn: string; requestCallbackFunctionArn: string },
  languages: LanguageFlowOptions,
): DefinedFlow {
  const flow = new FlowBuilder(name, 'CONTACT_FLOW');
  const afterOffer = languageOfferEntry(languages.languages, 'Goodbye');
  flow
    .setVoice('FrenchVoice', { next: 'Announcement', error: 'Announcement' })
    .message('Announcement', announcement, { next: 'EmergencyNumbers', error: 'EmergencyNumbers' })
    .message('EmergencyNumbers', CALLER_PROMPTS.emergencyNumbers, {
      next: 'OfferCallback',
      error: 'OfferCallback',
    })
    .menu(
      'OfferCallback',
      { text: CALLER_PROMPTS.offerCallback, timeoutSeconds: 8 },
      {
        keys: { '1': 'ToCallbackRequest', ...languageKeys(languages.languages) },
        timeout: afterOffer,
        noMatch: afterOffer,
        error: afterOffer,
      },
    )
    .transferToFlow('ToCallbackRequest', refs.callbackRequestFlowArn, { error: 'Goodbye' })
    .message('Goodbye', CALLER_PROMPTS.goodbye, { next: 'HangUp', error: 'HangUp' })
    .disconnect('HangUp');
  if (languages.languages.length > 0) {
    addLanguageOffer(flow, languages.languages, 'Goodbye');
    addLanguagePaths(flow, languages, {
      frenchFallback: 'OfferCallback',
      callback: 'LanguageCallbackIntro',
      declined: { kind: 'goodbye', next: 'HangUp' },
    });
    // Her request, in her language, inline: the callback flow speaks French only.
    addCallbackRequest(
      flow,
      'LanguageCallback',
      refs,
      { stored: 'LanguageStored', abandoned: 'GoodbyeInLanguage', failed: 'LanguageFailed' },
      CHOSEN_LANGUAGE_CALLBACK,
    );
    flow
      .message(
        'LanguageStored',
        `${promptReference('callbackStored')} ${promptReference('emergencyNumbers')} ${promptReference('goodbye')}`,
        { next: 'HangUp', error: 'HangUp' },
      )
      .message('LanguageFailed', promptReference('callbackFailed'), {
        next: 'GoodbyeInLanguage',
        error: 'GoodbyeInLanguage',
      });
  }
  return flow.build('FrenchVoice', description);
}

/** What the closed and no-listener flows need. */
export interface ClosedFlowRefs {
  readonly callbackRequestFlowArn: string;
  readonly requestCallbackFunctionArn: string;
}

/** Closed or public holiday: the hours, the emergency numbers, and the offer of a callback. */
export function lineClosedFlow(
  refs: ClosedFlowRefs & { weekdayHours: readonly DayHours[] },
  languages: LanguageFlowOptions = FRENCH_ONLY,
) {
  return closedLikeFlow(
    FLOW_NAMES.lineClosed,
    'Ligne fermée ou jour férié: horaires, numéros d’urgence, demande de rappel.',
    CALLER_PROMPTS.closed(refs.weekdayHours),
    refs,
    languages,
  );
}

/** Open but no listener staffed: say so, the emergency numbers, and the offer of a callback. */
export function noListenerFlow(
  refs: ClosedFlowRefs,
  languages: LanguageFlowOptions = FRENCH_ONLY,
): DefinedFlow {
  return closedLikeFlow(
    FLOW_NAMES.noListener,
    'Équipe d’écoute indisponible: numéros d’urgence, demande de rappel.',
    CALLER_PROMPTS.noListener,
    refs,
    languages,
  );
}

interface CallbackFragmentExits {
  /** The request is stored. */
  readonly stored: string;
  /** The caller gave no usable answer, or a keyed number was invalid twice. */
  readonly abandoned: string;
  /** request-callback failed, timed out, or answered `failed`. */
  readonly failed: string;
}

/** The prompts of the callback request, and what else request-callback is told (the language). */
interface CallbackSpoken {
  readonly prompts: Readonly<Record<CallbackPromptKey, string>>;
  readonly attributes: Readonly<Record<string, string>>;
}

type CallbackPromptKey =
  | 'callbackIntro'
  | 'askMessage'
  | 'askWindow'
  | 'askWindowAgain'
  | 'askNumber'
  | 'askNumberAgain'
  | 'callingNumberUnavailable'
  | 'keyNumber'
  | 'keyNumberAgain'
  | 'numberStillInvalid'
  | 'notUnderstood';

/** In French, request-callback is told nothing more: the request is in French, for the line. */
const FRENCH_CALLBACK: CallbackSpoken = { prompts: CALLER_PROMPTS, attributes: {} };

/** In the language she chose: her prompts, from flow attributes, and her language and association. */
const CHOSEN_LANGUAGE_CALLBACK: CallbackSpoken = {
  prompts: {
    callbackIntro: promptReference('callbackIntro'),
    askMessage: promptReference('askMessage'),
    askWindow: promptReference('askWindow'),
    askWindowAgain: promptReference('askWindowAgain'),
    askNumber: promptReference('askNumber'),
    askNumberAgain: promptReference('askNumberAgain'),
    callingNumberUnavailable: promptReference('callingNumberUnavailable'),
    keyNumber: promptReference('keyNumber'),
    keyNumberAgain: promptReference('keyNumberAgain'),
    numberStillInvalid: promptReference('numberStillInvalid'),
    notUnderstood: promptReference('notUnderstood'),
  },
  attributes: {
    language: `$.FlowAttributes.${CALLER_LANGUAGE_FLOW_ATTRIBUTE}`,
    partnerId: `$.FlowAttributes.${CALLBACK_PARTNER_FLOW_ATTRIBUTE}`,
  },
};

/**
 * The callback request by keypad, added to `flow` with ids prefixed by `prefix`; returns its entry id.
 * May a message be left, a safe window, then the calling number or a keyed one. Flow logging is off from
 * before the digits are keyed until request-callback has answered; the digits go only to request-callback.
 */
function addCallbackRequest(
  flow: FlowBuilder,
  prefix: string,
  refs: CallbackFlowRefs,
  exits: CallbackFragmentExits,
  spoken: CallbackSpoken = FRENCH_CALLBACK,
): string {
  const id = (name: string) => `${prefix}${name}`;
  const prompts = spoken.prompts;
  const invoke = (name: string, attributes: Record<string, string>, next: string, error: string) =>
    flow.invokeLambda(
      id(name),
      {
        functionArn: refs.requestCallbackFunctionArn,
        timeLimitSeconds: REQUEST_CALLBACK_TIME_LIMIT_SECONDS,
        attributes: {
          ...attributes,
          ...spoken.attributes,
          mayLeaveMessage: '$.FlowAttributes.mayLeaveMessage',
          safeWindow: '$.FlowAttributes.safeWindow',
        },
      },
      { next, error },
    );
  const keyedAttempt = (attempt: 1 | 2, text: string, onInvalid: string) => {
    flow
      .flowLogging(id(`LoggingOff${attempt}`), 'Disabled', { next: id(`KeyNumber${attempt}`) })
      .collectDigits(
        id(`KeyNumber${attempt}`),
        { text, timeoutSeconds: 10, maxDigits: MAX_KEYED_DIGITS },
        { next: id(`SendKeyed${attempt}`), error: id(`LoggingOnFailed${attempt}`) },
      );
    invoke(
      `SendKeyed${attempt}`,
      { numberSource: 'keyed', keyedNumber: '$.StoredCustomerInput' },
      id(`LoggingOn${attempt}`),
      id(`LoggingOnFailed${attempt}`),
    );
    flow
      .flowLogging(id(`LoggingOn${attempt}`), 'Enabled', { next: id(`KeyedStatus${attempt}`) })
      .flowLogging(id(`LoggingOnFailed${attempt}`), 'Enabled', { next: exits.failed })
      .compare(id(`KeyedStatus${attempt}`), '$.External.status', {
        cases: [
          { operator: 'Equals', operand: 'stored', next: exits.stored },
          { operator: 'Equals', operand: 'invalid_number', next: onInvalid },
        ],
        noMatch: exits.failed,
      });
  };

  flow
    .message(id('Intro'), prompts.callbackIntro, { next: id('AskMessage'), error: id('AskMessage') })
    // No clear answer means no message: the safer choice for someone who may be overheard.
    .menu(
      id('AskMessage'),
      { text: prompts.askMessage, timeoutSeconds: 8 },
      {
        keys: { '1': id('MessageYes'), '2': id('MessageNo') },
        timeout: id('MessageNo'),
        noMatch: id('MessageNo'),
        error: id('MessageNo'),
      },
    )
    .setFlowAttributes(id('MessageYes'), { mayLeaveMessage: 'yes' }, { next: id('AskWindow') })
    .setFlowAttributes(id('MessageNo'), { mayLeaveMessage: 'no' }, { next: id('AskWindow') });
  for (const attempt of [1, 2] as const) {
    const retry = attempt === 1 ? id('AskWindow2') : id('NotUnderstood');
    flow.menu(
      attempt === 1 ? id('AskWindow') : id('AskWindow2'),
      { text: attempt === 1 ? prompts.askWindow : prompts.askWindowAgain, timeoutSeconds: 8 },
      {
        keys: { '1': id('WindowMorning'), '2': id('WindowAfternoon'), '3': id('WindowAnytime') },
        timeout: retry,
        noMatch: retry,
        error: retry,
      },
    );
  }
  flow
    .setFlowAttributes(id('WindowMorning'), { safeWindow: 'morning' }, { next: id('AskNumber') })
    .setFlowAttributes(id('WindowAfternoon'), { safeWindow: 'afternoon' }, { next: id('AskNumber') })
    .setFlowAttributes(id('WindowAnytime'), { safeWindow: 'anytime' }, { next: id('AskNumber') });
  for (const attempt of [1, 2] as const) {
    const retry = attempt === 1 ? id('AskNumber2') : id('NotUnderstood');
    flow.menu(
      attempt === 1 ? id('AskNumber') : id('AskNumber2'),
      { text: attempt === 1 ? prompts.askNumber : prompts.askNumberAgain, timeoutSeconds: 8 },
      {
        keys: { '1': id('SendCalling'), '2': id('LoggingOff1') },
        timeout: retry,
        noMatch: retry,
        error: retry,
      },
    );
  }
  invoke('SendCalling', { numberSource: 'calling' }, id('CallingStatus'), exits.failed);
  flow
    .compare(id('CallingStatus'), '$.External.status', {
      cases: [
        { operator: 'Equals', operand: 'stored', next: exits.stored },
        { operator: 'Equals', operand: 'invalid_number', next: id('CallingHidden') },
      ],
      noMatch: exits.failed,
    })
    .message(id('CallingHidden'), prompts.callingNumberUnavailable, {
      next: id('LoggingOff1'),
      error: id('LoggingOff1'),
    });
  keyedAttempt(1, prompts.keyNumber, id('LoggingOff2'));
  keyedAttempt(2, prompts.keyNumberAgain, id('StillInvalid'));
  flow
    .message(id('StillInvalid'), prompts.numberStillInvalid, {
      next: exits.abandoned,
      error: exits.abandoned,
    })
    .message(id('NotUnderstood'), prompts.notUnderstood, {
      next: exits.abandoned,
      error: exits.abandoned,
    });
  return id('Intro');
}

/** The callback request on its own, reached from the closed and no-listener flows. Ends the call. */
export function callbackRequestFlow(refs: CallbackFlowRefs): DefinedFlow {
  const flow = new FlowBuilder(FLOW_NAMES.callbackRequest, 'CONTACT_FLOW');
  flow.setVoice('FrenchVoice', { next: 'CallbackIntro', error: 'CallbackIntro' });
  addCallbackRequest(flow, 'Callback', refs, {
    stored: 'Stored',
    abandoned: 'EmergencyNumbers',
    failed: 'Failed',
  });
  flow
    .message('Stored', CALLER_PROMPTS.callbackStored, { next: 'EmergencyNumbers', error: 'EmergencyNumbers' })
    .message('Failed', CALLER_PROMPTS.callbackFailed, { next: 'EmergencyNumbers', error: 'EmergencyNumbers' })
    .message('EmergencyNumbers', CALLER_PROMPTS.emergencyNumbers, { next: 'Goodbye', error: 'Goodbye' })
    .message('Goodbye', CALLER_PROMPTS.goodbye, { next: 'HangUp', error: 'HangUp' })
    .disconnect('HangUp');
  return flow.build('FrenchVoice', 'Demande de rappel au clavier: message, créneau sûr, numéro.');
}

/**
 * Customer queue: the emergency numbers every minute, with 1 to leave a callback request instead of
 * waiting, then the offer of the other languages. Each minute also records how long the caller has
 * waited, for the whisper. A caller who chose a language waits on in it, and may leave a request in it.
 */
export function customerQueueFlow(
  refs: CallbackFlowRefs,
  languages: LanguageFlowOptions = FRENCH_ONLY,
): DefinedFlow {
  const flow = new FlowBuilder(FLOW_NAMES.customerQueue, 'CUSTOMER_QUEUE');
  const offered = languages.languages.length > 0;
  const keys = languageKeys(languages.languages);
  for (let minute = 1; minute <= TRACKED_WAIT_MINUTES; minute += 1) {
    // The last minute loops on itself: the whisper then says "more than fifteen minutes".
    const nextHold = `Hold${Math.min(minute + 1, TRACKED_WAIT_MINUTES)}`;
    // After the French offer, the languages' offer; it comes back to the next minute's hold.
    const afterOffer = offered ? languageOfferEntry(languages.languages, nextHold) : nextHold;
    flow
      .loopMessages(
        `Hold${minute}`,
        { texts: [CALLER_PROMPTS.hold], interruptSeconds: HOLD_INTERRUPT_SECONDS },
        { interrupted: `Waited${minute}`, error: `Waited${minute}` },
      )
      .setContactAttributes(
        `Waited${minute}`,
        { [WAITED_MINUTES_ATTRIBUTE]: String(minute) },
        { next: `Offer${minute}`, error: `Offer${minute}` },
      )
      .menu(
        `Offer${minute}`,
        { text: CALLER_PROMPTS.offerCallbackWhileQueued, timeoutSeconds: 5 },
        {
          keys: { '1': 'CallbackIntro', ...keys },
          timeout: afterOffer,
          noMatch: afterOffer,
          error: afterOffer,
        },
      );
  }
  addCallbackRequest(flow, 'Callback', refs, { stored: 'Stored', abandoned: 'Resume', failed: 'Failed' });
  flow
    // Stored: the caller leaves the queue; a listener will call back.
    .message(
      'Stored',
      `${CALLER_PROMPTS.callbackStored} ${CALLER_PROMPTS.emergencyNumbers} ${CALLER_PROMPTS.goodbye}`,
      {
        next: 'HangUp',
        error: 'HangUp',
      },
    )
    .disconnect('HangUp')
    // Not stored: the caller keeps their place in the queue.
    .message('Failed', CALLER_PROMPTS.callbackFailed, { next: 'Resume', error: 'Resume' })
    .message('Resume', CALLER_PROMPTS.stillWaiting, { next: 'HoldAgain', error: 'HoldAgain' })
    .loopMessages(
      'HoldAgain',
      { texts: [CALLER_PROMPTS.hold], interruptSeconds: HOLD_INTERRUPT_SECONDS },
      { interrupted: 'HoldAgain', error: 'KeepWaiting' },
    )
    .endFlow('KeepWaiting');
  if (offered) addQueueLanguages(flow, refs, languages);
  return flow.build(
    'Hold1',
    'Attente: numéros d’urgence chaque minute, 1 pour une demande de rappel, langues.',
  );
}

/**
 * The queue's other languages: the offer after each minute's French offer, back to the next minute's
 * hold (found from the minutes waited, so one offer serves every minute), and each language's path.
 */
function addQueueLanguages(flow: FlowBuilder, refs: CallbackFlowRefs, languages: LanguageFlowOptions): void {
  addLanguageOffer(flow, languages.languages, 'NextHold');
  const cases = Array.from({ length: TRACKED_WAIT_MINUTES }, (_, index) => ({
    operator: 'Equals' as const,
    operand: String(index + 1),
    next: `Hold${Math.min(index + 2, TRACKED_WAIT_MINUTES)}`,
  }));
  flow.compare('NextHold', `$.Attributes.${WAITED_MINUTES_ATTRIBUTE}`, {
    cases,
    noMatch: `Hold${TRACKED_WAIT_MINUTES}`,
  });
  addLanguagePaths(flow, languages, {
    frenchFallback: 'NextHold',
    callback: 'LanguageCallbackIntro',
    declined: { kind: 'hold' },
  });
  addCallbackRequest(
    flow,
    'LanguageCallback',
    refs,
    { stored: 'LanguageStored', abandoned: 'LanguageResume', failed: 'LanguageFailed' },
    CHOSEN_LANGUAGE_CALLBACK,
  );
  const waitingInLanguage = `${promptReference('stillWaiting')} ${promptReference('emergencyNumbers')}`;
  flow
    // Stored: she leaves the queue, as she chose; an association will call back with an interpreter.
    .message(
      'LanguageStored',
      `${promptReference('callbackStored')} ${promptReference('emergencyNumbers')} ${promptReference('goodbye')}`,
      { next: 'HangUp', error: 'HangUp' },
    )
    // Not stored: she keeps her place in the queue, in her language.
    .message('LanguageFailed', promptReference('callbackFailed'), {
      next: 'LanguageResume',
      error: 'LanguageResume',
    })
    .loopMessages(
      'LanguageResume',
      { texts: [waitingInLanguage], interruptSeconds: HOLD_INTERRUPT_SECONDS },
      { interrupted: 'LanguageResume', error: 'KeepWaiting' },
    );
}

/** Agent whisper: the listener hears that this is an Un premier pas call and how long the caller waited. */
export function agentWhisperFlow(): DefinedFlow {
  const flow = new FlowBuilder(FLOW_NAMES.agentWhisper, 'AGENT_WHISPER');
  const minutes = `$.Attributes.${WAITED_MINUTES_ATTRIBUTE}`;
  flow
    .compare('WaitedHowLong', minutes, {
      cases: [
        { operator: 'Equals', operand: '0', next: 'ShortWait' },
        { operator: 'NumberGreaterOrEqualTo', operand: String(TRACKED_WAIT_MINUTES), next: 'LongWait' },
      ],
      noMatch: 'MinutesWait',
    })
    .message('ShortWait', LISTENER_WHISPER.shortWait, { next: 'Done', error: 'Done' })
    .message('LongWait', LISTENER_WHISPER.longWait, { next: 'Done', error: 'Done' })
    .message('MinutesWait', LISTENER_WHISPER.minutes(minutes), { next: 'Done', error: 'Done' })
    .endFlow('Done');
  return flow.build('WaitedHowLong', 'Annonce à l’équipe d’écoute: appel Un premier pas et temps d’attente.');
}

/** Every flow at once, from known ARNs (tests, the interpreter, `npm run call`). */
export function lineFlows(
  refs: LineFlowRefs,
  weekdayHours: readonly DayHours[],
  languages: LanguageFlowOptions = FRENCH_ONLY,
) {
  return {
    mainInbound: mainInboundFlow(refs),
    lineClosed: lineClosedFlow({ ...refs, weekdayHours }, languages),
    noListener: noListenerFlow(refs, languages),
    callbackRequest: callbackRequestFlow(refs),
    customerQueue: customerQueueFlow(refs, languages),
    agentWhisper: agentWhisperFlow(),
  } satisfies Record<keyof typeof FLOW_NAMES, DefinedFlow>;
}
