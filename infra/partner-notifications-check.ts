import type { StageConfig } from '#domain/stage';

/**
 * Why a stage cannot claim to notify its partners: each association (the line itself is told by
 * Connect tasks) needs at least one subscriber on its topic. Empty when the stage is consistent.
 */
export function partnerNotificationProblems(
  config: Pick<StageConfig, 'stage' | 'partners' | 'notifyPartners'>,
): string[] {
  if (!config.notifyPartners) return [];
  return config.partners
    .filter((partner) => partner.id !== 'line' && (partner.notificationEmails ?? []).length === 0)
    .map(
      (partner) =>
        `Stage ${config.stage} sets notifyPartners: true, but partner ${partner.id} has no notificationEmails: ` +
        'its requests would wait unseen. List its addresses in config/stages, or set notifyPartners: false and say why.',
    );
}
