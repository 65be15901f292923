import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { lineClients, withLocalLine } from '../support/local-line';
import { defined, listSamples, readSample } from '../unit/events/sample-events';

// The line's env must be applied before any handler or shared client module loads.
const line = withLocalLine();
const { invokeFunction } =
  require('../../local/runtime/lambda-runtime') as typeof import('../../local/runtime/lambda-runtime');
const { captureStdout, POWERTOOLS_EMPTY_METRICS_NOTICE } =
  require('../../local/runtime/metrics-sink') as typeof import('../../local/runtime/metrics-sink');
const { guideEvent } =
  require('../../local/demo/qualified-month') as typeof import('../../local/demo/qualified-month');
const { sweepStatistics } =
  require('../../functions/sweep-statistics/sweep') as typeof import('../../functions/sweep-statistics/sweep');
const { recordingMetricSink } =
  require('../../functions/shared/emit-metric') as typeof import('../../functions/shared/emit-metric');
const { produceMonthlyReport } =
  require('../../functions/monthly-report/report') as typeof import('../../functions/monthly-report/report');
const { STATISTICS_ATTRIBUTES } =
  require('#domain/call-statistics') as typeof import('#domain/call-statistics');

const clients = lineClients(line);
afterAll(() => clients.destroy());

/** The samples' day; each test moves its calls to a day of its own, so counts are exact. */
const SAMPLE_DAY = '2026-03-10';
const SUBMISSION = {
  callType: 'real',
  callerRole: 'victim',
  gender: 'woman',
  ageBand: ['36-50'],
  commune: ['94028'],
  violenceTypes: ['psychological'],
  childrenExposed: 'no',
  firstCall: 'first',
  orientations: ['line3919'],
  partnerCallback: 'none',
};

type Step = { readonly fn: string; readonly event: unknown };

/** A call of `scenario` on `day`: its contact events, its call-intake and, if given, its qualification. */
function callSteps(
  scenario: 'answered' | 'missed-in-queue',
  day: string,
  qualification?: Record<string, unknown>,
): { contactId: string; steps: Step[] } {
  const contactId = randomUUID();
  const events = listSamples(`contact-events/${scenario}`).map((sample) => readSample(sample));
  const sampleId = defined(events[0] as { detail: { contactId: string } }, 'first event').detail.contactId;
  const rekey = (event: unknown) =>
    JSON.parse(JSON.stringify(event).replaceAll(sampleId, contactId).replaceAll(SAMPLE_DAY, day)) as unknown;
  const intake = readSample('contact-flow/call-intake.json') as {
    Details: { ContactData: { ContactId: string } };
  };
  intake.Details.ContactData.ContactId = contactId;
  return {
    contactId,
    steps: [
      ...events.map((event) => ({ fn: 'contact-events', event: rekey(event) })),
      { fn: 'call-intake', event: intake },
      ...(qualification === undefined
        ? []
        : [{ fn: 'qualify-call', event: guideEvent(contactId, qualification) }]),
    ],
  };
}

async function invokeOk(step: Step): Promise<unknown> {
  const invocation = await invokeFunction(step.fn, step.event, {
    functionConfig: line.resources.functions[step.fn],
  });
  if (!invocation.ok) throw new Error(`${step.fn}: ${invocation.error.name}: ${invocation.error.message}`);
  return invocation.result;
}

async function play(steps: readonly Step[]): Promise<void> {
  const capture = captureStdout(undefined, { logs: 'drop', muteStderr: [POWERTOOLS_EMPTY_METRICS_NOTICE] });
  try {
    for (const step of steps) await invokeOk(step);
  } finally {
    capture.restore();
  }
}

const readCall = async (contactId: string) =>
  (
    await clients.dynamo.send(
      new GetCommand({ TableName: line.env.CALLS_TABLE_NAME, Key: { contactId }, ConsistentRead: true }),
    )
  ).Item;

async function statisticsOfDay(day: string): Promise<Record<string, unknown>[]> {
  const { Items } = await clients.dynamo.send(
    new QueryCommand({
      TableName: line.env.STATISTICS_TABLE_NAME,
      IndexName: 'byDay',
      KeyConditionExpression: '#day = :day',
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: { ':day': day },
    }),
  );
  return Items ?? [];
}

