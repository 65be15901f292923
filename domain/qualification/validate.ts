import * as z from 'zod/mini';
import { parseKeyedFrenchNumber } from '../callbacks/phone';
import type { SafeWindow } from '../callbacks/safe-windows';
import { FIELD_ERRORS } from '../texts/listener-messages';
import {
  type CallbackPartner,
  NO_CALLBACK,
  QUALIFICATION_FIELDS,
  QUALIFICATION_SCHEMA_VERSION,
  type QualificationField,
  type QualificationFieldId,
  REAL_CALL,
  STATISTIC_FIELDS,
  WITHDRAW_CALLBACK,
} from './schema';

/**
 * The qualification validator: turns what the listener's form submitted into the anonymous record
 * stored on the call, plus (with consent) the partner callback details, or returns one French
 * message per faulty field (worded in `domain/texts/listener-messages.ts`). Driven entirely by the
 * field list in `schema.ts`.
 */

/** The anonymous statistics stored on the call record under `qualification`. */
export interface CallQualification {
  readonly schemaVersion: number;
  readonly callType: string;
  readonly callerRole?: string;
  readonly gender?: string;
  readonly ageBand?: string;
  readonly commune?: string;
  readonly violenceTypes?: readonly string[];
  readonly childrenExposed?: string;
  readonly firstCall?: string;
  readonly orientations?: readonly string[];
  readonly partnerCallback?: string;
}

/** What the listener asked of the partner; goes only to `requestPartnerCallback`. */
export interface PartnerCallbackDetails {
  readonly partnerId: CallbackPartner;
  /** E.164; never logged, never stored on the call record. */
  readonly phoneNumber: string;
  readonly safeToCall: boolean;
  readonly mayLeaveMessage: boolean;
  readonly safeWindows: readonly SafeWindow[];
  readonly codeWord?: string;
  /** The call's language (ISO 639-1) when the listener chose one: the association plans an interpreter. */
  readonly language?: string;
}

export type QualificationValidation =
  | {
      readonly ok: true;
      readonly qualification: CallQualification;
      readonly callback?: PartnerCallbackDetails;
      /** The listener withdraws the call's callback requests (no longer safe); no callback then. */
      readonly withdrawCallback?: true;
    }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<QualificationFieldId, string>>> };

/** A code word is a word or two, not a sentence: letters, digits, spaces, apostrophes and hyphens. */
const CODE_WORD = /^[\p{L}\p{N}'’ -]+$/u;

/** Values submitted for one field, as strings; tolerant of the shapes a Connect view and flow produce. */
export function submittedValues(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) return raw.flatMap((item) => submittedValues(item));
  if (typeof raw === 'number' || typeof raw === 'boolean') return [String(raw)];
  if (typeof raw !== 'string') return ['\u0000invalid'];
  const text = raw.trim();
  if (text === '') return [];
  // A flow may forward a multi-choice as a JSON array string ('["physical","sexual"]').
  if (text.startsWith('[')) {
    try {
      return submittedValues(JSON.parse(text) as unknown);
    } catch {
      return [text];
    }
  }
  return [text];
}

/** A multi-choice may also arrive comma-separated; option values never contain commas. */
function multiValues(raw: unknown): string[] {
  return [
    ...new Set(
      submittedValues(raw)
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter((value) => value !== ''),
    ),
  ];
}

type Errors = Partial<Record<QualificationFieldId, string>>;

function readSingle(field: QualificationField, raw: unknown, errors: Errors): string | undefined {
  if (field.kind !== 'single') throw new Error(`${field.id} is not a single-choice field`);
  const values = [...new Set(submittedValues(raw))];
  const [value] = values;
  if (value === undefined) {
    if (field.required) errors[field.id as QualificationFieldId] = FIELD_ERRORS.required(field.label);
    return undefined;
  }
  if (values.length > 1) {
    errors[field.id as QualificationFieldId] = FIELD_ERRORS.single(field.label);
    return undefined;
  }
  if (!field.options.some((option) => option.value === value)) {
    errors[field.id as QualificationFieldId] = FIELD_ERRORS.unknown(field.label);
    return undefined;
  }
  return value;
}

