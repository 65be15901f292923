import type { ConditionOperator, FlowErrorType, FlowType } from './language';

/**
 * The flow-language reference, one entry per action type the line emits (line-flows.ts, the listener's
 * guide flow in listener-workspace.ts, the callback task flow in callback-dispatch.ts): the parameters
 * each page documents, the transitions and error types it allows, the flow types it names, and the page.
 * Pages are under https://docs.aws.amazon.com/connect/latest/APIReference/ (also published, word for
 * word, under .../connect/latest/devguide/). Where a page is silent, the entry says so in a comment and
 * does not fill the gap: docs/connect-facts.md keeps what is still to be seen on a first deploy.
 */

const REFERENCE = 'https://docs.aws.amazon.com/connect/latest/APIReference';

/** An action's parameters, read without assuming their shape. */
export type ActionParameters = Readonly<Record<string, unknown>>;

/** A form of an action that only some errors or parameters apply to, as its page words it. */
export interface ActionForm {
  readonly description: string;
  readonly applies: (parameters: ActionParameters) => boolean;
}

interface ValueCommon {
  /** The page requires it (in the given form only, when `requiredIn` is set). */
  readonly required?: boolean;
  readonly requiredIn?: ActionForm;
  /** The page allows it in this form only. */
  readonly onlyIn?: ActionForm;
  /** "Must be defined statically": no JSONPath. */
  readonly static?: boolean;
}

/** What one parameter, or one field of an object parameter, may hold. */
export type ValueSpec = ValueCommon &
  (
    | { readonly kind: 'text'; readonly values?: readonly string[] }
    /** No page gives the JSON type: the line writes strings ("3"), the ShowView page's sample a number. */
    | { readonly kind: 'integer'; readonly min: number; readonly max?: number }
    | { readonly kind: 'object'; readonly fields: Readonly<Record<string, ValueSpec>> }
    | {
        readonly kind: 'map';
        /** Keys the page allows; any key when absent. */
        readonly keys?: readonly string[];
        readonly maxEntries?: number;
        /** Free text when absent. */
        readonly values?: ValueSpec;
      }
    | { readonly kind: 'list'; readonly items: ValueSpec }
    /** The page names the value without defining it: nothing to check. */
    | { readonly kind: 'undocumented' }
  );

/** An error type an action may raise. */
export interface ErrorSpec {
  readonly type: FlowErrorType;
  /** Raised only in this form of the action; always when absent. */
  readonly onlyIn?: ActionForm;
  /** False when the action's page does not list it: the entry's comment says why it is kept. */
  readonly listed: boolean;
}

/** The conditions an action's result may be compared with. */
export interface ConditionSpec {
  /** Any operator when absent. */
  readonly operators?: readonly ConditionOperator[];
  /** What each operand must look like; anything when absent. */
  readonly operands?: RegExp;
  /** These operands, with Equals, each exactly once and nothing else. */
  readonly exactly?: readonly string[];
}

/** What the reference says about one action type. */
export interface CatalogueEntry {
  readonly page: string;
  readonly parameters: Readonly<Record<string, ValueSpec>>;
  /** Parameter groups of which the page allows at most one. */
  readonly exclusive?: readonly (readonly string[])[];
  /** Conditions allowed, by the action's form; none when the function returns undefined or is absent. */
  readonly conditions?: (parameters: ActionParameters) => ConditionSpec | undefined;
  readonly errors: readonly ErrorSpec[];
  /**
   * The page says the action stops the flow: "Transitions must be defined as an empty object"
   * (flow-language-actions.html). Every other action needs a NextAction or conditions.
   */
  readonly terminal: boolean;
  /**
   * On success the contact leaves this flow (for a queue or another flow): the journey is over although
   * the page lists errors, so Transitions are not empty and carry a NextAction that success never takes.
   */
  readonly handsOff?: boolean;
  /** Flow types the page names, in our CfnContactFlow types (inbound = CONTACT_FLOW). */
  readonly flowTypes: readonly FlowType[];
}

const ALL_FLOW_TYPES: readonly FlowType[] = ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_WHISPER'];
const ANY_CONDITION = (): ConditionSpec => ({});

