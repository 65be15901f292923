import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import type { DayHours } from '#domain/time/line-hours';
import type { CallerJourney, FlowFunctionName, HeardPrompt, JourneyStep, LambdaAnswer } from '../journeys';
import { CALL_INTAKE_TIME_LIMIT_SECONDS, REQUEST_CALLBACK_TIME_LIMIT_SECONDS } from '../line-flows';
import {
  TESTING_LANGUAGE_VERSION,
  type TestAction,
  type TestCaseDocument,
  type TestEvent,
  type TestObservation,
} from './test-language';

/**
 * Turns a caller journey into a test case in the testing language (2025-06-21): one observation per
 * step, chained by NextObservations, so each step is expected only after the one before it. The
 * emergency numbers are an observation of their own, before any queue: a call that queues first never
 * sees its queue observation come, and fails. Overrides are set where the docs show them: the hours at
 * TestInitiated (testing-language-example.html), a Lambda when it is observed starting (the admin
 * guide's advice: override a resource when you observe it).
 */

/** The deployed resources a test case names. Values may be CDK tokens. */
export interface TestCaseRefs {
  readonly functionArns: Readonly<Record<FlowFunctionName, string>>;
  /** A function Connect may not invoke: substituting it for a flow Lambda makes that invocation fail. */
  readonly unreachableFunctionArn: string;
  /** The line's hours of operation, as the main flow names it. */
  readonly hoursOfOperationArn: string;
  /** Test hours of operation substituted for the line's: always open, always closed. */
  readonly testHoursArns: Readonly<Record<'open' | 'closed', string>>;
  /** The stage's opening hours, read out by the closed message. */
  readonly weekdayHours: readonly DayHours[];
}

/** The journey breaks the rule every call keeps: the emergency numbers right after the welcome. */
export class JourneyShapeError extends Error {
  constructor(journey: string, message: string) {
    super(`Journey ${journey}: ${message}`);
    this.name = 'JourneyShapeError';
  }
}

const TIME_LIMITS: Record<FlowFunctionName, number> = {
  'call-intake': CALL_INTAKE_TIME_LIMIT_SECONDS,
  'request-callback': REQUEST_CALLBACK_TIME_LIMIT_SECONDS,
};

/** The text a heard step expects, as the flows say it. */
export function promptText(prompt: HeardPrompt, weekdayHours: readonly DayHours[]): string {
  return prompt === 'closed' ? CALLER_PROMPTS.closed(weekdayHours) : CALLER_PROMPTS[prompt];
}

/**
 * Checks that the journey hears the welcome, then the emergency numbers, before anything but
 * call-intake, and before any queue.
 * @throws JourneyShapeError
 */
export function checkEmergencyNumbersFirst(journey: CallerJourney): void {
  const heard = journey.steps.filter((step) => !('invokes' in step && step.invokes === 'call-intake'));
  const [first, second] = heard;
  if (!(first && 'hear' in first && first.hear === 'welcome')) {
    throw new JourneyShapeError(journey.id, 'the first thing heard must be the welcome');
  }
  if (!(second && 'hear' in second && second.hear === 'emergencyNumbers')) {
    throw new JourneyShapeError(journey.id, 'the emergency numbers must come right after the welcome');
  }
}

const system = <Event extends Omit<TestEvent, 'Actor'>>(event: Event) => ({ ...event, Actor: 'System' });

function endTest(id: string): TestAction {
  return {
    Identifier: id,
    Type: 'TestControl',
    Parameters: { ActionType: 'TestControl', Command: { Type: 'EndTest' } },
    Transitions: {},
  };
}

type OverrideProperties = Extract<
  TestAction,
  { Type: 'OverrideSystemBehavior' }
>['Parameters']['Behavior']['Properties'];

/** An OverrideSystemBehavior action on one flow action. */
function overrideAction(id: string, properties: OverrideProperties): TestAction {
  return {
    Identifier: id,
    Type: 'OverrideSystemBehavior',
    Parameters: {
      ActionType: 'OverrideSystemBehavior',
      Behavior: { Type: 'FlowAction', Properties: properties },
    },
    Transitions: {},
  };
}

