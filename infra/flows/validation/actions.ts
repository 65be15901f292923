import {
  ACTION_TYPES,
  type ActionTypeFacts,
  type FlowAction,
  type FlowErrorType,
  isActionType,
} from '../language';

/** Reading one action: where it can go, what the reference says about its type, whether it keeps digits. */

/** A transition out of an action, with how it gets there. */
export interface Target {
  readonly next: string;
  readonly via: 'next' | 'condition' | FlowErrorType;
}

/** Every target an action can go to, with how it gets there. */
export function targets(action: FlowAction): Target[] {
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  return [
    ...(NextAction === undefined ? [] : [{ next: NextAction, via: 'next' as const }]),
    ...Conditions.map((entry) => ({ next: entry.NextAction, via: 'condition' as const })),
    ...Errors.map((entry) => ({ next: entry.NextAction, via: entry.ErrorType })),
  ];
}

/** The reference's facts about the action's type; undefined for a type this line does not know. */
export function facts(action: FlowAction): ActionTypeFacts | undefined {
  return isActionType(action.Type) ? ACTION_TYPES[action.Type] : undefined;
}

/** Whether the action keeps the keyed digits in `$.StoredCustomerInput`. */
export function storesInput(action: FlowAction): boolean {
  return (
    action.Type === 'GetParticipantInput' && String(action.Parameters.StoreInput).toLowerCase() === 'true'
  );
}
