import {
  type FlowAction,
  type FlowDocument,
  type FlowErrorType,
  type FlowType,
  FORBIDDEN_IDENTIFIER_CHARACTERS,
  MAX_ACTIONS,
  MAX_IDENTIFIER_LENGTH,
  RESERVED_IDENTIFIERS,
} from '../language';
import { facts, storesInput } from './actions';
import type { ReportIssue } from './issues';

/**
 * Structure pass: each action on its own against the flow-language reference (identifiers, action types
 * and flow types, next actions, error branches, Lambda time limit), plus Connect's action count.
 */

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

function checkIdentifier(id: string, report: ReportIssue): void {
  if (id.length > MAX_IDENTIFIER_LENGTH)
    report('identifier', `identifier longer than ${MAX_IDENTIFIER_LENGTH}`, id);
  const forbidden = FORBIDDEN_IDENTIFIER_CHARACTERS.filter((character) => id.includes(character));
  if (forbidden.length > 0) report('identifier', `identifier contains forbidden ${forbidden.join(' ')}`, id);
  if (RESERVED_IDENTIFIERS.includes(id)) report('identifier', 'identifier is a reserved word', id);
}

/** Checks one action of a known type: allowed here, ends or goes on as its type requires, errors handled. */
function checkKnownAction(action: FlowAction, type: FlowType, report: ReportIssue): void {
  const id = action.Identifier;
  const actionFacts = facts(action);
  if (actionFacts === undefined) return;
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
    if (!allowed.includes(errorType)) report('error-branch', `${action.Type} cannot raise ${errorType}`, id);
  }
  if (action.Type === 'InvokeLambdaFunction') {
    const limit = Number(action.Parameters.InvocationTimeLimitSeconds);
    if (!Number.isInteger(limit) || limit < 1 || limit > 8) {
      report('lambda-time-limit', 'InvocationTimeLimitSeconds must be an integer from 1 to 8', id);
    }
  }
}

/**
 * Checks the action count and every action on its own. `eachKnownAction` runs right after each action
 * whose type is known, so that other passes' per-action issues follow that action's own.
 * @returns the actions by identifier (the last one wins where an identifier is duplicated).
 */
export function checkStructure(
  document: FlowDocument,
  type: FlowType,
  report: ReportIssue,
  eachKnownAction: (action: FlowAction) => void,
): ReadonlyMap<string, FlowAction> {
  const actions = document.Actions;
  if (actions.length > MAX_ACTIONS)
    report('action-count', `${actions.length} actions; Connect allows ${MAX_ACTIONS}`);

  const byId = new Map<string, FlowAction>();
  for (const action of actions) {
    const id = action.Identifier;
    if (byId.has(id)) report('identifier', 'identifier is used by more than one action', id);
    byId.set(id, action);
    checkIdentifier(id, report);
    if (facts(action) === undefined) {
      report('action-type', `unknown action type ${action.Type}`, id);
      continue;
    }
    checkKnownAction(action, type, report);
    eachKnownAction(action);
  }
  return byId;
}
