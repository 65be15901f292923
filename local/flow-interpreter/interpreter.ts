import { type FlowAction, isActionType } from '../../infra/flows/language';
import { ACTION_HANDLERS, type ActionHandler, type ActionResult } from './action-handlers';
import { actionStep } from './action-step';
import { CallerHungUp, CallState } from './call-state';
import { emitContactEvent } from './contact-events';
import {
  type CallOutcome,
  type CallScenario,
  type CallTranscript,
  type FlowExit,
  type InterpreterDeps,
  InterpreterError,
} from './interpreter-types';
import { ClockInterrupted } from './simulated-clock';
import type { DeployedFlow } from './template-flows';

/**
 * Runs one simulated call through the synthesized flows, action by action, with Connect's semantics:
 * the caller's keys, hours and staffing come from the scenario; Lambdas run for real through a port;
 * time is simulated (prompts take speaking time, waits take their seconds, Lambdas their real duration).
 * An action type it does not implement is an error, never a skip.
 */

/** Actions one flow run may take before we call it a runaway loop. */
const MAX_STEPS_PER_FLOW = 2_000;

/** One call, from INITIATED to DISCONNECTED: which flow runs when, and the queue in between. */
class Call {
  private readonly state: CallState;

  constructor(deps: InterpreterDeps, scenario: CallScenario) {
    this.state = new CallState(deps, scenario);
  }

  async run(): Promise<CallTranscript> {
    const call = this.state;
    await emitContactEvent(call, 'INITIATED');
    let flow: DeployedFlow = call.deps.flows.byRole.mainInbound;
    let outcome: CallOutcome;
    for (;;) {
      const exit = await this.runFlow(flow);
      if (exit.kind === 'transfer') {
        const next = call.deps.flows.byArn.get(exit.flowArn);
        if (next === undefined) throw new InterpreterError(`TransferToFlow to unknown flow ${exit.flowArn}`);
        flow = next;
        continue;
      }
      if (exit.kind === 'queued') {
        outcome = await this.waitInQueue();
        break;
      }
      if (exit.kind === 'hangup') {
        outcome = call.callbackStored ? 'callback-stored' : 'abandoned-in-ivr';
        break;
      }
      if (exit.kind === 'end' || exit.kind === 'disconnect') {
        outcome = call.callbackStored ? 'callback-stored' : 'disconnected-by-line';
        break;
      }
      throw new InterpreterError(`unexpected end of ${flow.name}: ${exit.kind}`);
    }
    call.note(flow.name, 'end', `Fin de l'appel: ${outcome}`);
    await emitContactEvent(call, 'DISCONNECTED');
    return {
      contactId: call.contactId,
      outcome,
      prompts: call.prompts,
      voices: call.voices,
      whisper: call.whisper,
      inputs: call.inputs,
      lambdas: call.lambdaCalls,
      flows: call.flowNames,
      events: call.events,
      emergencyNumbersBeforeQueue: call.emergencyBeforeQueue,
      emergencyNumbersHeard: call.emergencyHeard,
      queued: call.enqueuedAtMs !== undefined,
      ...(call.enqueuedAtMs === undefined ? {} : { waitSeconds: call.waitSeconds() }),
      entries: call.entries,
    };
  }

  /** The caller is in queue: the customer queue flow runs until a listener answers or the caller leaves. */
  private async waitInQueue(): Promise<CallOutcome> {
    const call = this.state;
    const { clock, scenario } = call;
    call.inQueue = true;
    call.enqueuedAtMs = clock.now;
    await emitContactEvent(call, 'QUEUED');
    const staffed = scenario.staffed > 0;
    // On a live call, a listener answers when they accept, and the caller leaves when they hang up.
    call.answerAtMs =
      staffed && call.live === undefined
        ? clock.now + (scenario.answerAfterSeconds ?? 20) * 1000
        : Number.POSITIVE_INFINITY;
    // A listener answering cuts off whatever the queue flow plays.
    clock.interruptAt(call.answerAtMs);
    const giveUpAtMs =
      call.live === undefined
        ? clock.now + (scenario.patienceSeconds ?? 1_800) * 1000
        : Number.POSITIVE_INFINITY;
    const queueFlowArn = call.hooks.CustomerQueue;
    const queueFlow = queueFlowArn === undefined ? undefined : call.deps.flows.byArn.get(queueFlowArn);
    let exit: FlowExit = { kind: 'end' };
    if (queueFlow === undefined) {
      call.note('Connect', 'queue', 'Pas de flux d’attente: musique par défaut');
    } else {
      exit = await this.runFlow(queueFlow, giveUpAtMs);
    }
    if (exit.kind === 'end' && call.live !== undefined) exit = await this.waitInSilence();
    if (exit.kind === 'end') {
      // The queue flow ended: the caller waits in silence until answered or out of patience.
      const until = Math.min(call.answerAtMs, giveUpAtMs);
      clock.setTo(Math.max(clock.now, until));
      exit = call.answerAtMs <= giveUpAtMs ? { kind: 'answered' } : { kind: 'hangup' };
    }
    call.inQueue = false;
    clock.interruptAt(Number.POSITIVE_INFINITY);
    if (exit.kind === 'answered') {
      clock.setTo(call.answerAtMs);
      await this.connectListener();
      return 'answered';
    }
    if (exit.kind === 'hangup') return call.callbackStored ? 'callback-stored' : 'missed-in-queue';
    if (exit.kind === 'disconnect') return call.callbackStored ? 'callback-stored' : 'disconnected-by-line';
    throw new InterpreterError(`customer queue flow ended with ${exit.kind}`);
  }

