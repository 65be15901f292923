import type { CallRecord } from '#domain/call-record';

/** Builds a month of call records with known counts, for the report tests. */
export function seededCalls(
  spec: readonly {
    count: number;
    record: Partial<CallRecord> & { qualification?: Record<string, unknown> };
  }[],
): CallRecord[] {
  const calls: CallRecord[] = [];
  let index = 0;
  for (const { count, record } of spec) {
    for (let n = 0; n < count; n += 1) {
      const day = 2 + (index % 27);
      const initiatedAt = `2026-11-${String(day).padStart(2, '0')}T${String(8 + (index % 9)).padStart(2, '0')}:15:00.000Z`;
      calls.push({
        contactId: `c-${index}`,
        day: initiatedAt.slice(0, 10),
        initiatedAt,
        ...record,
      } as CallRecord);
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