function lambdaOverride(
  id: string,
  functionArn: string,
  answer: LambdaAnswer,
  timeLimitSeconds: number,
  refs: TestCaseRefs,
): TestAction {
  const mock = (loadedData: unknown, delaySeconds: number) =>
    ({
      Type: 'MockResponse',
      Response: {
        Type: 'ExecutionResult',
        ExecutionResult: { DelaySeconds: delaySeconds, LoadedData: JSON.stringify(loadedData) },
      },
    }) as const;
  const strategy =
    'mock' in answer
      ? mock(answer.mock, 0)
      : answer.fault === 'timeout'
        ? // Answers well after the flow's time limit: Connect takes the Error branch.
          mock({ status: 'stored' }, timeLimitSeconds + 2)
        : answer.fault === 'invalid'
          ? // Not a flat map of strings: STRING_MAP validation fails, the Error branch runs.
            mock({ status: { nested: 'not a string' } }, 0)
          : ({ Type: 'SubstituteResource', SubstituteArn: refs.unreachableFunctionArn } as const);
  return overrideAction(id, {
    ActionType: 'InvokeLambdaFunction',
    ActionParameters: { LambdaFunctionARN: functionArn },
    Strategy: strategy,
  });
}

/** The event and actions of one step. */
function stepObservation(
  step: JourneyStep,
  id: string,
  refs: TestCaseRefs,
): Pick<TestObservation, 'Event' | 'Actions'> {
  if ('hear' in step) {
    const actions: TestAction[] =
      step.press === undefined
        ? []
        : [
            {
              Identifier: `${id}-press`,
              Type: 'SendInstruction',
              Parameters: {
                ActionType: 'SendInstruction',
                Actor: 'Customer',
                Instruction: { Type: 'DtmfInput', Properties: { Value: step.press } },
              },
              Transitions: {},
            },
          ];
    return {
      Event: system({
        Identifier: `${id}-event`,
        Type: 'MessageReceived',
        Properties: { Text: promptText(step.hear, refs.weekdayHours), MatchingCriteria: 'Inclusion' },
      }) as TestEvent,
      Actions: actions,
    };
  }
  if ('invokes' in step) {
    const functionArn = refs.functionArns[step.invokes];
    return {
      Event: system({
        Identifier: `${id}-event`,
        Type: 'FlowActionStarted',
        Properties: {
          ActionType: 'InvokeLambdaFunction',
          ActionParameters: { LambdaFunctionARN: functionArn },
        },
      }) as TestEvent,
      Actions:
        step.answer === undefined
          ? []
          : [lambdaOverride(`${id}-answer`, functionArn, step.answer, TIME_LIMITS[step.invokes], refs)],
    };
  }
  return {
    Event: system({
      Identifier: `${id}-event`,
      Type: 'FlowActionStarted',
      Properties: { ActionType: 'TransferContactToQueue', ActionParameters: {} },
    }) as TestEvent,
    Actions: step.reachesQueue === 'end-test' ? [endTest(`${id}-end`)] : [],
  };
}

/**
 * The test case of `journey`: TestInitiated forces the hours, then one observation per step; the last
 * step ends the test (if it did not already, at the queue).
 * @throws JourneyShapeError when the journey does not hear the emergency numbers first
 */
export function testCaseDocument(journey: CallerJourney, refs: TestCaseRefs): TestCaseDocument {
  checkEmergencyNumbersFirst(journey);
  const stepIds = journey.steps.map((_, index) => `Step${String(index + 1).padStart(2, '0')}`);
  const initiated: TestObservation = {
    Identifier: 'Start',
    Event: system({ Identifier: 'Start-event', Type: 'TestInitiated', Properties: {} }) as TestEvent,
    Actions: [
      overrideAction('Start-hours', {
        ActionType: 'CheckHoursOfOperation',
        ActionParameters: { HoursOfOperationId: refs.hoursOfOperationArn },
        Strategy: { Type: 'SubstituteResource', SubstituteArn: refs.testHoursArns[journey.hours] },
      }),
    ],
    Usage: { Type: 'EXACTLY' },
    Transitions: { NextObservations: stepIds.slice(0, 1) },
  };
  const steps = journey.steps.map((step, index): TestObservation => {
    const id = stepIds[index] as string;
    const { Event, Actions } = stepObservation(step, id, refs);
    const last = index === journey.steps.length - 1;
    const ended = Actions.some((action) => action.Type === 'TestControl');
    return {
      Identifier: id,
      Event,
      Actions: last && !ended ? [...Actions, endTest(`${id}-end`)] : Actions,
      Usage: { Type: 'EXACTLY' },
      ...(last ? {} : { Transitions: { NextObservations: [stepIds[index + 1] as string] } }),
    };
  });
  return {
    Version: TESTING_LANGUAGE_VERSION,
    Metadata: {
      'premier-pas': {
        journey: journey.id,
        at: journey.localCall.at,
        staffedListeners: journey.localCall.staffedListeners,
        ...(journey.localCall.answerAfterSeconds === undefined
          ? {}
          : { answerAfterSeconds: journey.localCall.answerAfterSeconds }),
      },
    },
    Observations: [initiated, ...steps],
  };
}
