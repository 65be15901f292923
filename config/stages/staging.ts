import type { StageConfig } from '#domain/stage';
import { prod } from './prod';

/**
 * The same line on its own Connect instance, for trying a change before prod. Test data only, so it
 * keeps calls a shorter time, and no partner association is e-mailed from it.
 */
// Prod's portal domain never carries over: staging is served at its own CloudFront address.
const { partnerPortalDomain: _prodDomain, ...prodValues } = prod;

export const staging: StageConfig = {
  ...prodValues,
  stage: 'staging',
  instanceAlias: 'un-premier-pas-94-staging',
  partners: prod.partners.map(({ notificationEmails: _none, ...partner }) => partner),
  // Test data only: no association is ever e-mailed from staging.
  notifyPartners: false,
  retention: { callsDays: 30, closedCallbacksDays: 7, idempotencyHours: 24, logsDays: 14 },
};
