/**
 * The Amazon Connect flow language (Version 2019-10-30) as TypeScript types, plus the facts about each
 * action type that the validator and the interpreter both rely on: which errors it can raise, whether it
 * ends the flow, and in which flow types Connect accepts it. Facts come from the flow-language reference
 * (docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html).
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

/** What the reference says about one action type. */
export interface ActionTypeFacts {
  /** Error types the action may raise; the validator requires a transition for each `required` one. */
  readonly errors: readonly FlowErrorType[];
  /** Ends the flow: no NextAction may follow. */
  readonly terminal: boolean;
  /** Hands the caller to a listener queue or another flow, or hangs up. */
  readonly endsJourney: boolean;
  /** Flow types in which Connect accepts the action. */
  readonly flowTypes: readonly FlowType[];
}

const ALL: readonly FlowType[] = ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_WHISPER'];

/** The action types this line uses, and nothing else: the validator and the interpreter reject others. */
export const ACTION_TYPES = {
  MessageParticipant: { errors: ['NoMatchingError'], terminal: false, endsJourney: false, flowTypes: ALL },
  MessageParticipantIteratively: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CUSTOMER_QUEUE'],
  },
  GetParticipantInput: {
    // NoMatchingCondition only without StoreInput; InvalidPhoneNumber only with PhoneNumberValidation.
    errors: ['NoMatchingError', 'InputTimeLimitExceeded'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  InvokeLambdaFunction: { errors: ['NoMatchingError'], terminal: false, endsJourney: false, flowTypes: ALL },
  CheckHoursOfOperation: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  CheckMetricData: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  Compare: { errors: ['NoMatchingCondition'], terminal: false, endsJourney: false, flowTypes: ALL },
  UpdateContactTextToSpeechVoice: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ALL,
  },
  UpdateContactRecordingBehavior: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CONTACT_FLOW'],
  },
  UpdateFlowLoggingBehavior: { errors: [], terminal: false, endsJourney: false, flowTypes: ALL },
  UpdateFlowAttributes: { errors: [], terminal: false, endsJourney: false, flowTypes: ALL },
  UpdateContactAttributes: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ALL,
  },
  UpdateContactEventHooks: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ALL,
  },
  UpdateContactTargetQueue: {
    errors: ['NoMatchingError'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CONTACT_FLOW'],
  },
  TransferContactToQueue: {
    errors: ['QueueAtCapacity', 'NoMatchingError'],
    terminal: true,
    endsJourney: true,
    flowTypes: ['CONTACT_FLOW'],
  },
  TransferToFlow: {
    errors: ['NoMatchingError'],
    terminal: true,
    endsJourney: true,
    flowTypes: ['CONTACT_FLOW'],
  },
  DisconnectParticipant: {
    errors: [],
    terminal: true,
    endsJourney: true,
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  // The listener's step-by-step guide (qualification form); guides run in inbound-type flows.
  ShowView: {
    errors: ['NoMatchingError', 'NoMatchingCondition', 'TimeLimitExceeded'],
    terminal: false,
    endsJourney: false,
    flowTypes: ['CONTACT_FLOW'],
  },
  EndFlowExecution: {
    errors: [],
    terminal: true,
    endsJourney: true,
    flowTypes: ['CUSTOMER_QUEUE', 'AGENT_WHISPER'],
  },
} as const satisfies Record<string, ActionTypeFacts>;

export type ActionType = keyof typeof ACTION_TYPES;

export function isActionType(type: string): type is ActionType {
  return Object.hasOwn(ACTION_TYPES, type);
}

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
