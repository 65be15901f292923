import { type CatalogueEntry, catalogueEntry, endsJourney, STORES_INPUT } from '../action-catalogue';
import type { FlowAction, FlowErrorType } from '../language';

/** Reading one action: where it can go, what the catalogue says about its type, whether it keeps digits. */

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

/** The catalogue entry of the action's type; undefined for a type this line does not know. */
export function facts(action: FlowAction): CatalogueEntry | undefined {
  return catalogueEntry(action.Type);
}

/** Whether a path that reaches the action has ended (hang-up, end of flow, queue, other flow). */
export function journeyEnds(action: FlowAction): boolean {
  const entry = facts(action);
  return entry !== undefined && endsJourney(entry);
}

/** Whether the action keeps the keyed digits in `$.StoredCustomerInput`. */
export function storesInput(action: FlowAction): boolean {
  return action.Type === 'GetParticipantInput' && STORES_INPUT.applies(action.Parameters);
}
