import * as path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import type { StageConfig } from '#domain/stage';
import { stageConfig as namedStageConfig } from '../../config/stages';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import type { CfnTemplate, StackTemplate } from './cfn-template';
import { ProvisioningError } from './provisioned-resources';

/** Synthesizes the real CDK app in this process, for the local line to provision from. */

/** The expected shape of `infra/build-app.ts`, loaded at run time so this module compiles before it lands. */
interface BuildAppModule {
  buildApp(app: App, config: StageConfig): { data: Stack; line: Stack; observability?: Stack };
}

/**
 * Synthesizes the real app in-process (no asset bundling) and returns the Data and Line templates.
 * @throws ProvisioningError when `infra/build-app.ts` is missing or fails.
 */
export function synthesizeLineTemplates(stageConfig?: StageConfig): StackTemplate[] {
  const { data, line } = synthesizeStageTemplates(stageConfig);
  return [data, line];
}

/** The three stacks of a stage, synthesized as `synthesizeLineTemplates` does. */
export interface StageTemplates {
  readonly data: StackTemplate;
  readonly line: StackTemplate;
  /** Alarms and the operations dashboard; the local line does not provision it. */
  readonly observability?: StackTemplate;
}

/**
 * Synthesizes the real app in-process (no asset bundling) and returns every stack's template.
 * @throws ProvisioningError when `infra/build-app.ts` is missing or fails.
 */
export function synthesizeStageTemplates(stageConfig?: StageConfig): StageTemplates {
  const modulePath = path.join(REPO_ROOT, 'infra', 'build-app');
  let buildAppModule: BuildAppModule;
  let config: StageConfig;
  try {
    buildAppModule = require(modulePath) as BuildAppModule;
    config = stageConfig ?? namedStageConfig();
  } catch (error) {
    throw new ProvisioningError(`cannot load infra/build-app.ts to synthesize the line: ${String(error)}`);
  }
  try {
    // No asset bundling, no built-in CloudFormation schema validation (about 25 s of a 27 s synth),
    // and cdk-nag findings do not stop the local line: `cdk synth` and the infra tests check those.
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    const { data, line, observability } = buildAppModule.buildApp(app, config);
    const assembly = app.synth({ validateOnSynthesis: false });
    const templateOf = (stack: Stack): StackTemplate => ({
      stackName: stack.stackName,
      template: assembly.getStackArtifact(stack.artifactId).template as CfnTemplate,
    });
    return {
      data: templateOf(data),
      line: templateOf(line),
      ...(observability === undefined ? {} : { observability: templateOf(observability) }),
    };
  } catch (error) {
    throw new ProvisioningError(
      `the app does not synthesize: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
