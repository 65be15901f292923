import {
  type ActionType,
  type ConditionOperator,
  FLOW_LANGUAGE_VERSION,
  type FlowAction,
  type FlowCondition,
  type FlowDocument,
  type FlowError,
  type FlowErrorType,
  type FlowType,
  MESSAGES_INTERRUPTED,
} from './language';

/**
 * A small typed API over the flow language: one method per action type the line uses, each taking the
 * parameters and the branches that action really has, so a missing branch is a compile error rather than
 * a caller stuck in silence. Values may hold CDK tokens (ARNs); they resolve when the Content is rendered.
 */

/** Amazon Polly voice for every flow: Léa, French (France), neural engine. */
export const FRENCH_VOICE: TextToSpeechVoice = { voice: 'Lea', engine: 'Neural' };

/** A Polly voice and its engine, as the Set voice action takes them. */
export interface TextToSpeechVoice {
  readonly voice: string;
  readonly engine: 'Neural' | 'Standard';
}

type Branch = string;

export interface DefinedFlow {
  /** Name shown in the Connect console. */
  readonly name: string;
  readonly type: FlowType;
  readonly description: string;
  readonly document: FlowDocument;
}

export class FlowBuilder {
  private readonly actions: FlowAction[] = [];

  constructor(
    public readonly name: string,
    public readonly type: FlowType,
  ) {}

  /** Plays text to the caller (or the listener, in a whisper flow). */
  message(id: string, text: string, next: { next: Branch; error: Branch }): this {
    return this.add(id, 'MessageParticipant', { Text: text }, { NextAction: next.next }, [
      ['NoMatchingError', next.error],
    ]);
  }

  /** Loops messages while the caller waits; `interrupted` runs every `interruptSeconds`. */
  loopMessages(
    id: string,
    params: { texts: readonly string[]; interruptSeconds: number },
    next: { interrupted: Branch; error: Branch },
  ): this {
    return this.add(
      id,
      'MessageParticipantIteratively',
      {
        Messages: params.texts.map((text) => ({ Text: text })),
        InterruptFrequencySeconds: String(params.interruptSeconds),
      },
      { Conditions: [condition('Equals', MESSAGES_INTERRUPTED, next.interrupted)] },
      [['NoMatchingError', next.error]],
    );
  }

  /** A one-key menu: plays text, then branches on the key pressed. */
  menu(
    id: string,
    params: { text: string; timeoutSeconds: number },
    next: { keys: Readonly<Record<string, Branch>>; timeout: Branch; noMatch: Branch; error: Branch },
  ): this {
    return this.add(
      id,
      'GetParticipantInput',
      { Text: params.text, StoreInput: 'False', InputTimeLimitSeconds: String(params.timeoutSeconds) },
      { Conditions: Object.entries(next.keys).map(([key, target]) => condition('Equals', key, target)) },
      [
        ['InputTimeLimitExceeded', next.timeout],
        ['NoMatchingCondition', next.noMatch],
        ['NoMatchingError', next.error],
      ],
    );
  }

  /**
   * Collects digits into `$.StoredCustomerInput` (ended by #). The digits are only ever passed to a Lambda
   * as an invocation attribute; the validator refuses any other use.
   */
  collectDigits(
    id: string,
    params: { text: string; timeoutSeconds: number; maxDigits: number },
    next: { next: Branch; error: Branch },
  ): this {
    return this.add(
      id,
      'GetParticipantInput',
      {
        Text: params.text,
        StoreInput: 'True',
        InputTimeLimitSeconds: String(params.timeoutSeconds),
        InputValidation: { CustomValidation: { MaximumLength: String(params.maxDigits) } },
        DTMFConfiguration: { InputTerminationSequence: '#', DisableCancelKey: 'False' },
      },
      { NextAction: next.next },
      [['NoMatchingError', next.error]],
    );
  }

