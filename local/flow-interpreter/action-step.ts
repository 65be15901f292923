import type { ConditionOperator, FlowAction, FlowErrorType } from '../../infra/flows/language';
import type { CallState } from './call-state';
import { InterpreterError } from './interpreter-types';
import type { DeployedFlow } from './template-flows';

/** One action about to run, and how its transitions resolve, as Connect resolves them. */
export interface ActionStep {
  readonly flow: DeployedFlow;
  readonly action: FlowAction;
  readonly id: string;
  readonly parameters: FlowAction['Parameters'];
  /**
   * The NextAction transition.
   * @throws InterpreterError when the action has none
   */
  next(): string;
  /**
   * The Errors transition for `errorType`, noted in the transcript.
   * @throws InterpreterError when the action has no branch for it
   */
  onError(errorType: FlowErrorType): string;
  /** The first Conditions transition `value` satisfies; undefined when none does. */
  byCondition(value: string | undefined): string | undefined;
}

/** Whether `value` satisfies `operator` against `operand`, as Connect compares. */
export function compare(operator: ConditionOperator, value: string | undefined, operand: string): boolean {
  if (value === undefined) return false;
  const number = Number(value);
  const target = Number(operand);
  switch (operator) {
    case 'Equals':
      return value === operand;
    case 'NumberGreaterThan':
      return value !== '' && number > target;
    case 'NumberGreaterOrEqualTo':
      return value !== '' && number >= target;
    case 'NumberLessThan':
      return value !== '' && number < target;
    case 'NumberLessOrEqualTo':
      return value !== '' && number <= target;
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    case 'TextContains':
      return value.includes(operand);
  }
}

/** The step for `action` of `flow`; error branches taken are noted in `call`'s transcript. */
export function actionStep(call: CallState, flow: DeployedFlow, action: FlowAction): ActionStep {
  const id = action.Identifier;
  return {
    flow,
    action,
    id,
    parameters: action.Parameters,
    next: () => {
      const target = action.Transitions.NextAction;
      if (target === undefined) throw new InterpreterError('no NextAction', flow.name, id);
      return target;
    },
    onError: (errorType) => {
      const target = action.Transitions.Errors?.find((entry) => entry.ErrorType === errorType)?.NextAction;
      if (target === undefined) throw new InterpreterError(`no ${errorType} branch`, flow.name, id);
      call.note(flow.name, 'branch', `Erreur ${errorType}`, id);
      return target;
    },
    byCondition: (value) =>
      action.Transitions.Conditions?.find((entry) =>
        compare(entry.Condition.Operator, value, entry.Condition.Operands[0] ?? ''),
      )?.NextAction,
  };
}