function readMulti(field: QualificationField, raw: unknown, errors: Errors): string[] | undefined {
  if (field.kind !== 'multi') throw new Error(`${field.id} is not a multi-choice field`);
  const values = multiValues(raw);
  if (values.some((value) => !field.options.some((option) => option.value === value))) {
    errors[field.id as QualificationFieldId] = FIELD_ERRORS.unknown(field.label);
    return undefined;
  }
  if (field.required && values.length === 0) {
    errors[field.id as QualificationFieldId] = FIELD_ERRORS.atLeastOne(field.label);
    return undefined;
  }
  // Stored in the schema's option order, so two equal answers are equal records.
  return field.options.map((option) => option.value).filter((value) => values.includes(value));
}

function readText(field: QualificationField, raw: unknown, errors: Errors): string | undefined {
  if (field.kind !== 'text') throw new Error(`${field.id} is not a text field`);
  const values = submittedValues(raw);
  if (values.length > 1) {
    errors[field.id as QualificationFieldId] = FIELD_ERRORS.single(field.label);
    return undefined;
  }
  const [value] = values;
  if (value === undefined) {
    if (field.required) errors[field.id as QualificationFieldId] = FIELD_ERRORS.required(field.label);
    return undefined;
  }
  return value;
}

const FIELD_BY_ID = new Map<string, QualificationField>(
  (QUALIFICATION_FIELDS as readonly QualificationField[]).map((field) => [field.id, field]),
);
const field = (id: QualificationFieldId): QualificationField => FIELD_BY_ID.get(id) as QualificationField;

function readCallback(
  submission: Readonly<Record<string, unknown>>,
  partnerId: CallbackPartner,
  errors: Errors,
): PartnerCallbackDetails | undefined {
  const phoneText = readText(field('callbackPhone'), submission.callbackPhone, errors);
  let phoneNumber: string | undefined;
  if (phoneText !== undefined) {
    const parsed = parseKeyedFrenchNumber(phoneText);
    if (parsed.ok) phoneNumber = parsed.e164;
    else
      errors.callbackPhone = parsed.reason === 'special_rate' ? FIELD_ERRORS.specialRate : FIELD_ERRORS.phone;
  }
  const safeToCall = readSingle(field('callbackSafeToCall'), submission.callbackSafeToCall, errors);
  const mayLeaveMessage = readSingle(
    field('callbackMayLeaveMessage'),
    submission.callbackMayLeaveMessage,
    errors,
  );
  const safeWindows = readMulti(field('callbackSafeWindows'), submission.callbackSafeWindows, errors);
  const codeWordField = field('callbackCodeWord');
  const codeWord = readText(codeWordField, submission.callbackCodeWord, errors);
  if (
    codeWord !== undefined &&
    codeWordField.kind === 'text' &&
    (codeWord.length > codeWordField.maxLength || !CODE_WORD.test(codeWord))
  ) {
    errors.callbackCodeWord = FIELD_ERRORS.codeWord;
  }
  if (phoneNumber === undefined || safeToCall === undefined || mayLeaveMessage === undefined)
    return undefined;
  if (safeWindows === undefined || errors.callbackCodeWord !== undefined) return undefined;
  return {
    partnerId,
    phoneNumber,
    safeToCall: safeToCall === 'yes',
    mayLeaveMessage: mayLeaveMessage === 'yes',
    safeWindows: safeWindows as SafeWindow[],
    ...(codeWord !== undefined ? { codeWord } : {}),
  };
}

/**
 * Validates a submission (field id → submitted value). Unknown keys are ignored. For a call that is
 * not a real call only the call type is read: the rest of the form is not asked, and never stored.
 */