  /** Invokes a Lambda synchronously; its flat string map lands under `$.External`. */
  invokeLambda(
    id: string,
    params: {
      functionArn: string;
      timeLimitSeconds: number;
      attributes?: Readonly<Record<string, string>>;
    },
    next: { next: Branch; error: Branch },
  ): this {
    if (
      !Number.isInteger(params.timeLimitSeconds) ||
      params.timeLimitSeconds < 1 ||
      params.timeLimitSeconds > 8
    ) {
      throw new Error(`Action ${id}: InvocationTimeLimitSeconds must be an integer from 1 to 8`);
    }
    return this.add(
      id,
      'InvokeLambdaFunction',
      {
        LambdaFunctionARN: params.functionArn,
        InvocationTimeLimitSeconds: String(params.timeLimitSeconds),
        InvocationType: 'SYNCHRONOUS',
        ResponseValidation: { ResponseType: 'STRING_MAP' },
        ...(params.attributes === undefined ? {} : { LambdaInvocationAttributes: { ...params.attributes } }),
      },
      { NextAction: next.next },
      [['NoMatchingError', next.error]],
    );
  }

  /** Branches on the hours of operation (with their holiday overrides). */
  checkHours(
    id: string,
    hoursOfOperationArn: string,
    next: { open: Branch; closed: Branch; error: Branch },
  ): this {
    return this.add(
      id,
      'CheckHoursOfOperation',
      { HoursOfOperationId: hoursOfOperationArn },
      { Conditions: [condition('Equals', 'True', next.open), condition('Equals', 'False', next.closed)] },
      [['NoMatchingError', next.error]],
    );
  }

  /** Branches on whether at least one listener is staffed (available, on a call, or in after-call work). */
  checkStaffed(id: string, queueArn: string, next: { staffed: Branch; none: Branch; error: Branch }): this {
    return this.add(
      id,
      'CheckMetricData',
      { MetricType: 'NumberOfAgentsStaffed', QueueId: queueArn },
      { NextAction: next.none, Conditions: [condition('NumberGreaterThan', '0', next.staffed)] },
      [['NoMatchingError', next.error]],
    );
  }

  /** Branches on one value (a JSONPath); no branch matched takes `noMatch`. */
  compare(
    id: string,
    value: string,
    next: {
      cases: readonly { operator: ConditionOperator; operand: string; next: Branch }[];
      noMatch: Branch;
    },
  ): this {
    return this.add(
      id,
      'Compare',
      { ComparisonValue: value },
      { Conditions: next.cases.map((entry) => condition(entry.operator, entry.operand, entry.next)) },
      [['NoMatchingCondition', next.noMatch]],
    );
  }

  /** Sets the voice prompts are spoken with (French unless told); fails on a voice or engine Connect refuses. */
  setVoice(id: string, next: { next: Branch; error: Branch }, voice: TextToSpeechVoice = FRENCH_VOICE): this {
    return this.add(
      id,
      'UpdateContactTextToSpeechVoice',
      { TextToSpeechVoice: voice.voice, TextToSpeechEngine: voice.engine },
      { NextAction: next.next },
      [['NoMatchingError', next.error]],
    );
  }

