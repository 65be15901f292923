import * as z from 'zod/mini';
import { PARTNER_IDS, type PartnerPolicy } from './partners';
import type { LineHours } from './time/line-hours';

/**
 * Stage values as Lambda environment variables, defined once: the constructs encode them with
 * {@link stageVariables}, the functions decode them with {@link STAGE_VARIABLE_SCHEMAS} at cold start.
 * Only what a function needs travels (an SLA, not an association's e-mail addresses).
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** A whole number above zero, written as a string (environment variables are strings). */
const positiveWhole = z.pipe(
  z.string().check(z.regex(/^[1-9]\d*$/, 'expected a whole number above zero')),
  z.transform(Number),
);

/** JSON text holding a value of `schema`; bad JSON is an issue, not a throw. */
const jsonOf = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((text, context) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          context.issues.push({ code: 'custom', message: 'expected JSON', input: text });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );

const PartnerPolicySchema = z.object({
  id: z.enum(PARTNER_IDS),
  slaHours: z.number().check(z.positive()),
  maxAttempts: z.int().check(z.positive()),
});

const LineHoursSchema = z.object({
  weekdayHours: z.array(
    z.object({
      day: z.enum(WEEKDAYS),
      start: z.string().check(z.regex(HHMM)),
      end: z.string().check(z.regex(HHMM)),
    }),
  ),
  holidayYears: z.array(z.int().check(z.gte(2000), z.lte(2199))),
});

/** How each stage variable is read back. */
export const STAGE_VARIABLE_SCHEMAS = {
  CALLS_RETENTION_DAYS: positiveWhole,
  CLOSED_CALLBACKS_RETENTION_DAYS: positiveWhole,
  IDEMPOTENCY_HOURS: positiveWhole,
  PARTNERS: jsonOf(z.array(PartnerPolicySchema).check(z.minLength(1))),
  LINE_HOURS: jsonOf(LineHoursSchema),
  PARTNER_PORTAL_URL: z.url({ protocol: /^https?$/ }),
} as const;

export type StageVariable = keyof typeof STAGE_VARIABLE_SCHEMAS;

/** How each stage value is written into a function's environment. */
export const stageVariables = {
  callsRetentionDays: (days: number) => ({ CALLS_RETENTION_DAYS: String(days) }),
  closedCallbacksRetentionDays: (days: number) => ({ CLOSED_CALLBACKS_RETENTION_DAYS: String(days) }),
  idempotencyHours: (hours: number) => ({ IDEMPOTENCY_HOURS: String(hours) }),
  partners: (partners: readonly PartnerPolicy[]) => ({
    PARTNERS: JSON.stringify(
      partners.map(({ id, slaHours, maxAttempts }) => ({ id, slaHours, maxAttempts })),
    ),
  }),
  lineHours: (hours: LineHours) => ({
    LINE_HOURS: JSON.stringify({ weekdayHours: hours.weekdayHours, holidayYears: hours.holidayYears }),
  }),
  partnerPortalUrl: (url: string) => ({ PARTNER_PORTAL_URL: url }),
} satisfies Record<string, (value: never) => Partial<Record<StageVariable, string>>>;
