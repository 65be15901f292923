import type { CallerLanguagesConfig } from './caller-languages';
import type { PortalDomain } from './partner-portal';
import type { PartnerConfig } from './partners';
import type { LineHours } from './time/line-hours';

/**
 * The shape of a stage: every value that differs between two deployments of the line. The values
 * live in config/stages/; only the entry points (infra/app.ts, local/) read them and pass them down,
 * as construct props and then as function environment variables.
 */
export interface StageConfig extends LineHours {
  /** Stage name, used in stack names ("PremierPas-<stage>-Data"). */
  readonly stage: string;
  /** Connect runs in eu-central-1 (Frankfurt), the EU region nearest Paris that offers it. */
  readonly region: string;
  /** Account to deploy to; undefined keeps the stacks environment-agnostic (synth works offline). */
  readonly account?: string;
  /** Connect instance alias: unique per region, lower case. */
  readonly instanceAlias: string;
  readonly timeZone: 'Europe/Paris';
  /**
   * The line's number: claimed by the stack, or claimed beforehand (a French number may need
   * regulatory documents and a support case) and only associated with the main flow here.
   */
  readonly phoneNumber: PhoneNumberChoice;
  /**
   * The number a callee's phone shows when the line calls back: a dedicated number, never the published
   * one (an abuser who sees the line's number on a phone learns the call). Connect offers no withheld
   * presentation; see docs/callback-safety.md.
   */
  readonly callbackCallerNumber: PhoneNumberChoice;
  /** Listener accounts (Connect-managed identities); names only, passwords are set in the console. */
  readonly listeners: readonly {
    readonly username: string;
    readonly firstName: string;
    readonly lastName: string;
  }[];
  readonly partners: readonly PartnerConfig[];
  /**
   * Whether this stage tells the associations of their requests by e-mail (their SNS topics). When
   * true, synth fails unless every association lists `notificationEmails`, so no request waits
   * unseen behind a topic nobody reads. When false, the reason is given beside the value.
   */
  readonly notifyPartners: boolean;
  /** Where the SNS alarm topic sends e-mail; undefined creates the topic without a subscription. */
  readonly alarmEmail?: string;
  /** Missed-call rate (0..1) during open hours above which an alarm fires. */
  readonly missedCallRateThreshold: number;
  readonly retention: Retention;
  /** Limits that keep one burst or one misuse from starving the line. */
  readonly limits: AbuseLimits;
  /**
   * The partner portal's own domain (its certificate in us-east-1). Absent, the portal is served at
   * its CloudFront address, which the sign-in callback, the API's CORS and the partners' e-mails use.
   */
  readonly partnerPortalDomain?: PortalDomain;
  /**
   * The languages offered besides French while the caller waits (and when the line is closed or nobody
   * is available): key, Polly voice, and the association that calls back with an interpreter.
   */
  readonly callerLanguages: CallerLanguagesConfig;
}

/** How long each kind of data is kept: every table and log group has a stated retention. */
export interface Retention {
  /** Call records: anonymous statistics, kept for the yearly activity report and the year after. */
  readonly callsDays: number;
  /** Callback records, counted from closure; the phone number is dropped at closure already. */
  readonly closedCallbacksDays: number;
  /** Powertools idempotency records. */
  readonly idempotencyHours: number;
  /** CloudWatch log groups of every function. */
  readonly logsDays: number;
}

/** How a stage gets its phone number. */
export type PhoneNumberChoice =
  | { readonly countryCode: 'FR'; readonly type: 'DID' | 'TOLL_FREE' }
  /** ARN of a number already claimed to the instance (Connect console or a support case). */
  | { readonly existingPhoneNumberArn: string };

/** Concurrency and rate limits, and the alarm on numbers opened. */
export interface AbuseLimits {
  /** Concurrent executions reserved for each flow Lambda, so a burst elsewhere never starves a call. */
  readonly flowFunctionConcurrency: number;
  /** At most this many partner-api executions at once. */
  readonly partnerApiConcurrency: number;
  /** Partner API requests per second, steady and burst. */
  readonly partnerApiRate: RateLimit;
  /** The stricter limit on opening a number (`POST /callbacks/{id}/open`). */
  readonly openNumberRate: RateLimit;
  /** Numbers one association may open in an hour before ops are alerted. */
  readonly openedNumbersPerHourAlarm: number;
}

export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}
