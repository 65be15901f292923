import { prod as config } from '../../../config/stages/prod';
import { callbackTaskFlowContent } from '../../../infra/constructs/callback-dispatch';
import type { DefinedFlow } from '../../../infra/flows/builder';
import type { FlowAction, FlowDocument } from '../../../infra/flows/language';
import { lineFlows } from '../../../infra/flows/line-flows';
import {
  assertValidFlows,
  FlowValidationError,
  formatIssue,
  validateFlow,
  validateFlows,
} from '../../../infra/flows/validator';
import { SAMPLE_LINE_FLOW_REFS } from '../../support/line-flow-refs';

const flows = () => lineFlows(SAMPLE_LINE_FLOW_REFS, config.weekdayHours, config.callerLanguages);

type MutableAction = { -readonly [K in keyof FlowAction]: FlowAction[K] } & Record<string, unknown>;

/** A deep copy of `flow` whose actions `change` may rewrite freely. */
function broken(
  flow: DefinedFlow,
  change: (actions: MutableAction[], document: Record<string, unknown>) => void,
) {
  const document = structuredClone(flow.document) as unknown as Record<string, unknown>;
  change(document.Actions as MutableAction[], document);
  return { ...flow, document: document as unknown as FlowDocument };
}

function action(actions: MutableAction[], id: string): MutableAction {
  const found = actions.find((candidate) => candidate.Identifier === id);
  if (found === undefined) throw new Error(`test setup: no action ${id}`);
  return found;
}

function issuesOf(flow: DefinedFlow) {
  return validateFlow(flow.name, flow.type, flow.document);
}

describe('the line flows', () => {
  it('pass every rule', () => {
    expect(validateFlows(Object.values(flows()))).toEqual([]);
  });

  it('include the callback task flow, which uses only what the reference documents', () => {
    const document = JSON.parse(
      callbackTaskFlowContent(SAMPLE_LINE_FLOW_REFS.listenersQueueArn),
    ) as FlowDocument;
    // A task has no caller to hear the emergency numbers: that line rule is the only one it breaks.
    expect(validateFlow('Tâche de rappel', 'CONTACT_FLOW', document)).toEqual([
      expect.objectContaining({ rule: 'emergency-numbers-first', actionId: 'transfer' }),
    ]);
  });

  it('stay under the action limit with a margin', () => {
    for (const flow of Object.values(flows())) expect(flow.document.Actions.length).toBeLessThan(200);
  });
});