let nextDay = 0;
/**
 * A day of its own for each test and each run: 2019 is a year no other test plays, and in the past, so
 * Connect's initiation stays the earliest start whenever call-intake's clock runs.
 */
const freshDay = () => {
  nextDay += 1;
  return new Date(Date.UTC(2019, 0, 1) + nextDay * 86_400_000).toISOString().slice(0, 10);
};

describe('statistics move out of the contactId-keyed table', () => {
  test('after qualification and completion, no item holds both a contactId and a qualification', async () => {
    const day = freshDay();
    const { contactId, steps } = callSteps('answered', day, SUBMISSION);
    await play(steps);

    const call = await readCall(contactId);
    expect(call).toBeDefined();
    expect(call).not.toHaveProperty('qualification');
    expect(call).not.toHaveProperty('qualifiedAt');
    expect(typeof call?.statisticsMovedAt).toBe('string');
    // The moved item expires within days (2 days after the move), not with the statistics.
    expect(Number(call?.expiresAt) - Date.now() / 1000).toBeLessThanOrEqual(2 * 86_400 + 60);

    const [statistics, ...others] = await statisticsOfDay(day);
    expect(others).toHaveLength(0);
    expect(
      Object.keys(statistics ?? {}).every((key) => (STATISTICS_ATTRIBUTES as string[]).includes(key)),
    ).toBe(true);
    expect(statistics).toMatchObject({
      day,
      hour: 10,
      outcome: 'answered',
      waitSeconds: 50,
      talkSeconds: 900,
      qualification: { callType: 'real', commune: '94028' },
    });
    // No contactId, no caller key, no exact instant anywhere in it.
    const text = JSON.stringify(statistics);
    expect(text).not.toContain(contactId);
    expect(text).not.toMatch(/contactId|callerKey|\d{2}:\d{2}/);
    expect(Number(statistics?.expiresAt) % 86_400).toBe(0);

    // No item has a contactId and a qualification at once: the call's item lost its qualification, and
    // no statistics item anywhere has a contactId. (The calls table is shared with the other test files,
    // whose calls may hold a qualification until they end, so only this call is checked there.)
    expect(await readCall(contactId)).not.toHaveProperty('qualification');
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await clients.dynamo.send(
        new ScanCommand({ TableName: line.env.STATISTICS_TABLE_NAME, ExclusiveStartKey: startKey }),
      );
      expect((page.Items ?? []).filter((item) => 'contactId' in item)).toEqual([]);
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  });

  test('a qualification arriving in any order among duplicated events gives one statistics item', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 6 }), { maxLength: 4 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        async (duplicates, keys) => {
          const day = freshDay();
          const { contactId, steps } = callSteps('answered', day, { callType: 'silent' });
          const sequence = [...steps, ...duplicates.map((index) => defined(steps[index], 'step'))]
            .map((step) => ({ step, key: keys.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ step }) => step);
          await play(sequence);

          const call = await readCall(contactId);
          expect(call).not.toHaveProperty('qualification');
          const items = await statisticsOfDay(day);
          expect(items).toHaveLength(1);
          expect(items[0]).toMatchObject({ outcome: 'answered', qualification: { callType: 'silent' } });
        },
      ),
      { numRuns: 12 },
    );
  });

  test('a late qualification after the move is refused: the statistics keep the first one', async () => {
    const day = freshDay();
    const { contactId, steps } = callSteps('answered', day, { callType: 'silent' });
    await play(steps);
    await play([{ fn: 'qualify-call', event: guideEvent(contactId, SUBMISSION) }]);
    expect(await readCall(contactId)).not.toHaveProperty('qualification');
    const items = await statisticsOfDay(day);
    expect(items).toHaveLength(1);
    expect(items[0]?.qualification).toEqual({ schemaVersion: 1, callType: 'silent' });
  });

  test('the sweep counts a qualification it moves itself: a qualified call whose end never arrived', async () => {
    const day = freshDay();
    const { contactId, steps } = callSteps('answered', day, SUBMISSION);
    const ends = /"eventType":"(DISCONNECTED|COMPLETED)"/;
    await play(steps.filter((step) => !ends.test(JSON.stringify(step.event))));
    // Qualified but never ended: nobody moved it, so nobody counted it yet.
    expect(await readCall(contactId)).not.toHaveProperty('statisticsMovedAt');
    const metrics = recordingMetricSink();
    const swept = await sweepStatistics({
      dynamo: clients.dynamo,
      callsTable: line.env.CALLS_TABLE_NAME,
      statisticsTable: line.env.STATISTICS_TABLE_NAME,
      retentionDays: 730,
      metrics,
      logger: { warn: () => {} },
      now: () => new Date(Date.parse(`${day}T12:00:00Z`) + 8 * 86_400_000),
      days: [day],
    });
    expect(swept).toMatchObject({ moved: 1, failed: 0 });
    expect(metrics.recorded).toEqual([
      { key: 'qualificationsRecorded', value: 1, dimensions: {} },
      { key: 'qualificationsByCallerRole', value: 1, dimensions: { callerRole: 'victim' } },
    ]);
    expect(await statisticsOfDay(day)).toEqual([
      expect.objectContaining({ qualification: expect.objectContaining({ callerRole: 'victim' }) }),
    ]);
  });

  test('the sweep moves unqualified calls older than a week, and the monthly report counts every call', async () => {
    const month = '2019-09';
    const days = ['2019-09-03', '2019-09-17'];
    const qualified = days.flatMap((day) =>
      Array.from({ length: 3 }, () => callSteps('answered', day, SUBMISSION)),
    );
    const unqualified = days.flatMap((day) => [
      callSteps('answered', day),
      callSteps('missed-in-queue', day),
      callSteps('missed-in-queue', day),
    ]);
    await play([...qualified, ...unqualified].flatMap((call) => call.steps));
    // Before the sweep: the unqualified calls are still in the calls table, with no statistics.
    expect((await statisticsOfDay(days[0] as string)).length).toBe(3);
    for (const call of unqualified)
      expect(await readCall(call.contactId)).not.toHaveProperty('statisticsMovedAt');

    const sweepMetrics = recordingMetricSink();
    const sweep = {
      dynamo: clients.dynamo,
      callsTable: line.env.CALLS_TABLE_NAME,
      statisticsTable: line.env.STATISTICS_TABLE_NAME,
      retentionDays: 730,
      metrics: sweepMetrics,
      logger: { warn: () => {} },
    };
    // Six days after the last call: too early for it, not for the first day's calls.
    const early = await sweepStatistics({ ...sweep, now: () => new Date('2019-09-23T12:00:00Z'), days });
    expect(early).toMatchObject({ moved: 3, failed: 0 });
    const late = await sweepStatistics({ ...sweep, now: () => new Date('2019-09-30T12:00:00Z'), days });
    expect(late).toMatchObject({ moved: 3, failed: 0 });
    // A second sweep finds nothing left to move.
    await expect(
      sweepStatistics({ ...sweep, now: () => new Date('2019-09-30T12:00:00Z'), days }),
    ).resolves.toMatchObject({ moved: 0 });
    for (const call of unqualified)
      expect(await readCall(call.contactId)).toHaveProperty('statisticsMovedAt');
    // It moved no qualification, so it counted none (the qualified calls were counted when they moved).
    expect(sweepMetrics.recorded).toEqual([]);

    const written: Record<string, string> = {};
    const result = await produceMonthlyReport(month, {
      dynamo: clients.dynamo,
      statisticsTable: line.env.STATISTICS_TABLE_NAME,
      writer: {
        write: async (name, body) => {
          written[name] = body;
          return name;
        },
      },
    });
    expect(result.calls).toBe(12);
    const table = (id: string) =>
      defined(
        result.report.tables.find((entry) => entry.id === id),
        id,
      );
    expect(table('outcomes').total.count).toBe(12);
    expect(Object.fromEntries(table('outcomes').cells.map((cell) => [cell.key, cell.count]))).toMatchObject({
      answered: 8,
      missed_in_queue: 4,
    });
    expect(table('callType').total.count).toBe(6);
    expect(table('callType').cells.find((cell) => cell.key === 'real')?.count).toBe(6);
    expect(result.report.unreadableRecords).toBe(0);
  });
});