const listed = (type: FlowErrorType, onlyIn?: ActionForm): ErrorSpec => ({
  type,
  listed: true,
  ...(onlyIn === undefined ? {} : { onlyIn }),
});

const text = (extra: ValueCommon & { readonly values?: readonly string[] } = {}): ValueSpec => ({
  kind: 'text',
  ...extra,
});
const TRUE_FALSE = ['True', 'False'] as const;

/** "Media": an external audio prompt, on the message pages. */
const MEDIA: ValueSpec = {
  kind: 'object',
  fields: {
    Uri: text(),
    SourceType: text({ values: ['S3'] }),
    MediaType: text({ values: ['Audio'] }),
  },
};

/** The prompt parameters MessageParticipant and GetParticipantInput share; "May not be specified if …". */
const PROMPT = { PromptId: text(), Text: text(), SSML: text(), Media: MEDIA } as const;
const ONE_PROMPT = [['PromptId', 'Text', 'SSML', 'Media']] as const;

/** GetParticipantInput keeps the digits instead of branching on one key. */
export const STORES_INPUT: ActionForm = {
  description: 'StoreInput is True',
  applies: (parameters) => String(parameters.StoreInput).toLowerCase() === 'true',
};
const BRANCHES_ON_KEY: ActionForm = {
  description: 'StoreInput is False or absent',
  applies: (parameters) => !STORES_INPUT.applies(parameters),
};
const VALIDATES_PHONE_NUMBER: ActionForm = {
  description: 'StoreInput is True with PhoneNumberValidation',
  applies: (parameters) =>
    STORES_INPUT.applies(parameters) &&
    (parameters.InputValidation as { PhoneNumberValidation?: unknown } | undefined)?.PhoneNumberValidation !==
      undefined,
};
const VALIDATES_CUSTOM: ActionForm = {
  description: 'CustomValidation is given',
  applies: (parameters) =>
    (parameters.InputValidation as { CustomValidation?: unknown } | undefined)?.CustomValidation !==
    undefined,
};

const AGENT_COUNT_METRICS = ['NumberOfAgentsAvailable', 'NumberOfAgentsStaffed', 'NumberOfAgentsOnline'];
const QUEUE_METRICS = ['OldestContactInQueueAgeSeconds', 'NumberOfContactsInQueue'];
const COUNTS_QUEUE: ActionForm = {
  description: `MetricType is ${QUEUE_METRICS.join(' or ')}`,
  applies: (parameters) => QUEUE_METRICS.includes(String(parameters.MetricType)),
};

