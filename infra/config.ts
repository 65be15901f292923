/**
 * The one typed stage configuration. `infra/app.ts` reads it once and passes it down as props;
 * the local line and the flow interpreter read the same object, so hours, partners and retention
 * cannot differ between the cloud and a developer's machine.
 */

/** Partner associations that receive callback requests, plus the line's own listeners. */
export const PARTNER_IDS = ['cidff94', 'apcars94', 'apce94', 'line'] as const;
export type PartnerId = (typeof PARTNER_IDS)[number];

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** Opening hours for one weekday, local time in `timeZone`, as "HH:MM". */
export interface DayHours {
  readonly day: Weekday;
  readonly start: string;
  readonly end: string;
}

export interface PartnerConfig {
  readonly id: PartnerId;
  /** Name shown to listeners and in reports. */
  readonly name: string;
  /** Hours within which a callback request must be handled. */
  readonly slaHours: number;
  /** Attempts before an unanswered request ends as `unreachable`. */
  readonly maxAttempts: number;
  /**
   * Addresses the association's SNS topic e-mails ("new request, due by …", no personal data).
   * Each recipient confirms the subscription once. @default [] (ops subscribe them by hand)
   */
  readonly notificationEmails?: readonly string[];
}

export interface StageConfig {
  /** Stage name, used in stack names ("PremierPas-<stage>-Data"). */
  readonly stage: string;
  /** Connect runs in eu-central-1 (Frankfurt), the EU region nearest Paris that offers it. */
  readonly region: string;
  /** Account to deploy to; undefined keeps the stacks environment-agnostic (synth works offline). */
  readonly account?: string;
  /** Connect instance alias: unique per region, lower case. */
  readonly instanceAlias: string;
  readonly timeZone: 'Europe/Paris';
  readonly weekdayHours: readonly DayHours[];
  /** Years for which French public holidays are generated as hours-of-operation overrides. */
  readonly holidayYears: readonly number[];
  readonly phoneNumber: { readonly countryCode: 'FR'; readonly type: 'DID' | 'TOLL_FREE' };
  /** Listener accounts (Connect-managed identities); names only, passwords are set in the console. */
  readonly listeners: readonly {
    readonly username: string;
    readonly firstName: string;
    readonly lastName: string;
  }[];
  readonly partners: readonly PartnerConfig[];
  /** Where the SNS alarm topic sends e-mail; undefined creates the topic without a subscription. */
  readonly alarmEmail?: string;
  /** Missed-call rate (0..1) during open hours above which an alarm fires. */
  readonly missedCallRateThreshold: number;
  readonly retention: {
    /** Call records: anonymous statistics, kept for the yearly activity report and the year after. */
    readonly callsDays: number;
    /** Callback records, counted from closure; the phone number is dropped at closure already. */
    readonly closedCallbacksDays: number;
    /** Powertools idempotency records. */
    readonly idempotencyHours: number;
    /** CloudWatch log groups of every function. */
    readonly logsDays: number;
  };
  /** Portal link carried by partner notifications (no personal data in the message). */
  readonly partnerPortalUrl: string;
}

export const config: StageConfig = {
  stage: 'prod',
  region: 'eu-central-1',
  instanceAlias: 'un-premier-pas-94',
  timeZone: 'Europe/Paris',
  weekdayHours: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => ({
    day,
    start: '09:00',
    end: '17:00',
  })),
  holidayYears: [2026, 2027, 2028],
  phoneNumber: { countryCode: 'FR', type: 'DID' },
  listeners: [
    { username: 'ecoutante1', firstName: 'Écoutante', lastName: 'Un' },
    { username: 'ecoutante2', firstName: 'Écoutante', lastName: 'Deux' },
    { username: 'ecoutante3', firstName: 'Écoutante', lastName: 'Trois' },
    { username: 'ecoutante4', firstName: 'Écoutante', lastName: 'Quatre' },
  ],
  partners: [
    { id: 'cidff94', name: 'CIDFF 94', slaHours: 48, maxAttempts: 3 },
    { id: 'apcars94', name: 'APCARS 94', slaHours: 48, maxAttempts: 3 },
    { id: 'apce94', name: 'APCE 94', slaHours: 72, maxAttempts: 3 },
    { id: 'line', name: 'Un premier pas', slaHours: 24, maxAttempts: 3 },
  ],
  missedCallRateThreshold: 0.2,
  retention: { callsDays: 730, closedCallbacksDays: 30, idempotencyHours: 24, logsDays: 90 },
  partnerPortalUrl: 'https://partenaires.unpremierpas94.fr',
};
