import Ajv from 'ajv';
import type { DefinedFlow } from './builder';
import {
  ACTION_TYPES,
  type ActionTypeFacts,
  type FlowAction,
  type FlowDocument,
  type FlowErrorType,
  type FlowType,
  FORBIDDEN_IDENTIFIER_CHARACTERS,
  isActionType,
  MAX_ACTIONS,
  MAX_IDENTIFIER_LENGTH,
  RESERVED_IDENTIFIERS,
  STORED_CUSTOMER_INPUT,
} from './language';
import { EMERGENCY_NUMBERS } from './prompts';

/**
 * Checks a flow before CloudFormation or a caller ever sees it: the flow-language structure, the graph
 * (targets, reachability, every path ending), error branches, and the line's safety rules (emergency
 * numbers before any queue, keyed digits never kept, flow logging off while digits are keyed).
 */

export type FlowRule =
  | 'schema'
  | 'identifier'
  | 'action-count'
  | 'action-type'
  | 'transition-target'
  | 'unreachable'
  | 'path-end'
  | 'error-branch'
  | 'lambda-time-limit'
  | 'emergency-numbers-first'
  | 'keyed-input-kept'
  | 'logging-while-keying';

export interface FlowIssue {
  readonly flow: string;
  /** Absent for issues about the whole flow. */
  readonly actionId?: string;
  readonly rule: FlowRule;
  readonly message: string;
}

/** One readable line per issue: the flow name, the action id, what is wrong, the rule. */
export function formatIssue(issue: FlowIssue): string {
  const where = issue.actionId === undefined ? '' : `, action "${issue.actionId}"`;
  return `Flow "${issue.flow}"${where}: ${issue.message} [${issue.rule}]`;
}

/** Thrown by `assertValidFlows` with every issue found. */
export class FlowValidationError extends Error {
  constructor(public readonly issues: readonly FlowIssue[]) {
    super(`Contact flows are invalid:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'FlowValidationError';
  }
}

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const FLOW_SCHEMA = {
  type: 'object',
  required: ['Version', 'StartAction', 'Actions'],
  additionalProperties: false,
  properties: {
    Version: { const: '2019-10-30' },
    StartAction: { type: 'string', minLength: 1 },
    Metadata: { type: 'object' },
    Actions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['Identifier', 'Type', 'Parameters', 'Transitions'],
        additionalProperties: false,
        properties: {
          Identifier: { type: 'string', minLength: 1 },
          Type: { type: 'string', minLength: 1 },
          Parameters: { type: 'object' },
          Transitions: {
            type: 'object',
            additionalProperties: false,
            properties: {
              NextAction: { type: 'string', minLength: 1 },
              Errors: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['NextAction', 'ErrorType'],
                  additionalProperties: false,
                  properties: { NextAction: { type: 'string' }, ErrorType: { type: 'string' } },
                },
              },
              Conditions: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['NextAction', 'Condition'],
                  additionalProperties: false,
                  properties: {
                    NextAction: { type: 'string' },
                    Condition: {
                      type: 'object',
                      required: ['Operator', 'Operands'],
                      additionalProperties: false,
                      properties: {
                        Operator: {
                          enum: [
                            'Equals',
                            'NumberGreaterThan',
                            'NumberGreaterOrEqualTo',
                            'NumberLessThan',
                            'NumberLessOrEqualTo',
                            'TextStartsWith',
                            'TextEndsWith',
                            'TextContains',
                          ],
                        },
                        Operands: { type: 'array', minItems: 1, items: { type: 'string' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  $defs: { stringMap },
} as const;

const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(FLOW_SCHEMA);

/** Every target an action can go to, with how it gets there. */
function targets(action: FlowAction): { next: string; via: 'next' | 'condition' | FlowErrorType }[] {
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  return [
    ...(NextAction === undefined ? [] : [{ next: NextAction, via: 'next' as const }]),
    ...Conditions.map((entry) => ({ next: entry.NextAction, via: 'condition' as const })),
    ...Errors.map((entry) => ({ next: entry.NextAction, via: entry.ErrorType })),
  ];
}

function facts(action: FlowAction): ActionTypeFacts | undefined {
  return isActionType(action.Type) ? ACTION_TYPES[action.Type] : undefined;
}

function storesInput(action: FlowAction): boolean {
  return (
    action.Type === 'GetParticipantInput' && String(action.Parameters.StoreInput).toLowerCase() === 'true'
  );
}

/** Error types an action must handle, given its parameters. */
function requiredErrors(action: FlowAction): FlowErrorType[] {
  switch (action.Type) {
    case 'GetParticipantInput':
      return storesInput(action)
        ? ['NoMatchingError']
        : ['NoMatchingError', 'NoMatchingCondition', 'InputTimeLimitExceeded'];
    case 'Compare':
      return ['NoMatchingCondition'];
    default:
      return [...(facts(action)?.errors ?? [])];
  }
}

/** Error types an action may declare. */
function allowedErrors(action: FlowAction): FlowErrorType[] {
  const base: FlowErrorType[] = [...(facts(action)?.errors ?? [])];
  if (action.Type === 'GetParticipantInput') {
    if (!storesInput(action)) base.push('NoMatchingCondition');
    if (action.Parameters.InputValidation !== undefined) base.push('InvalidPhoneNumber');
  }
  if (action.Type === 'Compare') base.push('NoMatchingCondition');
  return base;
}

/** The text an action speaks, if any. */
function spokenTexts(action: FlowAction): string[] {
  const texts: string[] = [];
  if (typeof action.Parameters.Text === 'string') texts.push(action.Parameters.Text);
  const messages = action.Parameters.Messages;
  if (Array.isArray(messages)) {
    for (const message of messages) {
      const text = (message as { Text?: unknown }).Text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts;
}

/** Whether the action makes the caller hear all three emergency numbers. */
export function speaksEmergencyNumbers(action: FlowAction): boolean {
  return spokenTexts(action).some((text) => {
    const digits = text.replace(/\s+/g, '');
    return EMERGENCY_NUMBERS.every((number) => digits.includes(number));
  });
}

/** JSON paths (as "Parameters.x.y") of string values that read the keyed digits. */
function keyedInputUses(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes(STORED_CUSTOMER_INPUT) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => keyedInputUses(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => keyedInputUses(item, `${path}.${key}`));
  }
  return [];
}

/** Validates one flow; returns every issue found (empty when the flow is sound). */
export function validateFlow(name: string, type: FlowType, document: FlowDocument): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const report = (rule: FlowRule, message: string, actionId?: string) =>
    issues.push({ flow: name, rule, message, ...(actionId === undefined ? {} : { actionId }) });

  if (!validateSchema(document)) {
    for (const error of validateSchema.errors ?? []) {
      report('schema', `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
    }
    return issues;
  }
  const actions = document.Actions;
  if (actions.length > MAX_ACTIONS)
    report('action-count', `${actions.length} actions; Connect allows ${MAX_ACTIONS}`);

