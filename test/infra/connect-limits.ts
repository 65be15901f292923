import type { CloudFormationTemplate } from '../support/synth';

/**
 * Amazon Connect's documented limits on the names, descriptions and flow content we deploy, checked on
 * the synthesized templates. cfn-lint checks literal values against the CloudFormation schemas; this also
 * bounds values built from references (a flow's Content is a Fn::Join of JSON text and ARNs) and applies
 * the Connect API's limit where it is stricter than the CloudFormation schema (view names).
 */

/** A documented limit on one text property of one Connect resource type. */
interface TextLimit {
  readonly type: string;
  readonly property: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters allowed; the value must then be a literal string. */
  readonly pattern?: RegExp;
  /** Flow content is measured in UTF-8 bytes: never fewer than characters, whichever Connect counts. */
  readonly unit: 'characters' | 'bytes';
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-contactflow.html
// (Name 1-127, Description up to 500, Content 1-256000), Content also in the API reference:
// https://docs.aws.amazon.com/goto/WebAPI/connect/CreateContactFlow
const FLOW_LIMITS: readonly TextLimit[] = [
  { type: 'AWS::Connect::ContactFlow', property: 'Name', minLength: 1, maxLength: 127, unit: 'characters' },
  {
    type: 'AWS::Connect::ContactFlow',
    property: 'Description',
    minLength: 0,
    maxLength: 500,
    unit: 'characters',
  },
  { type: 'AWS::Connect::ContactFlow', property: 'Content', minLength: 1, maxLength: 256_000, unit: 'bytes' },
];

// Patterns and Description (up to 4096):
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-view.html
// Name up to 255 (the CloudFormation page allows 512; the API's View says 255, the stricter wins):
// https://docs.aws.amazon.com/connect/latest/APIReference/API_View.html
const VIEW_LIMITS: readonly TextLimit[] = [
  {
    type: 'AWS::Connect::View',
    property: 'Name',
    minLength: 1,
    maxLength: 255,
    pattern: /^([\p{L}\p{N}_.:/=+\-@]+[\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
    unit: 'characters',
  },
  {
    type: 'AWS::Connect::View',
    property: 'Description',
    minLength: 0,
    maxLength: 4096,
    pattern: /^([\p{L}\p{N}_.:/=+\-@,]+[\p{L}\p{Z}\p{N}_.:/=+\-@,]*)$/u,
    unit: 'characters',
  },
];

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-queue.html and
// https://docs.aws.amazon.com/connect/latest/APIReference/API_Queue.html (Name 1-127, Description 1-250)
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-hoursofoperation.html
// (Name 1-127, Description 1-250)
const QUEUE_AND_HOURS_LIMITS: readonly TextLimit[] = [
  'AWS::Connect::Queue',
  'AWS::Connect::HoursOfOperation',
].flatMap((type) => [
  { type, property: 'Name', minLength: 1, maxLength: 127, unit: 'characters' as const },
  { type, property: 'Description', minLength: 1, maxLength: 250, unit: 'characters' as const },
]);

const LIMITS: readonly TextLimit[] = [...FLOW_LIMITS, ...VIEW_LIMITS, ...QUEUE_AND_HOURS_LIMITS];

/** The resource types whose limits are checked. */
export const LIMITED_TYPES: readonly string[] = [...new Set(LIMITS.map((limit) => limit.type))];

/**
 * What a reference (Ref, GetAtt, Select) may add at deploy time. Not a documented limit but a generous
 * bound: the ARNs our flows hold are about 140 characters (a Connect flow or view ARN with its
 * qualifier, a Lambda ARN with a name of at most 64).
 */
export const REFERENCE_BOUND = 2048;

const BOUNDED_INTRINSICS = ['Ref', 'Fn::GetAtt', 'Fn::Select', 'Fn::ImportValue'];

function measure(text: string, unit: TextLimit['unit']): number {
  return unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : [...text].length;
}

/** The most characters (or bytes) `value` can have once CloudFormation resolves it. */
function lengthBound(value: unknown, unit: TextLimit['unit']): number {
  if (typeof value === 'string') return measure(value, unit);
  const [intrinsic, argument] = Object.entries(value ?? {})[0] ?? [];
  if (intrinsic === 'Fn::Join' && Array.isArray(argument)) {
    const [separator, parts] = argument as [string, unknown[]];
    const joined = parts.reduce<number>((sum, part) => sum + lengthBound(part, unit), 0);
    return joined + measure(separator, unit) * Math.max(parts.length - 1, 0);
  }
  if (intrinsic !== undefined && BOUNDED_INTRINSICS.includes(intrinsic)) return REFERENCE_BOUND;
  throw new Error(`cannot bound the length of ${JSON.stringify(value).slice(0, 200)}`);
}

/** Every documented Connect limit a resource of `template` breaks, one readable line each. */
export function connectLimitIssues(template: CloudFormationTemplate): string[] {
  const issues: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    for (const limit of LIMITS.filter((candidate) => candidate.type === resource.Type)) {
      const value = resource.Properties?.[limit.property];
      if (value === undefined) continue;
      const where = `${logicalId} (${limit.type}) ${limit.property}`;
      if (limit.pattern !== undefined) {
        if (typeof value !== 'string') issues.push(`${where}: must be a literal string to be checked`);
        else if (!limit.pattern.test(value))
          issues.push(`${where}: "${value}" has characters outside ${limit.pattern.source}`);
      }
      const length = lengthBound(value, limit.unit);
      if (length > limit.maxLength) {
        const bound = typeof value === 'string' ? '' : ` (each reference counted as ${REFERENCE_BOUND})`;
        issues.push(`${where}: up to ${length} ${limit.unit}${bound}; the limit is ${limit.maxLength}`);
      }
      if (typeof value === 'string' && length < limit.minLength) {
        issues.push(`${where}: ${length} ${limit.unit}; at least ${limit.minLength} are required`);
      }
    }
  }
  return issues;
}
