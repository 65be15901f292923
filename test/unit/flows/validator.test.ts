import { prod as config } from '../../../config/stages/prod';
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

const flows = () => lineFlows(SAMPLE_LINE_FLOW_REFS, config.weekdayHours);

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
  });

  it('error-branch: a Lambda without its Error branch, and an error the action cannot raise', () => {
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
    const impossible = broken(main(), (actions) => {
      action(actions, 'ToListeners').Transitions = {
        Errors: [
          { NextAction: 'ToNoListener', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'ToNoListener', ErrorType: 'NoMatchingError' },
          { NextAction: 'ToNoListener', ErrorType: 'InvalidPhoneNumber' },
        ],
      };
    });
    expect(issuesOf(impossible)).toContainEqual(
      expect.objectContaining({ rule: 'error-branch', actionId: 'ToListeners' }),
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

  it('lambda-time-limit: more than Connect’s 8 seconds', () => {
    const flow = broken(main(), (actions) => {
      action(actions, 'CallIntake').Parameters = {
        ...action(actions, 'CallIntake').Parameters,
        InvocationTimeLimitSeconds: '9',
      };
    });
    expect(issuesOf(flow)).toEqual([
      expect.objectContaining({ rule: 'lambda-time-limit', actionId: 'CallIntake' }),
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
