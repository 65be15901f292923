import type { ActionType } from './action-catalogue';

/**
 * The Amazon Connect flow language (Version 2019-10-30) as TypeScript types, and the limits the reference
 * sets on a whole flow (docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html).
 * What each action type accepts is in action-catalogue.ts.
 */

export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/** Connect flow types we deploy (CfnContactFlow `Type`). */
export type FlowType = 'CONTACT_FLOW' | 'CUSTOMER_QUEUE' | 'AGENT_WHISPER';

export interface FlowCondition {
  readonly NextAction: string;
  readonly Condition: { readonly Operator: ConditionOperator; readonly Operands: readonly string[] };
}

export interface FlowError {
  readonly NextAction: string;
  readonly ErrorType: FlowErrorType;
}

export interface FlowTransitions {
  readonly NextAction?: string;
  readonly Conditions?: readonly FlowCondition[];
  readonly Errors?: readonly FlowError[];
}

export interface FlowAction {
  readonly Identifier: string;
  readonly Type: ActionType;
  readonly Parameters: Readonly<Record<string, unknown>>;
  readonly Transitions: FlowTransitions;
}

/** A whole flow as Connect stores it in `Content`. */
export interface FlowDocument {
  readonly Version: typeof FLOW_LANGUAGE_VERSION;
  readonly StartAction: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
  readonly Actions: readonly FlowAction[];
}

export type ConditionOperator =
  | 'Equals'
  | 'NumberGreaterThan'
  | 'NumberGreaterOrEqualTo'
  | 'NumberLessThan'
  | 'NumberLessOrEqualTo'
  | 'TextStartsWith'
  | 'TextEndsWith'
  | 'TextContains';

export type FlowErrorType =
  | 'NoMatchingError'
  | 'NoMatchingCondition'
  | 'InputTimeLimitExceeded'
  | 'InvalidPhoneNumber'
  | 'QueueAtCapacity'
  | 'TimeLimitExceeded';

/** The action types the line uses, from the catalogue of the flow-language reference. */
export { type ActionType, isActionType } from './action-catalogue';

/** Characters Connect refuses in an action Identifier. */
export const FORBIDDEN_IDENTIFIER_CHARACTERS = [
  '%',
  ':',
  '(',
  '\\',
  '/',
  ')',
  '=',
  '$',
  ',',
  ';',
  '[',
  ']',
  '{',
  '}',
];
/** Strings Connect refuses as an action Identifier. */
export const RESERVED_IDENTIFIERS = [
  '__proto__',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
];
export const MAX_IDENTIFIER_LENGTH = 50;
export const MAX_ACTIONS = 250;
/** The result Connect gives MessageParticipantIteratively when its interrupt timer fires. */
export const MESSAGES_INTERRUPTED = 'MessagesInterrupted';
/** JSONPath of digits kept by GetParticipantInput with StoreInput: never copied into attributes. */
export const STORED_CUSTOMER_INPUT = '$.StoredCustomerInput';
