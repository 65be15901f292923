import { FLOW_ROLE_METADATA_KEY, type FlowRole } from '../../infra/constructs/contact-flows';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import type { FlowDocument, FlowType } from '../../infra/flows/language';
import { formatIssue, validateFlow } from '../../infra/flows/validator';

/**
 * Reads the contact flows out of the synthesized CloudFormation, exactly as they would be deployed:
 * each Content (a Fn::Join of JSON text and ARNs) is resolved to local ARNs and parsed. Lambda ARNs map
 * back to their handler folder through the template metadata `premier-pas:function`.
 */

const LOCAL_REGION = 'eu-central-1';
const LOCAL_ACCOUNT = '000000000000';
const LOCAL_INSTANCE_ARN = `arn:aws:connect:${LOCAL_REGION}:${LOCAL_ACCOUNT}:instance/local-line`;

/** One resource of a synthesized template, as this module reads it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** The part of a synthesized stack this module reads. */
export interface FlowTemplate {
  readonly Resources?: Record<string, TemplateResource>;
}

export interface DeployedFlow {
  readonly logicalId: string;
  readonly role: FlowRole;
  readonly arn: string;
  readonly name: string;
  readonly type: FlowType;
  readonly document: FlowDocument;
}

export interface TemplateFlows {
  readonly byRole: Readonly<Record<FlowRole, DeployedFlow>>;
  readonly byArn: ReadonlyMap<string, DeployedFlow>;
  /** Every contact flow of the template (the guide too), for event hooks to flows the interpreter does not run. */
  readonly allFlowArns: ReadonlySet<string>;
  /** Lambda ARN (as resolved in the flows) → `functions/` folder. */
  readonly functionsByArn: ReadonlyMap<string, string>;
  readonly instanceArn: string;
}

/** The flows as loaded from templates, with what else the templates hold, for the test-case loader. */
export interface LoadedTemplateFlows extends TemplateFlows {
  /** Every resource of the templates, by logical id (test cases and test hours too). */
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /**
   * Resolves a value of the templates (a string, or Fn::Join / Fn::GetAtt / Ref) to local ARNs, as for
   * the flows; a Lambda it meets is added to `functionsByArn`.
   * @throws FlowTemplateError for an intrinsic it cannot resolve
   */
  resolve(value: unknown): string;
}

/** The template does not hold the line's flows, or a flow cannot be resolved. */
export class FlowTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowTemplateError';
  }
}

const ROLES: readonly FlowRole[] = [
  'mainInbound',
  'lineClosed',
  'noListener',
  'callbackRequest',
  'customerQueue',
  'agentWhisper',
];

/** Connect ARN path segment for each Connect resource type we may meet in a flow. */
const CONNECT_SEGMENTS: Record<string, string> = {
  'AWS::Connect::ContactFlow': 'contact-flow',
  'AWS::Connect::Queue': 'queue',
  'AWS::Connect::HoursOfOperation': 'operating-hours',
  'AWS::Connect::ContactFlowModule': 'flow-module',
};

/**
 * Finds and resolves the six flows of the line in `templates`, then validates each one: the interpreter
 * runs only flows that would pass `cdk synth`. `instanceArn` is the ARN the local line gives Connect.
 * @throws FlowTemplateError for a missing flow, an unresolvable intrinsic, or an invalid flow.
 */
export function loadTemplateFlows(
  templates: readonly FlowTemplate[],
  options: { readonly instanceArn?: string } = {},
): LoadedTemplateFlows {
  const instanceArn = options.instanceArn ?? LOCAL_INSTANCE_ARN;
  const resources = new Map<string, TemplateResource>();
  for (const template of templates) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {}))
      resources.set(logicalId, resource);
  }
  const functionsByArn = new Map<string, string>();

  const arnOf = (logicalId: string, attribute: string): string => {
    const resource = resources.get(logicalId);
    if (resource === undefined)
      throw new FlowTemplateError(`a flow refers to ${logicalId}, not in the template`);
    if (resource.Type === 'AWS::Lambda::Function') {
      const folder = resource.Metadata?.[FUNCTION_METADATA_KEY];
      if (typeof folder !== 'string') {
        throw new FlowTemplateError(`function ${logicalId} has no ${FUNCTION_METADATA_KEY} metadata`);
      }
      const arn = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${folder}`;
      functionsByArn.set(arn, folder);
      return arn;
    }
    if (resource.Type === 'AWS::Connect::Instance') return instanceArn;
    const segment = CONNECT_SEGMENTS[resource.Type];
    if (segment !== undefined) return `${instanceArn}/${segment}/${logicalId}`;
    return `arn:local:${resource.Type}:${logicalId}:${attribute}`;
  };

  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      const [intrinsic, argument] = entries[0] ?? [];
      if (entries.length === 1 && intrinsic === 'Fn::Join' && Array.isArray(argument)) {
        const [separator, parts] = argument as [unknown, unknown];
        if (typeof separator === 'string' && Array.isArray(parts)) return parts.map(resolve).join(separator);
      }
      if (entries.length === 1 && intrinsic === 'Fn::GetAtt') {
        const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
        return arnOf(String(logicalId), String(attribute));
      }
      if (entries.length === 1 && intrinsic === 'Ref' && typeof argument === 'string') {
        if (argument === 'AWS::Region') return LOCAL_REGION;
        if (argument === 'AWS::AccountId') return LOCAL_ACCOUNT;
        if (argument === 'AWS::Partition') return 'aws';
        if (argument === 'AWS::URLSuffix') return 'amazonaws.com';
        return arnOf(argument, 'Ref');
      }
    }
    throw new FlowTemplateError(`cannot resolve ${JSON.stringify(value)} in a flow Content`);
  };

  const flows: DeployedFlow[] = [];
  for (const [logicalId, resource] of resources) {
    if (resource.Type !== 'AWS::Connect::ContactFlow') continue;
    const role = resource.Metadata?.[FLOW_ROLE_METADATA_KEY];
    if (typeof role !== 'string' || !ROLES.includes(role as FlowRole)) continue;
    const properties = resource.Properties ?? {};
    let document: FlowDocument;
    try {
      document = JSON.parse(resolve(properties.Content)) as FlowDocument;
    } catch (error) {
      if (error instanceof FlowTemplateError) throw error;
      throw new FlowTemplateError(`flow ${logicalId}: Content is not JSON (${String(error)})`);
    }
    flows.push({
      logicalId,
      role: role as FlowRole,
      arn: arnOf(logicalId, 'ContactFlowArn'),
      name: String(properties.Name),
      type: properties.Type as FlowType,
      document,
    });
  }

  const byRole = {} as Record<FlowRole, DeployedFlow>;
  for (const role of ROLES) {
    const flow = flows.find((candidate) => candidate.role === role);
    if (flow === undefined) throw new FlowTemplateError(`the template holds no ${role} flow`);
    byRole[role] = flow;
  }
  const issues = flows.flatMap((flow) => validateFlow(flow.name, flow.type, flow.document));
  if (issues.length > 0) {
    throw new FlowTemplateError(`the synthesized flows are invalid:\n${issues.map(formatIssue).join('\n')}`);
  }
  return {
    byRole,
    byArn: new Map(flows.map((flow) => [flow.arn, flow])),
    allFlowArns: new Set(
      [...resources]
        .filter(([, resource]) => resource.Type === 'AWS::Connect::ContactFlow')
        .map(([logicalId]) => arnOf(logicalId, 'ContactFlowArn')),
    ),
    functionsByArn,
    instanceArn,
    resources,
    resolve,
  };
}