  const byId = new Map<string, FlowAction>();
  for (const action of actions) {
    const id = action.Identifier;
    if (byId.has(id)) report('identifier', 'identifier is used by more than one action', id);
    byId.set(id, action);
    if (id.length > MAX_IDENTIFIER_LENGTH)
      report('identifier', `identifier longer than ${MAX_IDENTIFIER_LENGTH}`, id);
    const forbidden = FORBIDDEN_IDENTIFIER_CHARACTERS.filter((character) => id.includes(character));
    if (forbidden.length > 0)
      report('identifier', `identifier contains forbidden ${forbidden.join(' ')}`, id);
    if (RESERVED_IDENTIFIERS.includes(id)) report('identifier', 'identifier is a reserved word', id);

    const actionFacts = facts(action);
    if (actionFacts === undefined) {
      report('action-type', `unknown action type ${action.Type}`, id);
      continue;
    }
    if (!actionFacts.flowTypes.includes(type))
      report('action-type', `${action.Type} is not allowed in ${type}`, id);

    const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
    if (actionFacts.terminal && (NextAction !== undefined || Conditions.length > 0)) {
      report('path-end', `${action.Type} ends the flow but has a next action`, id);
    }
    if (!actionFacts.terminal && NextAction === undefined && Conditions.length === 0) {
      report('path-end', `${action.Type} has no next action: the caller would be left in silence`, id);
    }
    const declared = new Set(Errors.map((entry) => entry.ErrorType));
    for (const errorType of requiredErrors(action)) {
      if (!declared.has(errorType)) report('error-branch', `no ${errorType} error branch`, id);
    }
    const allowed = allowedErrors(action);
    for (const errorType of declared) {
      if (!allowed.includes(errorType))
        report('error-branch', `${action.Type} cannot raise ${errorType}`, id);
    }
    if (action.Type === 'InvokeLambdaFunction') {
      const limit = Number(action.Parameters.InvocationTimeLimitSeconds);
      if (!Number.isInteger(limit) || limit < 1 || limit > 8) {
        report('lambda-time-limit', 'InvocationTimeLimitSeconds must be an integer from 1 to 8', id);
      }
    }
    for (const usePath of keyedInputUses(action.Parameters, 'Parameters')) {
      const allowedUse =
        action.Type === 'InvokeLambdaFunction' &&
        usePath.startsWith('Parameters.LambdaInvocationAttributes.');
      if (!allowedUse) {
        const what =
          action.Type === 'UpdateContactAttributes' ? 'a contact attribute is set from' : `${usePath} reads`;
        report('keyed-input-kept', `${what} keyed input (${STORED_CUSTOMER_INPUT})`, id);
      }
    }
  }

