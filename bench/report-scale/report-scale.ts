import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import type { LocalLine } from '../../local/runtime/line';
import { withReplayTables } from '../replay/replay-tables';
import { seedStatisticsMonth } from './seed-month';

/** One month size measured. */
export interface ReportScaleRow {
  readonly calls: number;
  /** `memory`: every item read into an array, then aggregated (the earlier shape); `stream`: as deployed. */
  readonly mode: 'memory' | 'stream';
  readonly ms: number;
  readonly baselineRss: number;
  readonly peakRss: number;
}

const MONTH = '2025-03';

/**
 * The monthly report at scale: for each size, a fresh statistics table holding a generated month of
 * that many calls, then the report run in a fresh Node process (so its memory is the report's alone).
 */
export async function measureReportScale(
  line: Pick<LocalLine, 'env'>,
  sizes: readonly number[],
  progress: (message: string) => void,
): Promise<ReportScaleRow[]> {
  const rows: ReportScaleRow[] = [];
  for (const size of sizes) {
    const tables = await withReplayTables(line.env, `report-${size}-${Date.now()}`);
    const raw = new DynamoDBClient({
      endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
      region: line.env.AWS_REGION,
    });
    try {
      progress(`report: writing ${size} statistics items for ${MONTH}…`);
      await seedStatisticsMonth(
        DynamoDBDocumentClient.from(raw),
        tables.env.STATISTICS_TABLE_NAME,
        MONTH,
        size,
        (written) => progress(`report:   ${written}/${size}`),
      );
      for (const mode of ['memory', 'stream'] as const) {
        progress(`report: the report of ${size} calls (${mode}) in a fresh Node process…`);
        const run = spawnSync(
          process.execPath,
          [
            ...process.execArgv,
            path.join(REPO_ROOT, 'bench', 'report-scale', 'measure-report.ts'),
            MONTH,
            tables.env.STATISTICS_TABLE_NAME,
            mode,
          ],
          { encoding: 'utf8', env: { ...process.env, ...line.env }, cwd: REPO_ROOT, timeout: 900_000 },
        );
        if (run.status !== 0) throw new Error(`report run failed: ${run.stderr.slice(-400)}`);
        const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as ReportScaleRow;
        if (figures.calls !== size) throw new Error(`the report counted ${figures.calls} calls of ${size}`);
        rows.push({ ...figures, mode });
      }
    } finally {
      raw.destroy();
      await tables.drop();
    }
  }
  return rows;
}
