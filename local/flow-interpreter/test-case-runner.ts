import type { FlowAction } from '../../infra/flows/language';
import {
  type TestAction,
  TestCaseContentError,
  type TestCaseDocument,
  type TestEvent,
  type TestObservation,
} from '../../infra/flows/testing/test-language';
import { compare } from './action-step';
import type { CallObserver, CallScenario, CallTranscript, ObservedCall } from './interpreter-types';

/**
 * Runs a Connect test case (testing language 2025-06-21) on the local line: the call goes through the
 * interpreter, and this executor observes it as Connect's test runner would. Observations are awaited
 * in the order their NextObservations chain them; an event nobody awaits is let by. Overrides become
 * interpreter overrides, DTMF becomes the caller's keys, EndTest ends the call. The test passes when
 * every awaited observation was seen and every assertion held; an event or action the executor cannot
 * run faithfully (semantic "Similarity" matching) is an error, never a pass.
 */

/** How one test case ended: Connect's statuses, plus the assertions that failed. */
export interface TestCaseRun {
  readonly status: 'PASSED' | 'FAILED';
  /** What went wrong, one line each: failed assertions, observations never seen. */
  readonly failures: readonly string[];
  /** Values LogData asked for. */
  readonly logs: Readonly<Record<string, string | undefined>>;
  readonly transcript: CallTranscript;
}

/** What the executor needs of the line. */
export interface TestCaseLine {
  /** Runs one simulated call (createLocalCallRunner(…).run). */
  run(scenario: CallScenario): Promise<CallTranscript>;
  /** Local ARN of each test hours of operation → whether it is always open. */
  readonly testHoursOpen: ReadonlyMap<string, boolean>;
}

function describeEvent(event: TestEvent): string {
  if (event.Type === 'MessageReceived') return `message including "${event.Properties.Text}"`;
  if (event.Type === 'FlowActionStarted') return `${event.Properties.ActionType} started`;
  return event.Type;
}

/** Whether a flow action that starts is the one a FlowActionStarted event describes. */
function actionMatches(event: TestEvent, action: FlowAction): boolean {
  if (event.Type !== 'FlowActionStarted' || event.Properties.ActionType !== action.Type) return false;
  return Object.entries(event.Properties.ActionParameters).every(
    ([key, value]) => value === undefined || String(action.Parameters[key]) === value,
  );
}

/** Follows one test case through one call. */
class TestCaseObserver implements CallObserver {
  private readonly observations: ReadonlyMap<string, TestObservation>;
  private awaited: string[] = [];
  private readonly seen = new Map<string, number>();
  private started = false;
  ended = false;
  readonly failures: string[] = [];
  readonly logs: Record<string, string | undefined> = {};

  constructor(
    document: TestCaseDocument,
    private readonly testHoursOpen: ReadonlyMap<string, boolean>,
  ) {
    this.observations = new Map(document.Observations.map((entry) => [entry.Identifier, entry]));
    for (const observation of document.Observations) {
      const { Event } = observation;
      if (Event.Type === 'MessageReceived' && Event.Properties.MatchingCriteria !== 'Inclusion') {
        throw new TestCaseContentError(
          `${observation.Identifier}: ${Event.Properties.MatchingCriteria} matching is semantic; the local executor only judges Inclusion`,
        );
      }
    }
    const initiated = document.Observations.filter((entry) => entry.Event.Type === 'TestInitiated');
    if (initiated.length !== 1)
      throw new TestCaseContentError('a test case needs exactly one TestInitiated observation');
    this.awaited = [initiated[0]?.Identifier as string];
  }

  messageReceived(text: string, call: ObservedCall): void {
    this.start(call);
    this.observe(call, (event) => {
      if (event.Type !== 'MessageReceived') return false;
      return text.includes(event.Properties.Text);
    });
  }

  actionStarted(action: FlowAction, _flowName: string, call: ObservedCall): void {
    this.start(call);
    this.observe(call, (event) => actionMatches(event, action));
  }

  /** After the call: TestCompleted, if awaited, then what was never seen. */
  finish(call: ObservedCall | undefined): void {
    if (!this.ended && call !== undefined)
      this.observe(call, (event) => event.Type === 'TestCompleted', { ending: true });
    for (const id of this.ended ? [] : this.awaited) {
      const observation = this.observations.get(id);
      if (observation !== undefined)
        this.failures.push(`${id}: never observed (${describeEvent(observation.Event)})`);
    }
  }

  /** TestInitiated happens before the flow's first action. */
  private start(call: ObservedCall): void {
    if (this.started) return;
    this.started = true;
    this.observe(call, (event) => event.Type === 'TestInitiated');
  }

