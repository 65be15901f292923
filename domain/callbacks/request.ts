import * as z from 'zod/mini';
import { PARTNER_IDS } from '../partners';
import { FRENCH_E164 } from './phone';
import { SAFE_WINDOWS } from './safe-windows';

/*
 * The one shape of a callback request, shared by every producer (request-callback, the listener's
 * requestPartnerCallback), the consumer (dispatch-callback), the local line and the tests.
 * zod/mini keeps request-callback, a flow Lambda, within its bundle budget.
 */

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const RequestIdSchema = z
  .string()
  .check(z.refine((value) => ULID.test(value) || UUID.test(value), 'requestId must be a ULID or a UUID'));
export const PartnerIdSchema = z.enum(PARTNER_IDS);
export const SafeWindowSchema = z.enum(SAFE_WINDOWS);
export const IsoInstantSchema = z.string().check(z.regex(ISO_INSTANT, 'expected an ISO-8601 UTC instant'));

/** A callback request on its way from a producer to dispatch-callback. */
export const CallbackRequestSchema = z.object({
  requestId: RequestIdSchema,
  contactId: z.string().check(z.minLength(1), z.maxLength(256)),
  partnerId: PartnerIdSchema,
  /** E.164 French number; lives only in the queue message, then encrypted in the record. */
  phoneNumber: z.string().check(z.regex(FRENCH_E164, 'phoneNumber must be an E.164 French number')),
  safeToCall: z.boolean(),
  mayLeaveMessage: z.boolean(),
  safeWindows: z.array(SafeWindowSchema).check(z.minLength(1)),
  /** A word the caller gives to recognise the association; encrypted like the number. */
  codeWord: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** ISO 639-1 language the caller prefers. */
  language: z.string().check(z.regex(/^[a-z]{2}$/, 'language must be an ISO 639-1 code')),
  createdAt: IsoInstantSchema,
  dueBy: IsoInstantSchema,
});

export type CallbackRequest = z.infer<typeof CallbackRequestSchema>;

/** Thrown when a callback request does not match the schema; lists the fields, never their values. */
export class InvalidCallbackRequestError extends Error {
  override readonly name = 'InvalidCallbackRequestError';
  constructor(readonly fields: readonly string[]) {
    super(`Invalid callback request: ${fields.length > 0 ? fields.join(', ') : 'not an object'}`);
  }
}

/** Parses a callback request; errors name the offending fields only (values may be personal). */
export function parseCallbackRequest(input: unknown): CallbackRequest {
  const result = z.safeParse(CallbackRequestSchema, input);
  if (result.success) return result.data;
  throw new InvalidCallbackRequestError([
    ...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)')),
  ]);
}
