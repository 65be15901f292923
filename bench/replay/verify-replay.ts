import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { forEachCallOfDays } from '../../functions/monthly-report/read-calls';
import type { MetricsSink } from '../../local/runtime/metrics-sink';
import { canonical, type IntendedCall, intendedStatistics } from './generate-calls';

/**
 * Checks what the tables and the metrics hold after a replay against what the generator intended,
 * per the line's design: each call keeps one calls item (its contactId is the key) with the outcome,
 * wait and talk of its events, marked moved; each call has exactly one anonymous statistics item
 * (matched as a multiset, since nothing links it back to the call); and each call's metrics went out
 * once.
 */

export interface ReplayVerdict {
  /** Calls with no calls item, or whose statistics item is missing, or metrics short. */
  readonly lost: number;
  /** Statistics items or metric counts beyond one per call. */
  readonly duplicated: number;
  /** Calls items whose outcome, wait or talk differ from the intended ones, or never moved. */
  readonly wrong: number;
  /** One line per kind of discrepancy, for the report (empty when all is well). */
  readonly details: readonly string[];
}

const OUTCOME_METRICS = {
  answered: 'CallsAnswered',
  missed_in_queue: 'CallsMissedInQueue',
  abandoned_in_ivr: 'CallsAbandonedInIvr',
  out_of_hours: 'CallsOutOfHours',
} as const;

async function scanCalls(
  dynamo: Pick<DynamoDBDocumentClient, 'send'>,
  tableName: string,
  idPrefix: string,
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const segments = 4;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: 'begins_with(contactId, :prefix)',
            ExpressionAttributeValues: { ':prefix': idPrefix },
            ProjectionExpression: 'contactId, outcome, waitSeconds, talkSeconds, statisticsMovedAt',
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) found.set(String(item.contactId), item);
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    }),
  );
  return found;
}

async function statisticsOfDays(
  dynamo: Pick<DynamoDBDocumentClient, 'send'>,
  tableName: string,
  days: readonly string[],
): Promise<Map<string, number>> {
  // Read as the monthly report reads them: an item it cannot parse counts as lost here too.
  const counts = new Map<string, number>();
  await forEachCallOfDays(dynamo, tableName, days, (call) => {
    const key = canonical({
      day: call.day,
      hour: call.hour,
      outcome: call.outcome,
      waitSeconds: call.waitSeconds,
      talkSeconds: call.talkSeconds,
      qualification: call.qualification,
    });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

/** Compares the tables and the metric totals with `intended`. */
export async function verifyReplay(
  intended: readonly IntendedCall[],
  deps: {
    readonly dynamo: Pick<DynamoDBDocumentClient, 'send'>;
    readonly callsTable: string;
    readonly statisticsTable: string;
    readonly idPrefix: string;
    /** The days the replay's calls fall on (Paris dates). */
    readonly days: readonly string[];
    readonly metrics: MetricsSink;
  },
): Promise<ReplayVerdict> {
  const details: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let wrong = 0;

  const calls = await scanCalls(deps.dynamo, deps.callsTable, deps.idPrefix);
  let missingItems = 0;
  let wrongItems = 0;
  let unmoved = 0;
  for (const call of intended) {
    const item = calls.get(call.contactId);
    if (item === undefined) {
      missingItems += 1;
      continue;
    }
    if (
      item.outcome !== call.outcome ||
      item.waitSeconds !== call.waitSeconds ||
      item.talkSeconds !== call.talkSeconds
    ) {
      wrongItems += 1;
      if (wrongItems <= 3) {
        details.push(
          `wrong call ${call.contactId}: intended ${canonical({ o: call.outcome, w: call.waitSeconds, t: call.talkSeconds })}, found ${canonical({ o: item.outcome, w: item.waitSeconds, t: item.talkSeconds })}`,
        );
      }
    } else if (item.statisticsMovedAt === undefined) unmoved += 1;
  }
  const strayItems = calls.size - (intended.length - missingItems);
  if (missingItems > 0) details.push(`${missingItems} calls without a calls item`);
  if (wrongItems > 0) details.push(`${wrongItems} calls items with another outcome, wait or talk`);
  if (unmoved > 0) details.push(`${unmoved} calls items whose statistics never moved`);
  if (strayItems > 0) details.push(`${strayItems} calls items the generator never made`);
  lost += missingItems;
  wrong += wrongItems + unmoved;
  duplicated += Math.max(0, strayItems);

  const expected = new Map<string, number>();
  for (const call of intended) {
    const key = intendedStatistics(call);
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const found = await statisticsOfDays(deps.dynamo, deps.statisticsTable, deps.days);
  let missingStatistics = 0;
  let extraStatistics = 0;
  for (const key of new Set([...expected.keys(), ...found.keys()])) {
    const difference = (found.get(key) ?? 0) - (expected.get(key) ?? 0);
    if (difference < 0) missingStatistics -= difference;
    else extraStatistics += difference;
    if (difference !== 0 && details.length < 12)
      details.push(`statistics ${difference > 0 ? '+' : ''}${difference}: ${key}`);
  }
  if (missingStatistics > 0) details.push(`${missingStatistics} statistics items missing`);
  if (extraStatistics > 0) details.push(`${extraStatistics} statistics items beyond one per call`);
  // A statistics item that differs shows as one missing and one extra: count it once, as wrong.
  const mismatched = Math.min(missingStatistics, extraStatistics);
  wrong += mismatched;
  lost += missingStatistics - mismatched;
  duplicated += extraStatistics - mismatched;

  const metricChecks: [string, number][] = [
    ['CallsReceived', intended.length],
    ...Object.entries(OUTCOME_METRICS).map(
      ([outcome, metric]) =>
        [metric, intended.filter((call) => call.outcome === outcome).length] as [string, number],
    ),
    ['QualificationsRecorded', intended.filter((call) => call.qualification !== undefined).length],
    ['WaitSeconds', intended.reduce((sum, call) => sum + (call.waitSeconds ?? 0), 0)],
    ['TalkSeconds', intended.reduce((sum, call) => sum + (call.talkSeconds ?? 0), 0)],
  ];
  for (const [metric, want] of metricChecks) {
    const got = deps.metrics.sum(metric);
    if (got === want) continue;
    details.push(`metric ${metric}: ${got}, intended ${want}`);
    if (metric === 'WaitSeconds' || metric === 'TalkSeconds') wrong += 1;
    else if (got > want) duplicated += got - want;
    else lost += want - got;
  }
  return { lost, duplicated, wrong, details };
}
