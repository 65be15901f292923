import * as z from 'zod/mini';
import { NotAContactEventError } from './errors';
import { caseInsensitiveObject, isoInstant, stringMap, toEventIssues } from './normalize';

/**
 * Amazon Connect contact events, as EventBridge delivers them (source `aws.connect`, detail-type
 * "Amazon Connect Contact Event"). AWS's published samples vary in casing (`agentInfo`/`AgentInfo`,
 * `instanceArn`/`InstanceARN`, `EventType`) and channel spelling (`VOICE`/`Voice`): keys match
 * case-insensitively and values are upper-cased. Unknown fields are ignored, and so are event types,
 * channels and initiation methods that are not the line's inbound calls.
 */

export const CONTACT_EVENT_SOURCE = 'aws.connect';
export const CONTACT_EVENT_DETAIL_TYPE = 'Amazon Connect Contact Event';

/** The event types folded into a call record; every other type is ignored. */
export const TRACKED_CONTACT_EVENT_TYPES = [
  'INITIATED',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
  'COMPLETED',
] as const;
export type TrackedContactEventType = (typeof TRACKED_CONTACT_EVENT_TYPES)[number];

/**
 * Contact tag the main flow may set ("Set contact tags") with `true`/`false` after its hours check.
 * Tags, unlike contact attributes, travel in contact events.
 */
export const LINE_OPEN_TAG = 'lineOpen';

const envelopeSchema = caseInsensitiveObject({
  source: z.literal(CONTACT_EVENT_SOURCE),
  'detail-type': z.literal(CONTACT_EVENT_DETAIL_TYPE),
  id: z.optional(z.string()),
  time: z.optional(isoInstant),
  detail: z.unknown(),
});

const detailHeadSchema = caseInsensitiveObject({
  contactId: z.string().check(z.minLength(1)),
  eventType: z.string().check(z.minLength(1)),
  channel: z.optional(z.nullable(z.string())),
  initiationMethod: z.optional(z.nullable(z.string())),
});

/** Zod schema of the detail of a tracked contact event, canonical casing after parsing. */
export const ContactEventDetailSchema = caseInsensitiveObject({
  contactId: z.string().check(z.minLength(1)),
  eventType: z.string(),
  initialContactId: z.optional(z.nullable(z.string())),
  channel: z.optional(z.nullable(z.string())),
  instanceArn: z.optional(z.nullable(z.string())),
  initiationMethod: z.optional(z.nullable(z.string())),
  initiationTimestamp: z.optional(z.nullable(isoInstant)),
  disconnectTimestamp: z.optional(z.nullable(isoInstant)),
  queueInfo: z.optional(
    z.nullable(
      caseInsensitiveObject({
        queueArn: z.optional(z.nullable(z.string())),
        enqueueTimestamp: z.optional(z.nullable(isoInstant)),
      }),
    ),
  ),
  agentInfo: z.optional(
    z.nullable(
      caseInsensitiveObject({
        agentArn: z.optional(z.nullable(z.string())),
        connectedToAgentTimestamp: z.optional(z.nullable(isoInstant)),
      }),
    ),
  ),
  tags: z.optional(z.nullable(stringMap)),
});

/** What one tracked contact event tells about a call: instants are normalized ISO strings. */
export interface ContactObservation {
  readonly contactId: string;
  readonly eventType: TrackedContactEventType;
  /** EventBridge event id, for logs. */
  readonly eventId?: string;
  /** EventBridge envelope time: when Connect emitted the event. */
  readonly eventTime?: string;
  readonly channel?: string;
  readonly initiationMethod?: string;
  readonly instanceArn?: string;
  readonly initiatedAt?: string;
  readonly enqueuedAt?: string;
  readonly connectedToAgentAt?: string;
  readonly disconnectedAt?: string;
  /** From the `lineOpen` contact tag, when the flow set it. */
  readonly lineOpenTag?: boolean;
}

export type ContactEventParseResult =
  | { readonly kind: 'tracked'; readonly observation: ContactObservation }
  | {
      readonly kind: 'ignored';
      readonly contactId: string;
      readonly eventType: string;
      readonly reason: string;
    };

const isTracked = (eventType: string): eventType is TrackedContactEventType =>
  (TRACKED_CONTACT_EVENT_TYPES as readonly string[]).includes(eventType);

const upper = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value === '' ? undefined : value.toUpperCase();

function lineOpenFromTags(tags: Readonly<Record<string, string>> | null | undefined): boolean | undefined {
  const entry = Object.entries(tags ?? {}).find(([key]) => key.toLowerCase() === LINE_OPEN_TAG.toLowerCase());
  const value = entry?.[1].toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/**
 * Parses an EventBridge contact event. Event types other than {@link TRACKED_CONTACT_EVENT_TYPES},
 * non-voice channels (e.g. the listeners' callback tasks) and initiation methods other than `INBOUND`
 * (transfers, outbound callbacks) are returned as `ignored`, without validating the rest.
 * @throws NotAContactEventError when the payload is not a contact event or a tracked one is malformed.
 */
export function parseContactEvent(input: unknown): ContactEventParseResult {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) {
    throw new NotAContactEventError(toEventIssues(envelope.error.issues));
  }
  const head = detailHeadSchema.safeParse(envelope.data.detail);
  if (!head.success) {
    throw new NotAContactEventError(
      toEventIssues(head.error.issues).map((issue) => ({ ...issue, path: `detail.${issue.path}` })),
      'malformed contact event detail',
    );
  }
  const { contactId } = head.data;
  const eventType = head.data.eventType.toUpperCase();
  const channel = upper(head.data.channel);
  const initiationMethod = upper(head.data.initiationMethod);
  const ignored = (reason: string): ContactEventParseResult => ({
    kind: 'ignored',
    contactId,
    eventType,
    reason,
  });
  if (!isTracked(eventType)) {
    return ignored(`event type ${eventType} is not tracked`);
  }
  if (channel !== undefined && channel !== 'VOICE') {
    return ignored(`channel ${channel} is not a call`);
  }
  if (initiationMethod !== undefined && initiationMethod !== 'INBOUND') {
    return ignored(`initiation method ${initiationMethod} is not an inbound call`);
  }
  const detail = ContactEventDetailSchema.safeParse(envelope.data.detail);
  if (!detail.success) {
    throw new NotAContactEventError(
      toEventIssues(detail.error.issues).map((issue) => ({ ...issue, path: `detail.${issue.path}` })),
      `malformed ${eventType} contact event`,
    );
  }
  const data = detail.data;
  return {
    kind: 'tracked',
    observation: {
      contactId,
      eventType,
      eventId: envelope.data.id,
      eventTime: envelope.data.time ?? undefined,
      channel,
      initiationMethod,
      instanceArn: data.instanceArn ?? undefined,
      initiatedAt: data.initiationTimestamp ?? undefined,
      enqueuedAt: data.queueInfo?.enqueueTimestamp ?? undefined,
      connectedToAgentAt: data.agentInfo?.connectedToAgentTimestamp ?? undefined,
      disconnectedAt: data.disconnectTimestamp ?? undefined,
      lineOpenTag: lineOpenFromTags(data.tags),
    },
  };
}