export function validateQualification(
  submission: Readonly<Record<string, unknown>>,
): QualificationValidation {
  const errors: Errors = {};
  const callType = readSingle(field('callType'), submission.callType, errors);
  if (callType === undefined) return { ok: false, errors };
  if (callType !== REAL_CALL) {
    return { ok: true, qualification: { schemaVersion: QUALIFICATION_SCHEMA_VERSION, callType } };
  }
  const statistics: Record<string, string | string[]> = {};
  for (const statistic of STATISTIC_FIELDS) {
    if (statistic.id === 'callType') continue;
    const raw = submission[statistic.id];
    const value =
      statistic.kind === 'multi' ? readMulti(statistic, raw, errors) : readSingle(statistic, raw, errors);
    if (value !== undefined) statistics[statistic.id] = value;
  }
  const withdraw =
    readSingle(field('callbackWithdraw'), submission.callbackWithdraw, errors) === WITHDRAW_CALLBACK;
  const partner = statistics.partnerCallback;
  // A withdrawal wins over any callback details still on the form: nothing is sent to a partner.
  const details =
    !withdraw && typeof partner === 'string' && partner !== NO_CALLBACK
      ? readCallback(submission, partner as CallbackPartner, errors)
      : undefined;
  // The language travels with the request; "other" has no code, so the association reads French.
  const language = statistics.callLanguage;
  const callback =
    details !== undefined && typeof language === 'string' && /^[a-z]{2}$/.test(language)
      ? { ...details, language }
      : details;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const qualification = {
    schemaVersion: QUALIFICATION_SCHEMA_VERSION,
    callType,
    ...statistics,
  } as CallQualification;
  if (withdraw) return { ok: true, qualification, withdrawCallback: true };
  return callback === undefined ? { ok: true, qualification } : { ok: true, qualification, callback };
}

const enumOf = (id: QualificationFieldId) => {
  const found = field(id);
  if (found.kind === 'text') throw new Error(`${id} has no options`);
  return z.enum(found.options.map((option) => option.value) as [string, ...string[]]);
};

/**
 * The stored record, as a zod schema built from the same fields. qualify-call checks every record
 * against it before writing, and the tests use it to prove nothing invalid is ever stored.
 */
export const CallQualificationSchema = z
  .strictObject({
    schemaVersion: z.literal(QUALIFICATION_SCHEMA_VERSION),
    callType: enumOf('callType'),
    callerRole: z.optional(enumOf('callerRole')),
    gender: z.optional(enumOf('gender')),
    ageBand: z.optional(enumOf('ageBand')),
    commune: z.optional(enumOf('commune')),
    violenceTypes: z.optional(z.array(enumOf('violenceTypes'))),
    childrenExposed: z.optional(enumOf('childrenExposed')),
    firstCall: z.optional(enumOf('firstCall')),
    callLanguage: z.optional(enumOf('callLanguage')),
    interpreterNeeded: z.optional(enumOf('interpreterNeeded')),
    orientations: z.optional(z.array(enumOf('orientations'))),
    partnerCallback: z.optional(enumOf('partnerCallback')),
  })
  .check(
    z.refine((record) => {
      const answered = STATISTIC_FIELDS.filter(
        (statistic) =>
          statistic.id !== 'callType' && (record as Record<string, unknown>)[statistic.id] !== undefined,
      ).length;
      const required = STATISTIC_FIELDS.filter(
        (statistic) => statistic.id !== 'callType' && statistic.required,
      );
      if (record.callType !== REAL_CALL) return answered === 0;
      return required.every((statistic) => (record as Record<string, unknown>)[statistic.id] !== undefined);
    }, 'a real call carries every required field; other call types carry none'),
  );

/** Flattens field errors into the one-line form Connect can carry back to the view. */
export function formatFieldErrors(errors: Readonly<Partial<Record<QualificationFieldId, string>>>): string {
  return Object.entries(errors)
    .map(([id, message]) => `${id}: ${message}`)
    .join('; ');
}