/** The action types this line uses, and nothing else: the validator and the interpreter reject others. */
export const ACTION_CATALOGUE = {
  MessageParticipant: {
    page: `${REFERENCE}/participant-actions-messageparticipant.html`,
    parameters: PROMPT,
    exclusive: ONE_PROMPT,
    errors: [listed('NoMatchingError')],
    terminal: false,
    // "contact flows, transfer flows, whisper flows, and customer queue flows … not … hold flows".
    flowTypes: ALL_FLOW_TYPES,
  },
  MessageParticipantIteratively: {
    page: `${REFERENCE}/participant-actions-messageparticipantiteratively.html`,
    parameters: {
      Messages: {
        kind: 'list',
        items: { kind: 'object', fields: { Text: text(), PromptId: text(), SSML: text(), Media: MEDIA } },
      },
      // The page marks it optional and gives no type or bounds.
      InterruptFrequencySeconds: { kind: 'integer', min: 1 },
    },
    conditions: () => ({ operators: ['Equals'], operands: /^MessagesInterrupted$/ }),
    errors: [listed('NoMatchingError')],
    terminal: false,
    // "Customer Queue, Customer Hold, and Agent Hold flows": we deploy no hold flow.
    flowTypes: ['CUSTOMER_QUEUE'],
  },
  GetParticipantInput: {
    page: `${REFERENCE}/participant-actions-getparticipantinput.html`,
    parameters: {
      ...PROMPT,
      // "a valid integer larger than zero", static; the page gives no maximum and no JSON type.
      InputTimeLimitSeconds: { kind: 'integer', min: 1, static: true },
      StoreInput: text({ values: TRUE_FALSE, static: true }),
      // "required if and only if StoreInput is True".
      InputValidation: {
        kind: 'object',
        requiredIn: STORES_INPUT,
        onlyIn: STORES_INPUT,
        fields: {
          PhoneNumberValidation: {
            kind: 'object',
            fields: {
              NumberFormat: text({ values: ['Local', 'E164'], static: true }),
              CountryCode: text({ static: true }),
            },
          },
          CustomValidation: {
            kind: 'object',
            fields: { MaximumLength: { kind: 'integer', min: 1, static: true } },
          },
        },
      },
      // "May only be specified if CustomValidation is provided".
      InputEncryption: {
        kind: 'object',
        onlyIn: VALIDATES_CUSTOM,
        fields: { EncryptionKeyId: text(), Key: text() },
      },
      DTMFConfiguration: {
        kind: 'object',
        fields: { InputTerminationSequence: text(), DisableCancelKey: text({ values: TRUE_FALSE }) },
      },
    },
    exclusive: ONE_PROMPT,
    // "only the Equals operator … a single character - 0-9 numeric, *, or #"; none when StoreInput is True.
    conditions: (parameters) =>
      BRANCHES_ON_KEY.applies(parameters) ? { operators: ['Equals'], operands: /^[0-9*#]$/ } : undefined,
    errors: [
      listed('NoMatchingError'),
      listed('NoMatchingCondition', BRANCHES_ON_KEY),
      listed('InvalidPhoneNumber', VALIDATES_PHONE_NUMBER),
      // Not in the page's list, whose InputTimeLimitSeconds ends "with a timeout error": this name is the
      // reference's own for input timeouts (ConnectParticipantWithLexBot) and the one behind the
      // console's Timeout branch of Get customer input. Kept for the key menus only.
      { type: 'InputTimeLimitExceeded', onlyIn: BRANCHES_ON_KEY, listed: false },
    ],
    terminal: false,
    // "contact flows, transfer flows, and customer queue flows but not in whisper flows or hold flows".
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  InvokeLambdaFunction: {
    page: `${REFERENCE}/interactions-invokelambdafunction.html`,
    parameters: {
      LambdaFunctionARN: text(),
      // "Must be greater than 0, no larger than 8, and an integer. Must be set statically": read as
      // required, since an absent value has no bound to meet.
      InvocationTimeLimitSeconds: { kind: 'integer', min: 1, max: 8, static: true, required: true },
      InvocationType: text({ values: ['SYNCHRONOUS', 'ASYNCHRONOUS'] }),
      LambdaInvocationAttributes: { kind: 'map' },
      ResponseValidation: {
        kind: 'object',
        fields: { ResponseType: text({ values: ['STRING_MAP', 'JSON'], static: true }) },
      },
    },
    errors: [listed('NoMatchingError')],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  CheckHoursOfOperation: {
    page: `${REFERENCE}/flow-control-actions-checkhoursofoperation.html`,
    parameters: { HoursOfOperationId: text() },
    // "There must be a Condition provided for Equals True and a Condition for Equals False, and no other".
    conditions: () => ({ exactly: ['True', 'False'] }),
    errors: [listed('NoMatchingError')],
    terminal: false,
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  CheckMetricData: {
    page: `${REFERENCE}/flow-control-actions-checkmetricdata.html`,
    parameters: {
      MetricType: text({ values: [...AGENT_COUNT_METRICS, ...QUEUE_METRICS], static: true }),
      QueueId: text(),
      AgentId: text(),
    },
    exclusive: [['QueueId', 'AgentId']],
    // "If the MetricType is NumberOfAgents* then the only supported condition is NumberGreaterThan 0".
    // No condition true and no error: NextAction ("if no error or condition is preferentially chosen").
    conditions: (parameters) =>
      AGENT_COUNT_METRICS.includes(String(parameters.MetricType))
        ? { operators: ['NumberGreaterThan'], operands: /^0$/ }
        : {
            operators: [
              'Equals',
              'NumberGreaterThan',
              'NumberGreaterOrEqualTo',
              'NumberLessThan',
              'NumberLessOrEqualTo',
            ],
          },
    errors: [listed('NoMatchingError'), listed('NoMatchingCondition', COUNTS_QUEUE)],
    terminal: false,
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  Compare: {
    page: `${REFERENCE}/flow-control-actions-compare.html`,
    parameters: { ComparisonValue: text() },
    conditions: ANY_CONDITION,
    errors: [listed('NoMatchingCondition')],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  UpdateContactTextToSpeechVoice: {
    page: `${REFERENCE}/contact-actions-updatecontacttexttospeechvoice.html`,
    parameters: {
      TextToSpeechVoice: text(),
      // The page lists no engine values (see docs/connect-facts.md).
      TextToSpeechEngine: text(),
      // "None, Coversational, or Newscaster", the page's spelling corrected.
      TextToSpeechStyle: text({ values: ['None', 'Conversational', 'Newscaster'] }),
    },
    // "Results in error if voice or engine are invalid"; NoMatchingError "Must always be defined".
    errors: [listed('NoMatchingError')],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  UpdateContactRecordingBehavior: {
    page: `${REFERENCE}/contact-actions-updatecontactrecordingbehavior.html`,
    parameters: {
      RecordingBehavior: {
        kind: 'object',
        fields: {
          RecordedParticipants: {
            kind: 'list',
            items: text({ values: ['Agent', 'Customer'] }),
            static: true,
          },
          ScreenRecordedParticipants: { kind: 'list', items: text({ values: ['Agent'] }), static: true },
          IVRRecordingBehavior: text({ values: ['Enabled', 'Disabled'], static: true }),
        },
      },
      // Contact Lens settings; the line never records, so their fields are not catalogued one by one.
      AnalyticsBehavior: { kind: 'undocumented' },
    },
    // Errors: "None."
    errors: [],
    terminal: false,
    // "contact flows, transfer flows, outbound whispers, and customer queue flows … not … agent/customer
    // whispers or hold flows".
    flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE'],
  },
  UpdateFlowLoggingBehavior: {
    page: `${REFERENCE}/flow-control-actions-updateflowloggingbehavior.html`,
    parameters: { FlowLoggingBehavior: text({ values: ['Enabled', 'Disabled'], static: true }) },
    errors: [],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  UpdateFlowAttributes: {
    page: `${REFERENCE}/flow-control-actions-updateflowattributes.html`,
    parameters: {
      // "Keys are of type String, Values are of type FlowAttribute"; the page's sample of a FlowAttribute
      // is malformed and no page defines its fields (see docs/connect-facts.md).
      FlowAttributes: { kind: 'map', values: { kind: 'undocumented' } },
    },
    errors: [],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  UpdateContactAttributes: {
    page: `${REFERENCE}/contact-actions-updatecontactattributes.html`,
    parameters: {
      Attributes: { kind: 'map' },
      TargetContact: text({ values: ['Current', 'Related'], static: true }),
    },
    errors: [listed('NoMatchingError')],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  UpdateContactEventHooks: {
    page: `${REFERENCE}/contact-actions-updatecontacteventhooks.html`,
    parameters: {
      // "Only one entry may be present in this map"; the keys are the page's list of valid event hooks.
      EventHooks: {
        kind: 'map',
        maxEntries: 1,
        keys: [
          'AgentHold',
          'AgentWhisper',
          'CustomerHold',
          'CustomerQueue',
          'CustomerRemaining',
          'CustomerWhisper',
          'DefaultAgentUI',
          'DisconnectAgentUI',
          'PauseContact',
          'ResumeContact',
        ],
      },
    },
    errors: [listed('NoMatchingError')],
    terminal: false,
    flowTypes: ALL_FLOW_TYPES,
  },
  UpdateContactTargetQueue: {
    page: `${REFERENCE}/contact-actions-updatecontacttargetqueue.html`,
    parameters: { QueueId: text(), AgentId: text() },
    exclusive: [['QueueId', 'AgentId']],
    errors: [listed('NoMatchingError')],
    terminal: false,
    // "only in contact flows and transfer flows".
    flowTypes: ['CONTACT_FLOW'],
  },
  TransferContactToQueue: {
    page: `${REFERENCE}/contact-actions-transfercontacttoqueue.html`,
    // "No parameters are expected."
    parameters: {},
    errors: [listed('QueueAtCapacity'), listed('NoMatchingError')],
    // The page does not say the action stops the flow, and its errors make Transitions non-empty: so a
    // NextAction, which console exports point at the error branch's target.
    terminal: false,
    handsOff: true,
    flowTypes: ['CONTACT_FLOW'],
  },
  TransferToFlow: {
    page: `${REFERENCE}/flow-control-actions-transfertoflow.html`,
    parameters: { ContactFlowId: text() },
    errors: [listed('NoMatchingError')],
    // "Execution jumps to a different flow"; with its error, Transitions are not empty (as above).
    terminal: false,
    handsOff: true,
    // "inbound flows and transfer flows … not … hold flows, customer queue flows, or whisper flows".
    flowTypes: ['CONTACT_FLOW'],
  },
  DisconnectParticipant: {
    page: `${REFERENCE}/participant-actions-disconnectparticipant.html`,
    parameters: {},
    errors: [],
    // "stops this flow from running".
    terminal: true,
    // "This action can be used everywhere."
    flowTypes: ALL_FLOW_TYPES,
  },
  ShowView: {
    page: `${REFERENCE}/participant-actions-showview.html`,
    parameters: {
      // The page names Id and Version without their format; the line passes the view ARN with :$LATEST.
      ViewResource: { kind: 'object', fields: { Id: text(), Version: text() } },
      // The page's sample is 400, with no bounds.
      InvocationTimeLimitSeconds: { kind: 'integer', min: 1 },
      ViewData: { kind: 'map', values: { kind: 'undocumented' } },
      SensitiveDataConfiguration: {
        kind: 'object',
        fields: { HideResponseOn: { kind: 'list', items: text({ values: ['TRANSCRIPT'] }) } },
      },
    },
    // "The available conditions will be dependent on the View resource": the view's Actions.
    conditions: ANY_CONDITION,
    errors: [listed('NoMatchingError'), listed('NoMatchingCondition'), listed('TimeLimitExceeded')],
    terminal: false,
    // The page says both "inbound flows and customer queue flows" and "only … inbound contact flows";
    // the Show view block page allows inbound flows only. The narrower reading is kept.
    flowTypes: ['CONTACT_FLOW'],
  },
  EndFlowExecution: {
    page: `${REFERENCE}/flow-control-actions-endflowexecution.html`,
    parameters: {},
    // "None. This is always a terminal action."
    errors: [],
    terminal: true,
    // "only in whisper flows and customer queue flows".
    flowTypes: ['CUSTOMER_QUEUE', 'AGENT_WHISPER'],
  },
} as const satisfies Record<string, CatalogueEntry>;

/** An action type of the catalogue. */
export type ActionType = keyof typeof ACTION_CATALOGUE;

/** Whether the catalogue, hence the line, knows this action type. */
export function isActionType(type: string): type is ActionType {
  return Object.hasOwn(ACTION_CATALOGUE, type);
}

/** Whether a path that reaches an action of this entry has ended: hung up, queued, or handed over. */
export function endsJourney(entry: CatalogueEntry): boolean {
  return entry.terminal || entry.handsOff === true;
}

/** The catalogue entry of a type, or undefined for a type this line does not use. */
export function catalogueEntry(type: string): CatalogueEntry | undefined {
  return isActionType(type) ? ACTION_CATALOGUE[type] : undefined;
}

/** The error types an action of this entry may raise in its form (and, by the line's rule, must handle). */
export function errorTypesFor(entry: CatalogueEntry, parameters: ActionParameters): FlowErrorType[] {
  return entry.errors.filter((error) => error.onlyIn?.applies(parameters) ?? true).map((error) => error.type);
}