  /**
   * Turns recording off for everyone, IVR included: the line never records. The reference lists no
   * error for this action, so it has no error branch.
   */
  recordingOff(id: string, next: { next: Branch }): this {
    return this.add(
      id,
      'UpdateContactRecordingBehavior',
      { RecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled' } },
      { NextAction: next.next },
      [],
    );
  }

  flowLogging(id: string, state: 'Enabled' | 'Disabled', next: { next: Branch }): this {
    return this.add(
      id,
      'UpdateFlowLoggingBehavior',
      { FlowLoggingBehavior: state },
      { NextAction: next.next },
      [],
    );
  }

  /** Flow attributes live only for this flow run: never in the contact record. */
  setFlowAttributes(id: string, attributes: Readonly<Record<string, string>>, next: { next: Branch }): this {
    const FlowAttributes = Object.fromEntries(
      Object.entries(attributes).map(([key, Value]) => [key, { Value }]),
    );
    return this.add(id, 'UpdateFlowAttributes', { FlowAttributes }, { NextAction: next.next }, []);
  }

  /** Contact attributes are kept with the contact for 24 months: never personal data. */
  setContactAttributes(
    id: string,
    attributes: Readonly<Record<string, string>>,
    next: { next: Branch; error: Branch },
  ): this {
    return this.add(
      id,
      'UpdateContactAttributes',
      { Attributes: { ...attributes }, TargetContact: 'Current' },
      { NextAction: next.next },
      [['NoMatchingError', next.error]],
    );
  }

  setEventHook(
    id: string,
    hook: 'CustomerQueue' | 'AgentWhisper' | 'DefaultAgentUI',
    flowArn: string,
    next: { next: Branch; error: Branch },
  ): this {
    return this.add(
      id,
      'UpdateContactEventHooks',
      { EventHooks: { [hook]: flowArn } },
      { NextAction: next.next },
      [['NoMatchingError', next.error]],
    );
  }

  /**
   * Shows a view of the listener's step-by-step guide and branches on the action the listener took
   * (`$.Views.Action`); what the view submitted lands under `$.Views.ViewResultData`.
   * `hideResponse` keeps the view's answers out of the guide's transcript (the callback number).
   */
  showView(
    id: string,
    params: {
      viewArn: string;
      timeLimitSeconds: number;
      viewData?: Readonly<Record<string, unknown>>;
      hideResponse?: boolean;
    },
    next: { actions: Readonly<Record<string, Branch>>; noMatch: Branch; error: Branch; timeout: Branch },
  ): this {
    return this.add(
      id,
      'ShowView',
      {
        ViewResource: { Id: params.viewArn },
        InvocationTimeLimitSeconds: String(params.timeLimitSeconds),
        ...(params.viewData === undefined ? {} : { ViewData: { ...params.viewData } }),
        ...(params.hideResponse === true
          ? { SensitiveDataConfiguration: { HideResponseOn: ['TRANSCRIPT'] } }
          : {}),
      },
      {
        Conditions: Object.entries(next.actions).map(([action, target]) =>
          condition('Equals', action, target),
        ),
      },
      [
        ['NoMatchingCondition', next.noMatch],
        ['NoMatchingError', next.error],
        ['TimeLimitExceeded', next.timeout],
      ],
    );
  }

  setTargetQueue(id: string, queueArn: string, next: { next: Branch; error: Branch }): this {
    return this.add(id, 'UpdateContactTargetQueue', { QueueId: queueArn }, { NextAction: next.next }, [
      ['NoMatchingError', next.error],
    ]);
  }

  /**
   * Places the caller in the target queue; the flow ends there. Its errors make Transitions non-empty,
   * so the reference wants a NextAction: success never takes it; like console exports, it mirrors an error.
   */
  transferToQueue(id: string, next: { atCapacity: Branch; error: Branch }): this {
    return this.add(id, 'TransferContactToQueue', {}, { NextAction: next.error }, [
      ['QueueAtCapacity', next.atCapacity],
      ['NoMatchingError', next.error],
    ]);
  }

  /** Hands the caller to another flow; NextAction mirrors the error branch, as for a queue transfer. */
  transferToFlow(id: string, flowArn: string, next: { error: Branch }): this {
    return this.add(id, 'TransferToFlow', { ContactFlowId: flowArn }, { NextAction: next.error }, [
      ['NoMatchingError', next.error],
    ]);
  }

  disconnect(id: string): this {
    return this.add(id, 'DisconnectParticipant', {}, {}, []);
  }

  endFlow(id: string): this {
    return this.add(id, 'EndFlowExecution', {}, {}, []);
  }

  /** The flow document, starting at `startAction`. Structural checks are the validator's job. */
  build(startAction: string, description: string): DefinedFlow {
    return {
      name: this.name,
      type: this.type,
      description,
      document: { Version: FLOW_LANGUAGE_VERSION, StartAction: startAction, Actions: [...this.actions] },
    };
  }

  private add(
    id: string,
    type: ActionType,
    parameters: Record<string, unknown>,
    transitions: { NextAction?: string; Conditions?: FlowCondition[] },
    errors: readonly (readonly [FlowErrorType, Branch])[],
  ): this {
    const Errors: FlowError[] = errors.map(([ErrorType, NextAction]) => ({ NextAction, ErrorType }));
    this.actions.push({
      Identifier: id,
      Type: type,
      Parameters: parameters,
      Transitions: {
        ...(transitions.NextAction === undefined ? {} : { NextAction: transitions.NextAction }),
        ...(transitions.Conditions === undefined ? {} : { Conditions: transitions.Conditions }),
        ...(Errors.length === 0 ? {} : { Errors }),
      },
    });
    return this;
  }
}

function condition(operator: ConditionOperator, operand: string, next: Branch): FlowCondition {
  return { NextAction: next, Condition: { Operator: operator, Operands: [operand] } };
}
