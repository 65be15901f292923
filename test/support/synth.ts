import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { StageConfig } from '#domain/stage';
import { prod as config } from '../../config/stages/prod';
import { buildApp, type PremierPasApp } from '../../infra/build-app';

/** The feature flags `cdk synth` runs with, so tests build the app the CLI builds. */
const CDK_JSON_CONTEXT = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** A synthesized stage for template assertions; bundling is skipped, entries must still exist. */
export interface SynthesizedLine {
  readonly app: App;
  readonly stacks: PremierPasApp;
  readonly data: Template;
  readonly line: Template;
  readonly observability: Template;
}

/** A fixed account, so that ARNs in the templates are stable. */
const TEST_ACCOUNT = '111122223333';

/** Builds the app exactly as `infra/app.ts` does, with bundling skipped. */
function buildTestApp(stage: StageConfig): { app: App; stacks: PremierPasApp } {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  return { app, stacks: buildApp(app, stage) };
}

/** Builds the app exactly as `infra/app.ts` does, with a fixed account so ARNs are stable. */
export function synthesizeLine(overrides: Partial<StageConfig> = {}): SynthesizedLine {
  const { app, stacks } = buildTestApp({ ...config, account: TEST_ACCOUNT, ...overrides });
  return {
    app,
    stacks,
    data: Template.fromStack(stacks.data),
    line: Template.fromStack(stacks.line),
    observability: Template.fromStack(stacks.observability),
  };
}

/** One stack's synthesized CloudFormation template. */
export interface SynthesizedTemplate {
  readonly stackName: string;
  readonly template: CloudFormationTemplate;
}

/** The part of a CloudFormation template the tests read. */
export interface CloudFormationTemplate {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  readonly [section: string]: unknown;
}

/**
 * Synthesizes every stack of a stage once (bundling skipped, as everywhere in these tests), for checks
 * that read whole templates: cfn-lint and the Connect limits.
 */
export function synthesizeTemplates(stage: StageConfig): SynthesizedTemplate[] {
  const { app } = buildTestApp({ ...stage, account: TEST_ACCOUNT });
  return app.synth().stacks.map((stack) => ({
    stackName: stack.stackName,
    template: stack.template as CloudFormationTemplate,
  }));
}

/** Resources of one type in a template, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties?: Record<string, unknown>; DependsOn?: string[] }> {
  return template.findResources(type) as Record<
    string,
    { Properties?: Record<string, unknown>; DependsOn?: string[] }
  >;
}

/** Renders a `Fn::Join` of JSON text with the references replaced by `<logicalId.attribute>` markers. */
export function renderJoinedJson(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join === undefined) throw new Error(`not a Fn::Join: ${JSON.stringify(value)}`);
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt !== undefined) return `<${getAtt[0]}.${getAtt[1]}>`;
      const ref = (part as { Ref?: string }).Ref;
      if (ref !== undefined) return `<${ref}>`;
      return '<token>';
    })
    .join(join[0]);
}
