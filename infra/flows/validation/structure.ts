import { type CatalogueEntry, errorTypesFor } from '../action-catalogue';
import {
  type FlowAction,
  type FlowDocument,
  type FlowType,
  FORBIDDEN_IDENTIFIER_CHARACTERS,
  MAX_ACTIONS,
  MAX_IDENTIFIER_LENGTH,
  RESERVED_IDENTIFIERS,
} from '../language';
import { facts } from './actions';
import type { ReportIssue } from './issues';
import { checkParameters } from './parameters';

/**
 * Structure pass: each action on its own against the flow-language reference (identifiers, action types
 * and flow types, next actions, conditions, error types and branches, parameters), plus Connect's action
 * count. What each action type accepts comes from the catalogue (action-catalogue.ts).
 */

function checkIdentifier(id: string, report: ReportIssue): void {
  if (id.length > MAX_IDENTIFIER_LENGTH)
    report('identifier', `identifier longer than ${MAX_IDENTIFIER_LENGTH}`, id);
  const forbidden = FORBIDDEN_IDENTIFIER_CHARACTERS.filter((character) => id.includes(character));
  if (forbidden.length > 0) report('identifier', `identifier contains forbidden ${forbidden.join(' ')}`, id);
  if (RESERVED_IDENTIFIERS.includes(id)) report('identifier', 'identifier is a reserved word', id);
}

/** Error types: the catalogue's for the action's form must all be handled, and no other declared. */
function checkErrors(action: FlowAction, entry: CatalogueEntry, report: ReportIssue): void {
  const id = action.Identifier;
  const declared = new Set((action.Transitions.Errors ?? []).map((error) => error.ErrorType));
  const raised = errorTypesFor(entry, action.Parameters);
  // The line's rule: every error the action can raise has a branch, so no caller is left in silence.
  for (const errorType of raised) {
    if (!declared.has(errorType)) report('error-branch', `no ${errorType} error branch`, id);
  }
  for (const errorType of declared) {
    if (raised.includes(errorType)) continue;
    const form = entry.errors.find((error) => error.type === errorType)?.onlyIn;
    const message =
      form === undefined
        ? `${action.Type} cannot raise ${errorType}`
        : `${action.Type} raises ${errorType} only when ${form.description}`;
    report('unknown-error-type', message, id);
  }
}

/** Conditions: only in the forms, with the operators and operands, the catalogue allows. */
function checkConditions(action: FlowAction, entry: CatalogueEntry, report: ReportIssue): void {
  const id = action.Identifier;
  const conditions = action.Transitions.Conditions ?? [];
  const spec = entry.conditions?.(action.Parameters);
  if (spec === undefined) {
    if (conditions.length > 0) report('condition', `${action.Type} takes no conditions here`, id);
    return;
  }
  for (const { Condition } of conditions) {
    if (spec.operators !== undefined && !spec.operators.includes(Condition.Operator)) {
      report('condition', `${action.Type} takes ${spec.operators.join(', ')}, not ${Condition.Operator}`, id);
    }
    const wrong = Condition.Operands.filter((operand) => spec.operands?.test(operand) === false);
    if (wrong.length > 0) report('condition', `${action.Type} cannot compare with ${wrong.join(', ')}`, id);
  }
  if (spec.exactly !== undefined) {
    const operands = conditions.flatMap(({ Condition }) =>
      Condition.Operator === 'Equals' ? Condition.Operands : [`${Condition.Operator}…`],
    );
    const exact =
      operands.length === spec.exactly.length && spec.exactly.every((operand) => operands.includes(operand));
    if (!exact) report('condition', `${action.Type} needs exactly Equals ${spec.exactly.join(' and ')}`, id);
  }
}

/** Checks one action of a known type: allowed here, ends or goes on as its type requires, transitions
 * and parameters as its page documents them. */
function checkKnownAction(
  action: FlowAction,
  entry: CatalogueEntry,
  type: FlowType,
  report: ReportIssue,
): void {
  const id = action.Identifier;
  if (!entry.flowTypes.includes(type)) report('action-type', `${action.Type} is not allowed in ${type}`, id);

  const { NextAction, Conditions = [] } = action.Transitions;
  if (entry.terminal && (NextAction !== undefined || Conditions.length > 0)) {
    report('path-end', `${action.Type} ends the flow but has a next action`, id);
  }
  if (!entry.terminal && NextAction === undefined && Conditions.length === 0) {
    const why = entry.handsOff
      ? 'the reference wants one wherever Transitions are not empty'
      : 'the caller would be left in silence';
    report('path-end', `${action.Type} has no next action: ${why}`, id);
  }
  checkConditions(action, entry, report);
  checkErrors(action, entry, report);
  checkParameters(action, entry, report);
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
    const entry = facts(action);
    if (entry === undefined) {
      report('action-type', `unknown action type ${action.Type}`, id);
      continue;
    }
    checkKnownAction(action, entry, type, report);
    eachKnownAction(action);
  }
  return byId;
}
