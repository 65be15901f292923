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
/** A form submission's version: the epoch milliseconds at which it was submitted. */
export const SubmissionSchema = z.int().check(z.gte(0));
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
  /**
   * Which submission of the listener's form (epoch ms of the submission): a later one amends the request
   * while it is pending. Optional so that messages queued before the field existed still parse (as 0).
   */
  submission: z.optional(SubmissionSchema),
});

export type CallbackRequest = z.infer<typeof CallbackRequestSchema>;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const base64 = (maxLength: number) =>
  z.string().check(z.regex(BASE64, 'expected base64'), z.maxLength(maxLength));

/** How a queue message seals the contact details: see `functions/shared/callbacks/queue-envelope.ts`. */
export const SEALED_CONTACT_ALGORITHM = 'RSAES_OAEP_SHA_256+A256GCM';

/**
 * The number and code word as they cross the queue: AES-256-GCM under a fresh data key, the data key
 * wrapped with the queue-envelope key's public half (RSA-OAEP SHA-256). Only dispatch-callback may
 * unwrap it (kms:Decrypt). The request's ids are the GCM additional data, so it cannot be moved.
 */
export const SealedContactSchema = z.object({
  alg: z.literal(SEALED_CONTACT_ALGORITHM),
  /** The wrapped data key: 384 bytes under RSA_3072, 512 under RSA_4096. */
  wrappedKey: base64(1024),
  iv: base64(32),
  tag: base64(32),
  /** The sealed JSON of the number and code word. */
  ciphertext: base64(1024),
});

export type SealedContact = z.infer<typeof SealedContactSchema>;

/** A callback request on the queue: every field of CallbackRequest but the number and code word, sealed. */
export const SealedCallbackRequestSchema = z.extend(
  z.omit(CallbackRequestSchema, { phoneNumber: true, codeWord: true }),
  { sealedContact: SealedContactSchema },
);

export type SealedCallbackRequest = z.infer<typeof SealedCallbackRequestSchema>;

/**
 * The listener withdrew every callback request of a call ("plus sans danger"): no number travels,
 * only ids. dispatch-callback closes each open request of the contact submitted before it.
 */
export const CallbackWithdrawalSchema = z.object({
  kind: z.literal('withdrawal'),
  contactId: z.string().check(z.minLength(1), z.maxLength(256)),
  submission: SubmissionSchema,
  createdAt: IsoInstantSchema,
});

export type CallbackWithdrawal = z.infer<typeof CallbackWithdrawalSchema>;

/** What dispatch-callback works on, once a request's contact details are unsealed: a request or a withdrawal. */
export type CallbackMessage = CallbackRequest | CallbackWithdrawal;

/**
 * What the callback queue carries: a sealed request (new or amended), or a withdrawal (ids only). A
 * request in clear is what producers queued before the envelope existed; the consumer still reads it.
 */
export type QueuedCallbackMessage = SealedCallbackRequest | CallbackWithdrawal | CallbackRequest;

/** The submission a request carries; 0 for a message from before submissions were versioned. */
export const submissionOf = (message: { readonly submission?: number | undefined }): number =>
  message.submission ?? 0;

/** True when the message withdraws requests instead of making one. */
export const isWithdrawal = (message: QueuedCallbackMessage): message is CallbackWithdrawal =>
  'kind' in message && message.kind === 'withdrawal';

/** True when the request's contact details are sealed (every producer since the queue envelope). */
export const isSealed = (message: QueuedCallbackMessage): message is SealedCallbackRequest =>
  'sealedContact' in message;

/** Thrown when a callback request does not match the schema; lists the fields, never their values. */
export class InvalidCallbackRequestError extends Error {
  override readonly name = 'InvalidCallbackRequestError';
  constructor(readonly fields: readonly string[]) {
    super(`Invalid callback request: ${fields.length > 0 ? fields.join(', ') : 'not an object'}`);
  }
}

function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  throw new InvalidCallbackRequestError([
    ...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)')),
  ]);
}

/** Parses a callback request; errors name the offending fields only (values may be personal). */
export function parseCallbackRequest(input: unknown): CallbackRequest {
  return parseWith(CallbackRequestSchema, input);
}

/** Parses a withdrawal; errors name the offending fields only. */
export function parseCallbackWithdrawal(input: unknown): CallbackWithdrawal {
  return parseWith(CallbackWithdrawalSchema, input);
}

/** Parses a sealed callback request; errors name the offending fields only. */
export function parseSealedCallbackRequest(input: unknown): SealedCallbackRequest {
  return parseWith(SealedCallbackRequestSchema, input);
}

/**
 * Parses a queue message by its shape: a withdrawal by its `kind`, a sealed request by its
 * `sealedContact`, else a request in clear (queued before the envelope).
 */
export function parseQueuedCallbackMessage(input: unknown): QueuedCallbackMessage {
  const object = typeof input === 'object' && input !== null ? input : {};
  if ('kind' in object && object.kind === 'withdrawal') return parseCallbackWithdrawal(input);
  if ('sealedContact' in object) return parseSealedCallbackRequest(input);
  return parseCallbackRequest(input);
}
