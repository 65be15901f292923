import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallStatistics } from '#domain/call-statistics';
import { statisticsExpiresAt } from '#domain/call-statistics';
import { validateQualification } from '#domain/qualification/validate';
import { daysOfMonth, type ReportMonth } from '../../functions/monthly-report/period';
import { seededQualification, seededRandom } from '../../local/demo/qualified-month';

/**
 * Writes `count` statistics items for `month` (seeded: outcomes, hours, rounded waits and talks, and
 * the listener's qualification for most answered calls), 25 per BatchWriteItem, some in flight at once.
 */
export async function seedStatisticsMonth(
  dynamo: Pick<DynamoDBDocumentClient, 'send'>,
  tableName: string,
  month: ReportMonth,
  count: number,
  onProgress: (written: number) => void = () => {},
): Promise<void> {
  const random = seededRandom(count);
  const days = daysOfMonth(month);
  const item = (): CallStatistics => {
    const day = days[Math.floor(random() * days.length)] as string;
    const roll = random();
    const outcome =
      roll < 0.6
        ? 'answered'
        : roll < 0.72
          ? 'missed_in_queue'
          : roll < 0.8
            ? 'abandoned_in_ivr'
            : 'out_of_hours';
    const fields =
      outcome === 'answered' && random() < 0.9
        ? validateQualification(seededQualification(random))
        : undefined;
    return {
      statId: randomUUID(),
      day,
      hour: Math.floor(random() * 24),
      expiresAt: statisticsExpiresAt(day, 3650),
      outcome,
      ...(outcome === 'answered' || outcome === 'missed_in_queue'
        ? { waitSeconds: Math.round((random() * 300) / 10) * 10 }
        : {}),
      ...(outcome === 'answered' ? { talkSeconds: Math.round((random() * 2400) / 60) * 60 } : {}),
      ...(fields?.ok ? { qualification: fields.qualification } : {}),
    };
  };
  let written = 0;
  const writer = async () => {
    while (written < count) {
      const size = Math.min(25, count - written);
      written += size;
      let requests = Array.from({ length: size }, () => ({ PutRequest: { Item: item() } }));
      while (requests.length > 0) {
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
      if (written % 5_000 < 25) onProgress(written);
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}
