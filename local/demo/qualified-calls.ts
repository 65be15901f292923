import * as path from 'node:path';
import { previousMonth } from '../../functions/monthly-report/period';
import { produceMonthlyReport } from '../../functions/monthly-report/report';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { folderWriter } from '../runtime/report-folder-writer';
import { playQualifiedMonth } from './qualified-month';
import type { DemoAct } from './types';

/** Calls the demo plays for the qualification and report act; `npm run report` plays more. */
const DEMO_QUALIFIED_CALLS = 30;

/**
 * Qualified calls: a seeded set of calls of last month through the flows and the real handlers, each
 * answered call qualified through qualify-call as the listener's guide would, then the monthly report
 * (same code as the monthly-report Lambda) written to reports/.
 */
export const qualifiedCallsAct: DemoAct = {
  title: 'Qualified calls and the monthly statistics',
  async run(context) {
    const month = previousMonth(new Date());
    context.say(
      `playing ${DEMO_QUALIFIED_CALLS} calls of ${month}; answered ones are qualified by the listener`,
    );
    const played = await playQualifiedMonth(context.line, month, DEMO_QUALIFIED_CALLS, context.say);
    context.say(`outcomes ${JSON.stringify(played.outcomes)}; qualifications stored: ${played.qualified}`);
    const result = await produceMonthlyReport(month, {
      dynamo: context.dynamo,
      statisticsTable: context.line.env.STATISTICS_TABLE_NAME,
      writer: folderWriter(path.join(REPO_ROOT, 'reports')),
    });
    for (const file of result.files) context.say(`report: ${path.relative(REPO_ROOT, file)}`);
  },
};
