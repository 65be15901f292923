import * as z from 'zod/mini';
import { NotAContactFlowEventError } from './errors';
import { caseInsensitiveObject, stringMap, toEventIssues } from './normalize';

/**
 * The event Amazon Connect sends to a Lambda invoked from a contact flow ("Invoke AWS Lambda function"
 * block). Keys match case-insensitively; unknown fields are ignored. `CustomerEndpoint.Address` is the
 * caller's number: it is parsed so that a keyed HMAC can be made of it, and must never be logged or stored.
 */

const endpointSchema = caseInsensitiveObject({
  Address: z.optional(z.nullable(z.string())),
  Type: z.optional(z.nullable(z.string())),
});

const contactDataSchema = caseInsensitiveObject({
  ContactId: z.string().check(z.minLength(1)),
  InitialContactId: z.optional(z.nullable(z.string())),
  PreviousContactId: z.optional(z.nullable(z.string())),
  Channel: z.optional(z.nullable(z.string())),
  InitiationMethod: z.optional(z.nullable(z.string())),
  InstanceARN: z.optional(z.nullable(z.string())),
  CustomerEndpoint: z.optional(z.nullable(endpointSchema)),
  SystemEndpoint: z.optional(z.nullable(endpointSchema)),
  Attributes: z.optional(z.nullable(stringMap)),
  LanguageCode: z.optional(z.nullable(z.string())),
});

/** Zod schema of the raw contact flow event, canonical casing after parsing. */
export const ContactFlowEventSchema = caseInsensitiveObject({
  Name: z.literal('ContactFlowEvent'),
  Details: caseInsensitiveObject({
    ContactData: contactDataSchema,
    Parameters: z.optional(z.nullable(stringMap)),
  }),
});

export type ContactFlowEvent = z.output<typeof ContactFlowEventSchema>;

/** What a flow Lambda needs from a contact flow event, in our own names. */
export interface ContactFlowCall {
  readonly contactId: string;
  readonly initialContactId?: string;
  /** Upper case (`VOICE`, `CHAT`, `TASK`…), whatever casing Connect used. */
  readonly channel?: string;
  readonly initiationMethod?: string;
  readonly instanceArn?: string;
  /** The caller's number (E.164) or `anonymous`: personal data, for HMAC only. */
  readonly customerAddress?: string;
  readonly customerEndpointType?: string;
  /** Contact attributes set by the flow so far. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Parameters of the "Invoke AWS Lambda function" block. */
  readonly parameters: Readonly<Record<string, string>>;
}

const present = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value === '' ? undefined : value;

/**
 * Parses a contact flow event into a {@link ContactFlowCall}.
 * @throws NotAContactFlowEventError when the payload is not a contact flow event (no input value is quoted).
 */
export function parseContactFlowEvent(input: unknown): ContactFlowCall {
  const parsed = ContactFlowEventSchema.safeParse(input);
  if (!parsed.success) {
    throw new NotAContactFlowEventError(toEventIssues(parsed.error.issues));
  }
  const contactData = parsed.data.Details.ContactData;
  return {
    contactId: contactData.ContactId,
    initialContactId: present(contactData.InitialContactId),
    channel: present(contactData.Channel)?.toUpperCase(),
    initiationMethod: present(contactData.InitiationMethod)?.toUpperCase(),
    instanceArn: present(contactData.InstanceARN),
    customerAddress: present(contactData.CustomerEndpoint?.Address),
    customerEndpointType: present(contactData.CustomerEndpoint?.Type),
    attributes: contactData.Attributes ?? {},
    parameters: parsed.data.Details.Parameters ?? {},
  };
}