  /** A live caller in queue with nothing playing: until a listener accepts or the caller hangs up. */
  private async waitInSilence(): Promise<FlowExit> {
    try {
      await this.state.play(Number.POSITIVE_INFINITY);
    } catch (caught) {
      if (caught instanceof CallerHungUp) return { kind: 'hangup' };
      if (caught instanceof ClockInterrupted) return { kind: 'answered' };
      throw caught;
    }
    throw new InterpreterError('a live wait in queue ended without an answer or a hang-up');
  }

  private async connectListener(): Promise<void> {
    const call = this.state;
    const whisperArn = call.hooks.AgentWhisper;
    const whisperFlow = whisperArn === undefined ? undefined : call.deps.flows.byArn.get(whisperArn);
    if (whisperFlow !== undefined) await this.runFlow(whisperFlow);
    call.note('Connect', 'queue', `Une écoutante répond après ${call.waitSeconds()} s d'attente`);
    await emitContactEvent(call, 'CONNECTED_TO_AGENT');
    const talkMs =
      call.live === undefined ? (call.scenario.talkSeconds ?? 600) * 1000 : await call.live.talk();
    call.clock.moveBy(talkMs);
  }

  private async runFlow(flow: DeployedFlow, giveUpAtMs = Number.POSITIVE_INFINITY): Promise<FlowExit> {
    const call = this.state;
    call.flowNames.push(flow.name);
    call.flowAttributes = {};
    const actions = new Map(flow.document.Actions.map((action) => [action.Identifier, action]));
    let actionId: string | undefined = flow.document.StartAction;
    for (let step = 0; actionId !== undefined; step += 1) {
      if (step >= MAX_STEPS_PER_FLOW) throw new InterpreterError('runaway loop', flow.name, actionId);
      const action = actions.get(actionId);
      if (action === undefined) throw new InterpreterError(`no action ${actionId}`, flow.name);
      let result: ActionResult;
      try {
        result = await this.execute(flow, action);
      } catch (caught) {
        if (caught instanceof CallerHungUp) return { kind: 'hangup' };
        if (caught instanceof ClockInterrupted) return { kind: 'answered' };
        throw caught;
      }
      if (this.hangsUpAfter(action)) {
        call.note(flow.name, 'end', `L'appelante raccroche après ${action.Identifier}`, action.Identifier);
        return { kind: 'hangup' };
      }
      if (call.inQueue && call.clock.now >= giveUpAtMs && call.clock.now < call.answerAtMs) {
        call.note(flow.name, 'end', 'L’appelante raccroche après une longue attente', action.Identifier);
        return { kind: 'hangup' };
      }
      if (typeof result !== 'string') return result;
      actionId = result;
    }
    throw new InterpreterError('flow stopped without an end', flow.name);
  }

  private hangsUpAfter(action: FlowAction): boolean {
    if (this.state.live?.callerHungUp === true) return true;
    const rule = this.state.scenario.hangUpAfter;
    if (rule === undefined) return false;
    return 'actionId' in rule
      ? rule.actionId === action.Identifier
      : this.state.prompts.length >= rule.prompts;
  }

  /** Runs one action through the handler of its type; returns the next action id, or how the flow ended. */
  private async execute(flow: DeployedFlow, action: FlowAction): Promise<ActionResult> {
    const step = actionStep(this.state, flow, action);
    if (!isActionType(action.Type))
      throw new InterpreterError(`unknown action type ${action.Type}`, flow.name, action.Identifier);
    const handler: ActionHandler = ACTION_HANDLERS[action.Type];
    this.state.scenario.observer?.actionStarted(action, flow.name, this.state);
    return handler(this.state, step);
  }
}

/** Runs one scenario through the flows; Lambda faults take the flows' Error branches. */
export function runCall(deps: InterpreterDeps, scenario: CallScenario): Promise<CallTranscript> {
  return new Call(deps, scenario).run();
}
