import {
  AssociatePhoneNumberContactFlowCommand,
  type ConnectClient,
  DisassociatePhoneNumberContactFlowCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import * as z from 'zod/mini';

/**
 * CloudFormation has no resource that points a phone number at a contact flow, so this custom
 * resource calls AssociatePhoneNumberContactFlow on create and update, and disassociates on delete.
 */

const INSTANCE_ARN = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]+:\d{12}:instance\/([-a-zA-Z0-9]+)$/;
const PHONE_NUMBER_ARN = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]+:\d{12}:phone-number\/([-a-zA-Z0-9]+)$/;
const CONTACT_FLOW_ARN =
  /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]+:\d{12}:instance\/([-a-zA-Z0-9]+)\/contact-flow\/([-a-zA-Z0-9]+)$/;

/** Properties the CDK construct passes to the custom resource. */
export const AssociationPropertiesSchema = z.object({
  InstanceArn: z.string().check(z.regex(INSTANCE_ARN, 'InstanceArn is not a Connect instance ARN')),
  PhoneNumberArn: z
    .string()
    .check(z.regex(PHONE_NUMBER_ARN, 'PhoneNumberArn is not a Connect phone number ARN')),
  ContactFlowArn: z
    .string()
    .check(z.regex(CONTACT_FLOW_ARN, 'ContactFlowArn is not a Connect contact flow ARN')),
});
export type AssociationProperties = z.infer<typeof AssociationPropertiesSchema>;

/** The part of a CloudFormation custom resource event this handler reads (unknown fields ignored). */
export const AssociationEventSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  PhysicalResourceId: z.optional(z.string()),
  ResourceProperties: z.record(z.string(), z.unknown()),
});
export type AssociationEvent = z.infer<typeof AssociationEventSchema>;

/** Raised when the custom resource is given properties it cannot act on. */
export class AssociationPropertiesError extends Error {
  constructor(readonly issues: string[]) {
    super(`phone number association properties are invalid: ${issues.join('; ')}`);
    this.name = 'AssociationPropertiesError';
  }
}

/** Connect ids taken from the ARNs, checked to belong to one instance. */
export interface AssociationIds {
  readonly instanceId: string;
  readonly phoneNumberId: string;
  readonly contactFlowId: string;
}

/** Validates the properties and extracts the ids the Connect API expects. */
export function associationIds(properties: unknown): AssociationIds {
  const parsed = AssociationPropertiesSchema.safeParse(properties);
  if (!parsed.success) {
    throw new AssociationPropertiesError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const instanceId = INSTANCE_ARN.exec(parsed.data.InstanceArn)?.[1];
  const phoneNumberId = PHONE_NUMBER_ARN.exec(parsed.data.PhoneNumberArn)?.[1];
  const flowMatch = CONTACT_FLOW_ARN.exec(parsed.data.ContactFlowArn);
  if (instanceId === undefined || phoneNumberId === undefined || flowMatch?.[2] === undefined) {
    throw new AssociationPropertiesError(['an ARN did not yield its id']);
  }
  if (flowMatch[1] !== instanceId) {
    throw new AssociationPropertiesError(['ContactFlowArn belongs to another instance than InstanceArn']);
  }
  return { instanceId, phoneNumberId, contactFlowId: flowMatch[2] };
}

/** What the Provider framework sends back to CloudFormation. */
export interface AssociationResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/**
 * Applies one custom resource event. The physical id is the phone number ARN, so pointing the
 * resource at another number makes CloudFormation delete (disassociate) the old one after the update.
 */
export async function applyAssociationEvent(
  event: AssociationEvent,
  connect: ConnectClient,
): Promise<AssociationResponse> {
  if (event.RequestType === 'Delete') {
    return disassociate(event, connect);
  }
  const ids = associationIds(event.ResourceProperties);
  await connect.send(
    new AssociatePhoneNumberContactFlowCommand({
      InstanceId: ids.instanceId,
      PhoneNumberId: ids.phoneNumberId,
      ContactFlowId: ids.contactFlowId,
    }),
  );
  return {
    PhysicalResourceId: String(event.ResourceProperties.PhoneNumberArn),
    Data: { ContactFlowId: ids.contactFlowId },
  };
}

async function disassociate(event: AssociationEvent, connect: ConnectClient): Promise<AssociationResponse> {
  const physicalResourceId = event.PhysicalResourceId ?? 'never-associated';
  let ids: AssociationIds;
  try {
    ids = associationIds(event.ResourceProperties);
  } catch {
    // A create that failed validation associated nothing: there is nothing to undo.
    return { PhysicalResourceId: physicalResourceId };
  }
  if (physicalResourceId !== event.ResourceProperties.PhoneNumberArn) {
    // The failed create never reached Connect; its physical id is not a phone number.
    return { PhysicalResourceId: physicalResourceId };
  }
  try {
    await connect.send(
      new DisassociatePhoneNumberContactFlowCommand({
        InstanceId: ids.instanceId,
        PhoneNumberId: ids.phoneNumberId,
      }),
    );
  } catch (caught) {
    // Already released or already disassociated: the end state is the one asked for.
    if (!(caught instanceof ResourceNotFoundException)) {
      throw caught;
    }
  }
  return { PhysicalResourceId: physicalResourceId };
}