  private observe(
    call: ObservedCall,
    matches: (event: TestEvent) => boolean,
    options: { ending?: boolean } = {},
  ): void {
    if (this.ended) return;
    const id = this.awaited.find((candidate) => {
      const observation = this.observations.get(candidate);
      return observation !== undefined && matches(observation.Event);
    });
    const observation = id === undefined ? undefined : this.observations.get(id);
    if (id === undefined || observation === undefined) return;
    const count = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, count);
    if (count >= (observation.Usage.Times ?? 1)) {
      this.awaited = [...(observation.Transitions?.NextObservations ?? [])];
    }
    for (const action of observation.Actions) {
      this.act(call, action, options.ending === true);
      if (this.ended) return;
    }
  }

  private act(call: ObservedCall, action: TestAction, callOver: boolean): void {
    switch (action.Type) {
      case 'SendInstruction':
        call.press(action.Parameters.Instruction.Properties.Value);
        return;
      case 'Assert': {
        const { Namespace, Operator, Operand } = action.Parameters;
        const value = call.lookup(Namespace);
        const holds = Operator === 'Exists' ? value !== undefined : compare(Operator, value, Operand ?? '');
        if (!holds) {
          this.failures.push(
            `${action.Identifier}: ${Namespace} ${Operator} ${Operand ?? ''} failed (was ${value ?? 'absent'})`,
          );
        }
        return;
      }
      case 'TestControl': {
        const { Command } = action.Parameters;
        if (Command.Type === 'LogData') {
          for (const [label, path] of Object.entries(Command.Properties.Expressions))
            this.logs[label] = call.lookup(path);
          return;
        }
        this.ended = true;
        if (!callOver) call.end();
        return;
      }
      case 'OverrideSystemBehavior':
        this.override(call, action);
        return;
    }
  }

  private override(
    call: ObservedCall,
    action: Extract<TestAction, { Type: 'OverrideSystemBehavior' }>,
  ): void {
    const behavior = action.Parameters.Behavior.Properties;
    if (behavior.ActionType === 'CheckHoursOfOperation') {
      const open = this.testHoursOpen.get(behavior.Strategy.SubstituteArn);
      if (open === undefined) {
        throw new TestCaseContentError(
          `${action.Identifier}: ${behavior.Strategy.SubstituteArn} is not a test hours of operation of the line`,
        );
      }
      call.override(behavior.ActionParameters.HoursOfOperationId, { kind: 'hours', open });
      return;
    }
    const functionArn = behavior.ActionParameters.LambdaFunctionARN;
    const { Strategy } = behavior;
    if (Strategy.Type === 'SubstituteResource') {
      call.override(functionArn, { kind: 'lambda-substitute', functionArn: Strategy.SubstituteArn });
      return;
    }
    const { DelaySeconds = 0, LoadedData } = Strategy.Response.ExecutionResult;
    let answer: unknown;
    try {
      answer = JSON.parse(LoadedData);
    } catch {
      throw new TestCaseContentError(`${action.Identifier}: LoadedData is not serialized JSON`);
    }
    call.override(functionArn, { kind: 'lambda-answer', answer, delaySeconds: DelaySeconds });
  }
}

/** Keeps the last call observed, for the checks that run once the call is over. */
function remembering(observer: TestCaseObserver): {
  observer: CallObserver;
  last(): ObservedCall | undefined;
} {
  let last: ObservedCall | undefined;
  return {
    observer: {
      messageReceived: (text, call) => {
        last = call;
        observer.messageReceived(text, call);
      },
      actionStarted: (action, flowName, call) => {
        last = call;
        observer.actionStarted(action, flowName, call);
      },
    },
    last: () => last,
  };
}

/**
 * Runs `document` as one simulated call on `line`: when and who is staffed come from its Metadata.
 * @throws TestCaseContentError for a test case the executor cannot run faithfully
 */
export async function runTestCase(document: TestCaseDocument, line: TestCaseLine): Promise<TestCaseRun> {
  const settings = document.Metadata['premier-pas'];
  const observer = new TestCaseObserver(document, line.testHoursOpen);
  const watch = remembering(observer);
  const transcript = await line.run({
    at: new Date(settings.at),
    staffed: settings.staffedListeners,
    ...(settings.answerAfterSeconds === undefined ? {} : { answerAfterSeconds: settings.answerAfterSeconds }),
    observer: watch.observer,
  });
  observer.finish(watch.last());
  return {
    status: observer.failures.length === 0 ? 'PASSED' : 'FAILED',
    failures: observer.failures,
    logs: observer.logs,
    transcript,
  };
}
