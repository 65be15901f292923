import type { App, Environment } from 'aws-cdk-lib';
import type { StageConfig } from '#domain/stage';
import { acknowledgeLineFunction, registerNag } from './nag';
import { partnerNotificationProblems } from './partner-notifications-check';
import { DataStack } from './stacks/data-stack';
import { LineStack } from './stacks/line-stack';
import { ObservabilityStack } from './stacks/observability-stack';

/** The three stacks of one stage. */
export interface PremierPasApp {
  readonly data: DataStack;
  readonly line: LineStack;
  readonly observability: ObservabilityStack;
}

/** The Line stack's name for a stage (`npm run verify` finds its queues by it). */
export function lineStackName(stage: string): string {
  return `PremierPas-${stage}-Line`;
}

/**
 * Builds the stage's stacks on `app` from its config and registers cdk-nag. The observability stack
 * comes last because it reads every function and DLQ the line stack lists: add functions before it.
 */
export function buildApp(app: App, config: StageConfig): PremierPasApp {
  const env: Environment = { region: config.region, account: config.account };
  const prefix = `PremierPas-${config.stage}`;
  const description = (what: string) => `Un premier pas (${config.stage}): ${what}`;

  // Named roles: key policies and the runbook refer to them by name.
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    description: description('data key and tables'),
  });
  const line = new LineStack(app, lineStackName(config.stage), {
    env,
    description: description('Amazon Connect line, flows, functions and callback queue'),
    config,
    dataKey: data.key,
    callsTable: data.callsTable,
    statisticsTable: data.statisticsTable,
    callbacksTable: data.callbacksTable,
    idempotencyTable: data.idempotencyTable,
    auditTable: data.auditTable,
    breakGlassRoleName: `${prefix}-BreakGlass`,
  });
  // A stage that says it notifies its partners must give each one a subscriber: synth fails otherwise.
  line.node.addValidation({ validate: () => partnerNotificationProblems(config) });
  const observability = new ObservabilityStack(app, `${prefix}-Observability`, {
    env,
    description: description('ops dashboard, alarms and alarm topic'),
    config,
    line,
  });
  for (const lineFunction of line.functions) {
    acknowledgeLineFunction(lineFunction);
  }
  registerNag(app);
  return { data, line, observability };
}
