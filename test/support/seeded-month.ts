import type { CallStatistics } from '#domain/call-statistics';

/** Builds a month of statistics items with known counts, for the report tests. */
export function seededCalls(
  spec: readonly {
    count: number;
    record: Partial<CallStatistics> & { qualification?: Record<string, unknown> };
  }[],
): CallStatistics[] {
  const calls: CallStatistics[] = [];
  let index = 0;
  for (const { count, record } of spec) {
    for (let n = 0; n < count; n += 1) {
      const day = `2026-11-${String(2 + (index % 27)).padStart(2, '0')}`;
      calls.push({ statId: `s-${index}`, day, hour: 9 + (index % 9), expiresAt: 0, ...record });
      index += 1;
    }
  }
  return calls;
}

export const real = (fields: Record<string, unknown>) => ({
  schemaVersion: 1,
  callType: 'real',
  callerRole: 'victim',
  gender: 'woman',
  ageBand: '36-50',
  commune: '94028',
  violenceTypes: ['psychological'],
  childrenExposed: 'no',
  firstCall: 'first',
  orientations: ['cidff94'],
  partnerCallback: 'none',
  ...fields,
});