describe('each rule catches a deliberately broken flow', () => {
  const main = () => flows().mainInbound;
  const callback = () => flows().callbackRequest;

  it('schema: a wrong Version', () => {
    const flow = broken(main(), (_actions, document) => {
      document.Version = '2020-01-01';
    });
    expect(issuesOf(flow)).toEqual([expect.objectContaining({ rule: 'schema', flow: main().name })]);
  });

  it('schema: an action without Transitions', () => {
    const flow = broken(main(), (actions) => {
      delete (action(actions, 'HangUp') as Record<string, unknown>).Transitions;
    });
    expect(issuesOf(flow).map((issue) => issue.rule)).toContain('schema');
  });

  it('identifier: duplicated, too long, forbidden characters, reserved word', () => {
    const duplicated = broken(main(), (actions) => {
      action(actions, 'HangUp').Identifier = 'Welcome';
    });
    expect(issuesOf(duplicated)).toContainEqual(
      expect.objectContaining({ rule: 'identifier', actionId: 'Welcome' }),
    );
    for (const id of ['x'.repeat(51), 'Hang:Up', 'Hang$Up', 'constructor']) {
      const flow = broken(main(), (actions) => {
        action(actions, 'Unavailable').Transitions = {
          NextAction: id,
          Errors: [{ NextAction: id, ErrorType: 'NoMatchingError' }],
        };
        action(actions, 'HangUp').Identifier = id;
      });
      expect(issuesOf(flow)).toContainEqual(expect.objectContaining({ rule: 'identifier', actionId: id }));
    }
  });

  it('action-count: more than 250 actions', () => {
    const flow = broken(main(), (actions) => {
      for (let index = 0; index < 240; index += 1) {
        actions.push({
          Identifier: `Extra${index}`,
          Type: 'DisconnectParticipant',
          Parameters: {},
          Transitions: {},
        });
      }
    });
    expect(issuesOf(flow)).toContainEqual(expect.objectContaining({ rule: 'action-count' }));
  });

  it('action-type: an unknown type, and a type the flow type does not accept', () => {
    const unknown = broken(main(), (actions) => {
      action(actions, 'HangUp').Type = 'PlayMusic' as FlowAction['Type'];
    });
    expect(issuesOf(unknown)).toContainEqual(
      expect.objectContaining({
        rule: 'action-type',
        actionId: 'HangUp',
        message: 'unknown action type PlayMusic',
      }),
    );
    const misplaced = broken(main(), (actions) => {
      action(actions, 'HangUp').Type = 'EndFlowExecution';
    });
    expect(issuesOf(misplaced)).toContainEqual(
      expect.objectContaining({
        rule: 'action-type',
        message: 'EndFlowExecution is not allowed in CONTACT_FLOW',
      }),
    );
  });

  it('transition-target: a branch to nowhere, and a missing start', () => {
    const dangling = broken(main(), (actions) => {
      action(actions, 'Welcome').Transitions = {
        NextAction: 'Nowhere',
        Errors: [{ NextAction: 'EmergencyNumbers', ErrorType: 'NoMatchingError' }],
      };
    });
    expect(issuesOf(dangling)).toContainEqual(
      expect.objectContaining({ rule: 'transition-target', actionId: 'Welcome' }),
    );
    const noStart = broken(main(), (_actions, document) => {
      document.StartAction = 'Missing';
    });
    expect(issuesOf(noStart)).toEqual([expect.objectContaining({ rule: 'transition-target' })]);
  });

  it('unreachable: an action no path leads to', () => {
    const flow = broken(main(), (actions) => {
      actions.push({ Identifier: 'Orphan', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
    });
    expect(issuesOf(flow)).toEqual([expect.objectContaining({ rule: 'unreachable', actionId: 'Orphan' })]);
  });

  it('path-end: a dead end, and a loop that never ends', () => {
    const deadEnd = broken(main(), (actions) => {
      action(actions, 'Unavailable').Transitions = {};
    });
    expect(issuesOf(deadEnd)).toContainEqual(
      expect.objectContaining({ rule: 'path-end', actionId: 'Unavailable' }),
    );
    const trapped = broken(main(), (actions) => {
      action(actions, 'Unavailable').Transitions = {
        NextAction: 'Unavailable',
        Errors: [{ NextAction: 'Unavailable', ErrorType: 'NoMatchingError' }],
      };
      action(actions, 'HangUp').Identifier = 'HangUp';
    });
    const issues = issuesOf(trapped);
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'path-end', actionId: 'Unavailable' }));
    // A transfer lists errors, so its Transitions are not empty: the reference wants a NextAction too.
    const bareTransfer = broken(main(), (actions) => {
      const { NextAction: _dropped, ...rest } = action(actions, 'ToLineClosed').Transitions;
      action(actions, 'ToLineClosed').Transitions = rest;
    });
    expect(issuesOf(bareTransfer)).toEqual([
      expect.objectContaining({
        rule: 'path-end',
        actionId: 'ToLineClosed',
        message:
          'TransferToFlow has no next action: the reference wants one wherever Transitions are not empty',
      }),
    ]);
  });

  it('error-branch: a Lambda without its Error branch, and a menu without its timeout branch', () => {
    const missing = broken(main(), (actions) => {
      action(actions, 'CallIntake').Transitions = { NextAction: 'Welcome' };
    });
    expect(issuesOf(missing)).toContainEqual(
      expect.objectContaining({
        rule: 'error-branch',
        actionId: 'CallIntake',
        message: 'no NoMatchingError error branch',
      }),
    );
    const menuWithoutTimeout = broken(flows().lineClosed, (actions) => {
      const offer = action(actions, 'OfferCallback');
      offer.Transitions = {
        ...offer.Transitions,
        Errors: offer.Transitions.Errors?.filter((entry) => entry.ErrorType !== 'InputTimeLimitExceeded'),
      };
    });
    expect(issuesOf(menuWithoutTimeout)).toContainEqual(
      expect.objectContaining({ rule: 'error-branch', message: 'no InputTimeLimitExceeded error branch' }),
    );
  });

  it('unknown-error-type: an error the page does not list, or lists for another form of the action', () => {
    const impossible = broken(main(), (actions) => {
      action(actions, 'ToListeners').Transitions = {
        NextAction: 'ToNoListener',
        Errors: [
          { NextAction: 'ToNoListener', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'ToNoListener', ErrorType: 'NoMatchingError' },
          { NextAction: 'ToNoListener', ErrorType: 'InvalidPhoneNumber' },
        ],
      };
    });
    expect(issuesOf(impossible)).toEqual([
      expect.objectContaining({
        rule: 'unknown-error-type',
        actionId: 'ToListeners',
        message: 'TransferContactToQueue cannot raise InvalidPhoneNumber',
      }),
    ]);
    // The recording page lists no error at all.
    const recordingError = broken(main(), (actions) => {
      action(actions, 'RecordingOff').Transitions = {
        NextAction: 'CallIntake',
        Errors: [{ NextAction: 'CallIntake', ErrorType: 'NoMatchingError' }],
      };
    });
    expect(issuesOf(recordingError)).toEqual([
      expect.objectContaining({ rule: 'unknown-error-type', actionId: 'RecordingOff' }),
    ]);
    // NoMatchingCondition "Must be defined only if StoreInput is False".
    const storedWithNoMatch = broken(callback(), (actions) => {
      const keyed = action(actions, 'CallbackKeyNumber1');
      keyed.Transitions = {
        ...keyed.Transitions,
        Errors: [
          ...(keyed.Transitions.Errors ?? []),
          { NextAction: 'CallbackLoggingOnFailed1', ErrorType: 'NoMatchingCondition' },
        ],
      };
    });
    expect(issuesOf(storedWithNoMatch)).toEqual([
      expect.objectContaining({
        rule: 'unknown-error-type',
        message: 'GetParticipantInput raises NoMatchingCondition only when StoreInput is False or absent',
      }),
    ]);
  });

  it('condition: conditions where the page allows none, or operators and operands it does not allow', () => {
    const onMessage = broken(main(), (actions) => {
      const welcome = action(actions, 'Welcome');
      welcome.Transitions = {
        ...welcome.Transitions,
        Conditions: [{ NextAction: 'HangUp', Condition: { Operator: 'Equals', Operands: ['1'] } }],
      };
    });
    expect(issuesOf(onMessage)).toEqual([
      expect.objectContaining({
        rule: 'condition',
        actionId: 'Welcome',
        message: 'MessageParticipant takes no conditions here',
      }),
    ]);
    // A staffing check compares with NumberGreaterThan 0 and nothing else.
    const twoListeners = broken(main(), (actions) => {
      const staffed = action(actions, 'CheckStaffed');
      staffed.Transitions = {
        ...staffed.Transitions,
        Conditions: [
          { NextAction: 'QueueFlowHook', Condition: { Operator: 'NumberGreaterOrEqualTo', Operands: ['2'] } },
        ],
      };
    });
    expect(issuesOf(twoListeners).map((issue) => issue.message)).toEqual([
      'CheckMetricData takes NumberGreaterThan, not NumberGreaterOrEqualTo',
      'CheckMetricData cannot compare with 2',
    ]);
    const halfHours = broken(main(), (actions) => {
      const hours = action(actions, 'CheckHours');
      hours.Transitions = { ...hours.Transitions, Conditions: hours.Transitions.Conditions?.slice(0, 1) };
    });
    expect(issuesOf(halfHours)).toContainEqual(
      expect.objectContaining({
        rule: 'condition',
        message: 'CheckHoursOfOperation needs exactly Equals True and False',
      }),
    );
  });

  it('unknown-parameter: a parameter, a nested field or a map key the page does not document', () => {
    const flow = broken(main(), (actions) => {
      const voice = action(actions, 'FrenchVoice');
      voice.Parameters = { ...voice.Parameters, LanguageCode: 'fr-FR' };
      action(actions, 'RecordingOff').Parameters = {
        RecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled', Retention: '0' },
      };
      action(actions, 'QueueFlowHook').Parameters = { EventHooks: { CustomerWait: 'arn:flow' } };
    });
    expect(issuesOf(flow)).toEqual([
      expect.objectContaining({
        rule: 'unknown-parameter',
        actionId: 'FrenchVoice',
        message: 'UpdateContactTextToSpeechVoice: Parameters.LanguageCode is not on the reference page',
      }),
      expect.objectContaining({
        rule: 'unknown-parameter',
        actionId: 'RecordingOff',
        message:
          'UpdateContactRecordingBehavior: Parameters.RecordingBehavior.Retention is not on the reference page',
      }),
      expect.objectContaining({ rule: 'unknown-parameter', actionId: 'QueueFlowHook' }),
    ]);
  });

  it('parameter-value: a Lambda time limit over 8 s, a value off the page’s list, JSONPath where static', () => {
    const slowLambda = broken(main(), (actions) => {
      action(actions, 'CallIntake').Parameters = {
        ...action(actions, 'CallIntake').Parameters,
        InvocationTimeLimitSeconds: '9',
      };
    });
    expect(issuesOf(slowLambda)).toEqual([
      expect.objectContaining({
        rule: 'parameter-value',
        actionId: 'CallIntake',
        message: 'InvokeLambdaFunction: Parameters.InvocationTimeLimitSeconds must be an integer from 1 to 8',
      }),
    ]);
    const offList = broken(main(), (actions) => {
      action(actions, 'LoggingOn').Parameters = { FlowLoggingBehavior: 'On' };
    });
    expect(issuesOf(offList)).toContainEqual(
      expect.objectContaining({
        rule: 'parameter-value',
        message:
          'UpdateFlowLoggingBehavior: Parameters.FlowLoggingBehavior is On; the page allows Enabled, Disabled',
      }),
    );
    const dynamic = broken(callback(), (actions) => {
      const menu = action(actions, 'CallbackAskMessage');
      menu.Parameters = { ...menu.Parameters, InputTimeLimitSeconds: '$.Attributes.timeout' };
    });
    expect(issuesOf(dynamic).map((issue) => issue.rule)).toEqual(['parameter-value', 'parameter-value']);
    const queueAndAgent = broken(main(), (actions) => {
      const queue = action(actions, 'ListenersQueue');
      queue.Parameters = { ...queue.Parameters, AgentId: 'arn:agent' };
    });
    expect(issuesOf(queueAndAgent)).toEqual([
      expect.objectContaining({
        rule: 'parameter-value',
        message: 'UpdateContactTargetQueue: only one of QueueId, AgentId may be given',
      }),
    ]);
  });

  it('missing-parameter: stored digits without InputValidation, a Lambda without its time limit', () => {
    const unvalidated = broken(callback(), (actions) => {
      const { InputValidation: _dropped, ...rest } = action(actions, 'CallbackKeyNumber1').Parameters;
      action(actions, 'CallbackKeyNumber1').Parameters = rest;
    });
    expect(issuesOf(unvalidated)).toEqual([
      expect.objectContaining({
        rule: 'missing-parameter',
        actionId: 'CallbackKeyNumber1',
        message: 'GetParticipantInput: Parameters.InputValidation is required when StoreInput is True',
      }),
    ]);
    const untimed = broken(main(), (actions) => {
      const { InvocationTimeLimitSeconds: _dropped, ...rest } = action(actions, 'CallIntake').Parameters;
      action(actions, 'CallIntake').Parameters = rest;
    });
    expect(issuesOf(untimed)).toEqual([
      expect.objectContaining({ rule: 'missing-parameter', actionId: 'CallIntake' }),
    ]);
  });

  it('emergency-numbers-first: a path reaches the queue without 17, 114 and 3919', () => {
    const skipped = broken(main(), (actions) => {
      action(actions, 'Welcome').Transitions = {
        NextAction: 'ListenersQueue',
        Errors: [{ NextAction: 'EmergencyNumbers', ErrorType: 'NoMatchingError' }],
      };
    });
    // Only the success path skips them: the rule is per path, not per flow.
    expect(issuesOf(skipped)).toEqual([
      expect.objectContaining({ rule: 'emergency-numbers-first', actionId: 'ToListeners' }),
    ]);
    const incomplete = broken(main(), (actions) => {
      action(actions, 'EmergencyNumbers').Parameters = { Text: 'Si vous êtes en danger, appelez le 17.' };
    });
    expect(issuesOf(incomplete)).toEqual([expect.objectContaining({ rule: 'emergency-numbers-first' })]);
  });

  it('keyed-input-kept: a contact attribute set from the keyed digits', () => {
    const flow = broken(main(), (actions) => {
      action(actions, 'WaitStarts').Parameters = {
        Attributes: { callbackNumber: '$.StoredCustomerInput' },
        TargetContact: 'Current',
      };
    });
    expect(issuesOf(flow)).toEqual([
      expect.objectContaining({
        rule: 'keyed-input-kept',
        actionId: 'WaitStarts',
        message: 'a contact attribute is set from keyed input ($.StoredCustomerInput)',
      }),
    ]);
    const spoken = broken(callback(), (actions) => {
      action(actions, 'Stored').Parameters = { Text: 'Nous rappellerons le $.StoredCustomerInput.' };
    });
    expect(issuesOf(spoken)).toContainEqual(
      expect.objectContaining({ rule: 'keyed-input-kept', actionId: 'Stored' }),
    );
  });

  it('logging-while-keying: digits keyed with flow logging on, or a path ending with it off', () => {
    const loggedDigits = broken(callback(), (actions) => {
      action(actions, 'CallbackLoggingOff1').Parameters = { FlowLoggingBehavior: 'Enabled' };
    });
    expect(issuesOf(loggedDigits)).toContainEqual(
      expect.objectContaining({ rule: 'logging-while-keying', actionId: 'CallbackKeyNumber1' }),
    );
    const neverBackOn = broken(callback(), (actions) => {
      action(actions, 'CallbackLoggingOnFailed1').Parameters = { FlowLoggingBehavior: 'Disabled' };
    });
    expect(issuesOf(neverBackOn)).toContainEqual(
      expect.objectContaining({ rule: 'logging-while-keying', actionId: 'HangUp' }),
    );
  });

  it('reports name and action id in one readable line, and assertValidFlows throws them all', () => {
    const flow = broken(main(), (actions) => {
      action(actions, 'CallIntake').Transitions = { NextAction: 'Welcome' };
    });
    expect(formatIssue(issuesOf(flow)[0] as never)).toBe(
      'Flow "Un premier pas - Accueil", action "CallIntake": no NoMatchingError error branch [error-branch]',
    );
    expect(() => assertValidFlows([flow])).toThrow(FlowValidationError);
    expect(() => assertValidFlows(Object.values(flows()))).not.toThrow();
  });
});
