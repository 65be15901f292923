import {
  config,
  PARTNER_IDS,
  type PartnerConfig,
  type PartnerId,
  type StageConfig,
} from '../../../infra/config';

export { PARTNER_IDS, type PartnerId };

/** Thrown when a partner id has no entry in the stage config: a deploy mistake, not bad input. */
export class UnknownPartnerError extends Error {
  override readonly name = 'UnknownPartnerError';
  constructor(readonly partnerId: string) {
    super(`Partner ${partnerId} is not configured in infra/config.ts`);
  }
}

/** The stage config entry of a partner (SLA, attempts). */
export function partnerConfig(partnerId: PartnerId, stage: StageConfig = config): PartnerConfig {
  const found = stage.partners.find((partner) => partner.id === partnerId);
  if (found === undefined) throw new UnknownPartnerError(partnerId);
  return found;
}

/** When a request made at `createdAt` must be handled, from the partner SLA. */
export function dueByFor(partnerId: PartnerId, createdAt: Date, stage: StageConfig = config): string {
  return new Date(createdAt.getTime() + partnerConfig(partnerId, stage).slaHours * 3_600_000).toISOString();
}

/** Epoch seconds at which a closed callback record is deleted by the table TTL. */
export function closedExpiresAt(closedAt: Date, stage: StageConfig = config): number {
  return Math.floor(closedAt.getTime() / 1000) + stage.retention.closedCallbacksDays * 86_400;
}

export { config as stageConfig };
