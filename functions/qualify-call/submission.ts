import { parseContactFlowEvent } from '../../events/schemas/contact-flow-event';

/**
 * Reads the listener's submission from the ContactFlowEvent the guide flow sends. The flow passes
 * each form field as a Lambda parameter named after the field id (`$.Views.ViewResultData.<id>`).
 * Parameter values are kept raw (a string, or an array for a drop-down or check boxes), because the
 * validator, not the envelope parser, knows which shapes each field accepts.
 */

/** What qualify-call needs from the event. */
export interface QualificationSubmission {
  /** The call being qualified. */
  readonly contactId: string;
  /** Field id → submitted value, as Connect sent it. Holds the callback number: never log it. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Parameter the guide flow may set to name the call explicitly (the guide's own contact otherwise). */
export const CALL_CONTACT_ID_PARAMETER = 'callContactId';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Case-insensitive property read, as Connect's own samples vary the casing of the envelope. */
function property(value: unknown, name: string): unknown {
  if (!isRecord(value)) return undefined;
  if (name in value) return value[name];
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : value[key];
}

/**
 * Parses a ContactFlowEvent into a submission.
 * @throws NotAContactFlowEventError when the payload is not a contact flow event (no value is quoted).
 */
export function parseQualificationSubmission(event: unknown): QualificationSubmission {
  const call = parseContactFlowEvent(event);
  const rawParameters = property(property(event, 'Details'), 'Parameters');
  const fields: Record<string, unknown> = isRecord(rawParameters) ? { ...rawParameters } : {};
  const named = fields[CALL_CONTACT_ID_PARAMETER];
  delete fields[CALL_CONTACT_ID_PARAMETER];
  const contactId = typeof named === 'string' && named.trim() !== '' ? named.trim() : call.contactId;
  return { contactId, fields };
}
