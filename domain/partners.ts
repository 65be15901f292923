/**
 * The partner associations a listener can hand a callback to, plus the line's own listeners, and
 * the service levels they promise. Which partners a stage has, and their SLAs, are stage values.
 */

/** Partner associations that receive callback requests, plus the line's own listeners. */
export const PARTNER_IDS = ['cidff94', 'apcars94', 'apce94', 'line'] as const;
export type PartnerId = (typeof PARTNER_IDS)[number];

/** What the callback functions need of a partner: its service level. */
export interface PartnerPolicy {
  readonly id: PartnerId;
  /** Hours within which a callback request must be handled. */
  readonly slaHours: number;
  /** Attempts before an unanswered request ends as `unreachable`. */
  readonly maxAttempts: number;
}

export interface PartnerConfig extends PartnerPolicy {
  /** Name shown to listeners and in reports. */
  readonly name: string;
  /**
   * Addresses the association's SNS topic e-mails ("new request, due by …", no personal data).
   * Each recipient confirms the subscription once. @default [] (ops subscribe them by hand)
   */
  readonly notificationEmails?: readonly string[];
}

/** Thrown when a partner id has no entry in the stage's partners: a deploy mistake, not bad input. */
export class UnknownPartnerError extends Error {
  override readonly name = 'UnknownPartnerError';
  constructor(readonly partnerId: string) {
    super(`Partner ${partnerId} is not configured for this stage`);
  }
}

/** The policy of `partnerId` among a stage's partners. */
export function findPartner<P extends PartnerPolicy>(partners: readonly P[], partnerId: PartnerId): P {
  const found = partners.find((partner) => partner.id === partnerId);
  if (found === undefined) throw new UnknownPartnerError(partnerId);
  return found;
}

/** When a request made at `createdAt` must be handled, from the partner's SLA. */
export function dueByFor(partner: Pick<PartnerPolicy, 'slaHours'>, createdAt: Date): string {
  return new Date(createdAt.getTime() + partner.slaHours * 3_600_000).toISOString();
}
