import type { PartnerId } from '#domain/partners';

/**
 * The seeded users of the local OpenID provider: one per association, and one who belongs to none
 * (the portal must refuse her). Local only: one shared, documented password, no MFA.
 */

export interface LocalPortalUser {
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  /** The user's Cognito group on AWS; none for a user with no association. */
  readonly partnerId?: PartnerId;
}

/** The one password of every local user (README, "Partner portal"). Never used outside the local line. */
export const LOCAL_PORTAL_PASSWORD = 'premier-pas-local';

export const LOCAL_PORTAL_USERS: readonly LocalPortalUser[] = [
  {
    username: 'claire',
    displayName: 'Claire (CIDFF 94)',
    email: 'claire@cidff94.local',
    partnerId: 'cidff94',
  },
  { username: 'amir', displayName: 'Amir (APCARS 94)', email: 'amir@apcars94.local', partnerId: 'apcars94' },
  { username: 'agathe', displayName: 'Agathe (APCE 94)', email: 'agathe@apce94.local', partnerId: 'apce94' },
  { username: 'nadia', displayName: 'Nadia (aucune association)', email: 'nadia@example.local' },
];

export function findLocalPortalUser(username: string): LocalPortalUser | undefined {
  return LOCAL_PORTAL_USERS.find((user) => user.username === username);
}
