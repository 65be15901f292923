import { createHash } from 'node:crypto';

/**
 * A callback request id derived from the contact and the partner, shaped as an RFC 9562 UUIDv8.
 * Deterministic on purpose: a producer retried for the same contact (Connect re-invoking the flow
 * Lambda, the listener submitting the form twice) yields the same id, so the consumer's idempotency
 * keeps one request. A contact can hold one request per partner.
 */
export function callbackRequestId(contactId: string, partnerId: string): string {
  const bytes = createHash('sha256').update(`callback-request\u0000${contactId}\u0000${partnerId}`).digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
