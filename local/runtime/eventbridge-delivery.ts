import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../emulators/local-account';
import { type InvocationResult, type InvokeOptions, invokeFunction } from './lambda-runtime';
import type { LocalEventRule, LocalFunction } from './provisioned-resources';

/**
 * EventBridge on the local line, wired as the template wires it: an event goes to every function
 * whose rule pattern matches it, in the envelope EventBridge delivers.
 */

export interface EnvelopeOptions {
  readonly source: string;
  readonly detailType: string;
  /** @default now */
  readonly time?: Date | string;
  /** @default the line's region */
  readonly region?: string;
  /** ARNs of the resources involved (Connect puts the contact ARN here). @default [] */
  readonly resources?: readonly string[];
  /** @default a random UUID */
  readonly id?: string;
}

/** Wraps `detail` in the envelope EventBridge delivers to a Lambda target. */
export function eventBridgeEnvelope<TDetail>(
  detail: TDetail,
  options: EnvelopeOptions,
): EventBridgeEvent<string, TDetail> {
  const time = options.time === undefined ? new Date() : new Date(options.time);
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    'detail-type': options.detailType,
    source: options.source,
    account: LOCAL_ACCOUNT_ID,
    // EventBridge writes whole seconds.
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region ?? process.env.AWS_REGION ?? LOCAL_REGION,
    resources: [...(options.resources ?? [])],
    detail,
  };
}

/** An Amazon Connect contact event as EventBridge delivers it (`detail` as Connect writes it). */
export function contactEventEnvelope<TDetail extends Record<string, unknown>>(
  detail: TDetail,
  options: { time?: Date | string; region?: string; id?: string } = {},
): EventBridgeEvent<'Amazon Connect Contact Event', TDetail> {
  const contactArn = detail.contactArn ?? detail.ContactArn;
  return eventBridgeEnvelope(detail, {
    ...options,
    source: 'aws.connect',
    detailType: 'Amazon Connect Contact Event',
    time:
      options.time ??
      (typeof detail.initiationTimestamp === 'string' ? detail.initiationTimestamp : undefined),
    resources: typeof contactArn === 'string' ? [contactArn] : [],
  }) as EventBridgeEvent<'Amazon Connect Contact Event', TDetail>;
}

function matchesRule(rule: unknown, value: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return value === rule;
  const operator = rule as Record<string, unknown>;
  if ('prefix' in operator) return typeof value === 'string' && value.startsWith(String(operator.prefix));
  if ('suffix' in operator) return typeof value === 'string' && value.endsWith(String(operator.suffix));
  if ('equals-ignore-case' in operator) {
    return (
      typeof value === 'string' &&
      value.toLowerCase() === String(operator['equals-ignore-case']).toLowerCase()
    );
  }
  if ('anything-but' in operator) {
    const excluded = operator['anything-but'];
    return Array.isArray(excluded)
      ? !excluded.some((entry) => matchesRule(entry, value))
      : !matchesRule(excluded, value);
  }
  throw new Error(`event pattern operator not supported on the local line: ${JSON.stringify(rule)}`);
}

/**
 * True when `event` matches an EventBridge `pattern` (exact values, prefix, suffix, equals-ignore-case,
 * anything-but, exists). Field names are case-sensitive, as on EventBridge.
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return false;
  const fields = event !== null && typeof event === 'object' ? (event as Record<string, unknown>) : {};
  return Object.entries(pattern as Record<string, unknown>).every(([field, expected]) => {
    const value = fields[field];
    if (Array.isArray(expected)) {
      const exists = expected.find(
        (rule): rule is { exists: boolean } => rule !== null && typeof rule === 'object' && 'exists' in rule,
      );
      if (exists !== undefined) return (value !== undefined) === exists.exists;
      if (value === undefined) return false;
      const values = Array.isArray(value) ? value : [value];
      return values.some((candidate) => expected.some((rule) => matchesRule(rule, candidate)));
    }
    return matchesEventPattern(expected, value);
  });
}

export interface EventDelivery {
  readonly functionName: string;
  readonly ruleLogicalId: string;
  readonly invocation: InvocationResult;
}

/**
 * Delivers an EventBridge event to every function whose rule (from the template) matches it, in order,
 * and returns one delivery per target. An event no rule matches returns no delivery, as on AWS.
 */
export async function putEvent(
  event: EventBridgeEvent<string, unknown>,
  rules: readonly LocalEventRule[],
  functions: Readonly<Record<string, LocalFunction>> = {},
): Promise<EventDelivery[]> {
  const deliveries: EventDelivery[] = [];
  for (const rule of rules) {
    if (!matchesEventPattern(rule.eventPattern, event)) continue;
    for (const functionName of rule.functionNames) {
      const functionConfig = functions[functionName];
      const invocation = await invokeFunction(functionName, event, functionConfig ? { functionConfig } : {});
      deliveries.push({ functionName, ruleLogicalId: rule.logicalId, invocation });
    }
  }
  return deliveries;
}

/** Delivers an EventBridge event straight to one function (no rule matching), like a test invoke. */
export function deliverEventBridgeEvent(
  functionName: string,
  event: EventBridgeEvent<string, unknown>,
  options: InvokeOptions = {},
): Promise<InvocationResult> {
  return invokeFunction(functionName, event, options);
}