  if (!byId.has(document.StartAction)) {
    report('transition-target', `StartAction ${document.StartAction} does not exist`);
    return issues;
  }
  for (const action of actions) {
    for (const target of targets(action)) {
      if (!byId.has(target.next)) {
        report(
          'transition-target',
          `${target.via} goes to ${target.next}, which does not exist`,
          action.Identifier,
        );
      }
    }
  }
  if (issues.some((issue) => issue.rule === 'transition-target' || issue.rule === 'identifier'))
    return issues;

  // Reachability from the start.
  const reachable = new Set<string>([document.StartAction]);
  const queue = [document.StartAction];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of targets(byId.get(id) as FlowAction)) {
      if (!reachable.has(target.next)) {
        reachable.add(target.next);
        queue.push(target.next);
      }
    }
  }
  for (const action of actions) {
    if (!reachable.has(action.Identifier))
      report('unreachable', 'no path leads to this action', action.Identifier);
  }

  // Every action can still reach an end (transfer, disconnect, end of flow): no trapped loops.
  const canEnd = new Set(actions.filter((action) => facts(action)?.endsJourney).map((a) => a.Identifier));
  for (let changed = true; changed; ) {
    changed = false;
    for (const action of actions) {
      if (!canEnd.has(action.Identifier) && targets(action).some((target) => canEnd.has(target.next))) {
        canEnd.add(action.Identifier);
        changed = true;
      }
    }
  }
  for (const action of actions) {
    if (reachable.has(action.Identifier) && !canEnd.has(action.Identifier)) {
      report(
        'path-end',
        'no path from here ends in a transfer, a disconnect or an end of flow',
        action.Identifier,
      );
    }
  }

  // Path-sensitive safety rules, over (action, emergency numbers heard, flow logging on).
  const seen = new Set<string>();
  const reported = new Set<string>();
  const once = (key: string, rule: FlowRule, message: string, id: string) => {
    if (!reported.has(key)) {
      reported.add(key);
      report(rule, message, id);
    }
  };
  const stack: { id: string; heard: boolean; logging: boolean }[] = [
    { id: document.StartAction, heard: false, logging: true },
  ];
  for (let state = stack.pop(); state !== undefined; state = stack.pop()) {
    const key = `${state.id}|${state.heard}|${state.logging}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const action = byId.get(state.id) as FlowAction;
    if (action.Type === 'TransferContactToQueue' && !state.heard) {
      once(
        `queue|${action.Identifier}`,
        'emergency-numbers-first',
        'a path reaches the queue before the emergency numbers (17, 114, 3919)',
        action.Identifier,
      );
    }
    if (storesInput(action) && state.logging) {
      once(
        `keyed|${action.Identifier}`,
        'logging-while-keying',
        'digits are keyed while flow logging is on',
        action.Identifier,
      );
    }
    if (facts(action)?.endsJourney && !state.logging) {
      once(
        `end|${action.Identifier}`,
        'logging-while-keying',
        'a path ends with flow logging still off',
        action.Identifier,
      );
    }
    const heard = state.heard || speaksEmergencyNumbers(action);
    let logging = state.logging;
    if (action.Type === 'UpdateFlowLoggingBehavior')
      logging = action.Parameters.FlowLoggingBehavior === 'Enabled';
    for (const target of targets(action)) stack.push({ id: target.next, heard, logging });
  }
  return issues;
}

/** Validates defined flows, for the CDK validation hook and the tests. */
export function validateFlows(flows: readonly DefinedFlow[]): FlowIssue[] {
  return flows.flatMap((flow) => validateFlow(flow.name, flow.type, flow.document));
}

/** Throws a FlowValidationError listing every issue, if any. */
export function assertValidFlows(flows: readonly DefinedFlow[]): void {
  const issues = validateFlows(flows);
  if (issues.length > 0) throw new FlowValidationError(issues);
}
