import * as callerPrompts from '#domain/texts/caller-prompts';
import * as listenerMessages from '#domain/texts/listener-messages';
import * as partnerMessages from '#domain/texts/partner-messages';
import { STAGES } from '../../../config/stages';

/**
 * Every text of domain/texts as it is said or shown, by audience: string entries as they are, entries
 * that take arguments rendered with sample values. The types demand a renderer for every entry that is
 * not a plain string, so a new parameterized text cannot escape the wording tests.
 */

type Renderers<T> = {
  readonly [K in keyof T as T[K] extends string ? never : K]: (text: T[K]) => readonly string[];
};

function renderAll<T extends object>(texts: T, renderers: Renderers<T>): string[] {
  const byKey = renderers as unknown as Readonly<Record<string, (text: unknown) => readonly string[]>>;
  return Object.entries(texts).flatMap(([key, value]) => {
    if (typeof value === 'string') return [value];
    const render = byKey[key];
    if (render === undefined) throw new Error(`test setup: no renderer for ${key}`);
    return [...render(value)];
  });
}

const STAGE_HOURS = Object.values(STAGES).map((stage) => stage.weekdayHours);
const DUE_BY = '2026-03-12T13:05:00Z';
const SAMPLE_LABEL = 'Type d’appel';

/** The exports of each text module this file renders; a new export must be added here. */
export const RENDERED_EXPORTS = {
  callerPrompts: ['CALLER_PROMPTS', 'EMERGENCY_NUMBERS', 'describeHours'],
  listenerMessages: [
    'FIELD_ERRORS',
    'GUIDE_SCREENS',
    'LISTENER_WHISPER',
    'QUALIFICATION_RESULTS',
    'callbackTask',
  ],
  partnerMessages: [
    'LANGUAGE_NAMES_IN_FRENCH',
    'PARTNER_REFUSALS',
    'PARTNER_WARNINGS',
    'languageNote',
    'partnerNotice',
  ],
} as const;

/** The text modules themselves, for the export check. */
export const TEXT_MODULES = { callerPrompts, listenerMessages, partnerMessages } as const;

/** Every prompt a caller can hear, with the opening hours of every stage. */
export function callerTexts(): string[] {
  return [
    ...renderAll(callerPrompts.CALLER_PROMPTS, {
      closed: (closed) => STAGE_HOURS.map((hours) => closed(hours)),
    }),
    ...STAGE_HOURS.map((hours) => callerPrompts.describeHours(hours)),
  ];
}

/** Every text a listener hears (whisper) or reads (guide, field errors, callback tasks). */
export function listenerTexts(): string[] {
  const { FIELD_ERRORS, GUIDE_SCREENS, LISTENER_WHISPER, QUALIFICATION_RESULTS } = listenerMessages;
  return [
    ...renderAll(LISTENER_WHISPER, { minutes: (minutes) => [minutes('3')] }),
    ...renderAll(QUALIFICATION_RESULTS, {
      callbackSent: (sent) => [sent('CIDFF 94')],
      invalid: (invalid) => [invalid(1), invalid(2)],
    }),
    ...renderAll(FIELD_ERRORS, {
      required: (error) => [error(SAMPLE_LABEL)],
      unknown: (error) => [error(SAMPLE_LABEL)],
      single: (error) => [error(SAMPLE_LABEL)],
      atLeastOne: (error) => [error(SAMPLE_LABEL)],
    }),
    ...renderAll(GUIDE_SCREENS, { sections: (sections) => Object.values(sections) }),
    ...(['new', 'overdue'] as const).flatMap((kind) =>
      Object.values(listenerMessages.callbackTask(kind, 'req-1', DUE_BY)),
    ),
  ];
}

/** Every text a partner association reads: notices and warnings. */
export function partnerTexts(): string[] {
  return [
    ...Object.values(partnerMessages.PARTNER_WARNINGS),
    ...renderAll(partnerMessages.PARTNER_REFUSALS, { overrideReason: (reason) => [reason(500)] }),
    ...(['new', 'overdue'] as const).flatMap((kind) =>
      Object.values(
        partnerMessages.partnerNotice(kind, DUE_BY, 'https://portail.example/callbacks/req-1', 'ar'),
      ),
    ),
    ...Object.keys(partnerMessages.LANGUAGE_NAMES_IN_FRENCH).flatMap(
      (code) => partnerMessages.languageNote(code) ?? [],
    ),
  ];
}
