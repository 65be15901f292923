import type { App, Environment } from 'aws-cdk-lib';
import type { StageConfig } from '#domain/stage';
import { acknowledgeLineFunction, registerNag } from './nag';
import { DataStack } from './stacks/data-stack';
import { LineStack } from './stacks/line-stack';
import { ObservabilityStack } from './stacks/observability-stack';

/** The three stacks of one stage. */
export interface PremierPasApp {
  readonly data: DataStack;
  readonly line: LineStack;
  readonly observability: ObservabilityStack;
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
  const callIntakeRoleName = `${prefix}-CallIntake`;
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    callIntakeRoleName,
    description: description('data key, tables and caller-key secret'),
  });
  const line = new LineStack(app, `${prefix}-Line`, {
    env,
    description: description('Amazon Connect line, flows, functions and callback queue'),
    config,
    dataKey: data.key,
    callsTable: data.callsTable,
    callbacksTable: data.callbacksTable,
    idempotencyTable: data.idempotencyTable,
    callerKeySecret: data.callerKeySecret,
    callerKeySecretKey: data.callerKeySecretKey,
    callIntakeRoleName,
    breakGlassRoleName: `${prefix}-BreakGlass`,
  });
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
