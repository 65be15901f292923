import * as z from 'zod/mini';
import type { EventIssue } from './errors';

/**
 * Helpers shared by the event schemas. They use `zod/mini`, which keeps a flow Lambda's bundle under
 * its 400 KB budget (full zod roughly doubles it).
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Renames the keys of `value` to the canonical names of `shape`, ignoring case, because AWS's own
 * samples mix `agentInfo`/`AgentInfo` and `instanceArn`/`InstanceARN`. An exact match wins over a
 * case-insensitive one; keys the shape does not know are dropped.
 */
export function canonicalKeys(value: unknown, canonicalNames: readonly string[]): unknown {
  if (!isPlainObject(value)) {
    return value;
  }
  const byLowerCase = new Map(canonicalNames.map((name) => [name.toLowerCase(), name]));
  const renamed: Record<string, unknown> = {};
  for (const [key, fieldValue] of Object.entries(value)) {
    const canonical = byLowerCase.get(key.toLowerCase());
    if (canonical !== undefined && (key === canonical || !(canonical in value))) {
      renamed[canonical] = fieldValue;
    }
  }
  return renamed;
}

/**
 * An object schema whose keys match case-insensitively and whose unknown keys are ignored.
 * The output type is that of `z.object(shape)`.
 */
export function caseInsensitiveObject<S extends z.core.$ZodLooseShape>(
  shape: S,
): z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, z.ZodMiniObject<S, z.core.$strip>> {
  const names = Object.keys(shape);
  return z.pipe(
    z.transform((input: unknown) => canonicalKeys(input, names)),
    z.object(shape) as z.ZodMiniObject<S, z.core.$strip>,
  );
}

/** Instants before this are placeholders (Connect sends `1970-01-01T00:00:00.001Z` for "not yet"). */
const EARLIEST_REAL_INSTANT = Date.UTC(2000, 0, 1);

/**
 * An ISO-8601 instant normalized to `Date#toISOString()` form (UTC, milliseconds), so instants compare
 * as strings; Connect's epoch placeholders become `undefined`.
 */
export const isoInstant = z.pipe(
  z.string().check(z.refine((text) => !Number.isNaN(Date.parse(text)), 'not an ISO-8601 instant')),
  z.transform((text: string): string | undefined => {
    const millis = Date.parse(text);
    return millis < EARLIEST_REAL_INSTANT ? undefined : new Date(millis).toISOString();
  }),
);

/** A string map such as contact attributes or tags; non-string values are dropped, not fatal. */
export const stringMap = z.pipe(
  z.transform((input: unknown): Record<string, string> => {
    if (!isPlainObject(input)) {
      return {};
    }
    return Object.fromEntries(
      Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }),
  z.record(z.string(), z.string()),
);

/** Converts zod issues to paths and codes only: issue messages and inputs may quote personal data. */
export function toEventIssues(issues: readonly z.core.$ZodIssue[]): EventIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const expected = 'expected' in issue && issue.expected !== undefined ? ` ${String(issue.expected)}` : '';
    const problem =
      issue.code === 'custom'
        ? issue.message
        : `${issue.code.replaceAll('_', ' ')}${expected ? `, expected${expected}` : ''}`;
    return { path, problem };
  });
}
