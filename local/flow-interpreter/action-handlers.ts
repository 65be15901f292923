import { isLineOpen } from '#domain/time/line-hours';
import { type ActionType, MESSAGES_INTERRUPTED } from '../../infra/flows/language';
import type { ActionStep } from './action-step';
import type { CallState } from './call-state';
import { type FlowExit, InterpreterError } from './interpreter-types';
import { invokeLambdaAction } from './lambda-invocation';
import { speakingSeconds } from './simulated-clock';

/**
 * What each action type does to a call, with Connect's semantics. The table must name every action
 * type of the flow language (`satisfies Record<ActionType, …>`): a type added to action-catalogue.ts does not
 * compile until it is handled here.
 */

/** The next action id, or how the flow run ends. */
export type ActionResult = string | FlowExit;

/** Runs one action of its type on the call. */
export type ActionHandler = (call: CallState, step: ActionStep) => ActionResult | Promise<ActionResult>;

/** The handler of every action type of the flow language. */
export const ACTION_HANDLERS = {
  UpdateFlowLoggingBehavior: (call, { flow, id, parameters, next }) => {
    call.note(flow.name, 'setting', `Journal du flux: ${String(parameters.FlowLoggingBehavior)}`, id);
    return next();
  },
  UpdateContactTextToSpeechVoice: (call, { flow, id, parameters, next, onError }) => {
    const voice = String(parameters.TextToSpeechVoice);
    if (call.scenario.failingVoices?.includes(voice) === true) {
      call.note(flow.name, 'setting', `Voix refusée: ${voice}`, id);
      return onError('NoMatchingError');
    }
    call.voice = voice;
    call.note(flow.name, 'setting', `Voix: ${voice}`, id);
    return next();
  },
  UpdateContactRecordingBehavior: (call, { flow, id, next }) => {
    call.note(flow.name, 'setting', 'Enregistrement: désactivé', id);
    return next();
  },
  UpdateFlowAttributes: (call, { parameters, next }) => {
    const attributes = parameters.FlowAttributes as Record<string, { Value: string }>;
    for (const [key, entry] of Object.entries(attributes)) call.flowAttributes[key] = call.text(entry.Value);
    return next();
  },
  UpdateContactAttributes: (call, { flow, id, parameters, next }) => {
    const attributes = parameters.Attributes as Record<string, string>;
    for (const [key, value] of Object.entries(attributes)) call.attributes[key] = call.text(value);
    call.note(flow.name, 'setting', `Attributs: ${JSON.stringify(attributes)}`, id);
    return next();
  },
  UpdateContactEventHooks: (call, { flow, id, parameters, next, onError }) => {
    for (const [hook, arn] of Object.entries(parameters.EventHooks as Record<string, string>)) {
      if (!call.deps.flows.allFlowArns.has(arn)) return onError('NoMatchingError');
      call.hooks[hook] = arn;
      call.note(flow.name, 'setting', `Flux ${hook}: ${call.deps.flows.byArn.get(arn)?.name ?? arn}`, id);
    }
    return next();
  },
  UpdateContactTargetQueue: (call, { parameters, next }) => {
    call.targetQueueArn = String(parameters.QueueId);
    return next();
  },
  MessageParticipant: async (call, { flow, action, parameters, next }) => {
    await call.say(flow, action, call.text(String(parameters.Text)));
    return next();
  },
  MessageParticipantIteratively: async (call, { flow, action, parameters, onError, byCondition }) => {
    const texts = (parameters.Messages as { Text: string }[]).map((message) => call.text(message.Text));
    const interruptMs = Number(parameters.InterruptFrequencySeconds) * 1000;
    const untilMs = call.clock.now + interruptMs;
    for (let index = 0; call.clock.now < untilMs; index = (index + 1) % texts.length) {
      const text = texts[index] as string;
      const endMs = Math.min(untilMs, call.clock.now + speakingSeconds(text) * 1000);
      call.recordPrompt(flow, action, text);
      await call.play(endMs);
    }
    return byCondition(MESSAGES_INTERRUPTED) ?? onError('NoMatchingError');
  },
  GetParticipantInput: getParticipantInput,
  InvokeLambdaFunction: invokeLambdaAction,
  CheckHoursOfOperation: (call, { flow, id, parameters, onError, byCondition }) => {
    // A test case may substitute other hours for the line's, once.
    const override = call.takeOverride(String(parameters.HoursOfOperationId));
    const open =
      override?.kind === 'hours' ? override.open : isLineOpen(new Date(call.clock.now), call.deps.hours);
    call.note(flow.name, 'branch', `Horaires: ${open ? 'ouvert' : 'fermé'}`, id);
    return byCondition(open ? 'True' : 'False') ?? onError('NoMatchingError');
  },
  CheckMetricData: (call, { flow, id, next, byCondition }) => {
    const staffed = String(call.scenario.staffed);
    const target = byCondition(staffed);
    call.note(flow.name, 'branch', `Écoutantes en service: ${staffed}`, id);
    return target ?? next();
  },
  Compare: (call, { flow, id, parameters, onError, byCondition }) => {
    const value = call.lookup(String(parameters.ComparisonValue));
    const target = byCondition(value);
    call.note(flow.name, 'branch', `${String(parameters.ComparisonValue)} = ${value ?? '(absent)'}`, id);
    return target ?? onError('NoMatchingCondition');
  },
  TransferContactToQueue: (call, { flow, id, onError }) => {
    if (call.targetQueueArn === undefined) return onError('NoMatchingError');
    if (!call.emergencyHeard) call.emergencyBeforeQueue = false;
    call.note(flow.name, 'queue', 'Mise en file “Écoute”', id);
    return { kind: 'queued' };
  },
  TransferToFlow: (call, { flow, id, parameters, onError }) => {
    const arn = String(parameters.ContactFlowId);
    if (!call.deps.flows.byArn.has(arn)) return onError('NoMatchingError');
    call.note(flow.name, 'branch', `Vers le flux ${call.deps.flows.byArn.get(arn)?.name}`, id);
    return { kind: 'transfer', flowArn: arn };
  },
  DisconnectParticipant: (call, { flow, id }) => {
    call.note(flow.name, 'end', 'Le flux raccroche', id);
    return { kind: 'disconnect' };
  },
  EndFlowExecution: () => ({ kind: 'end' }),
  // The listener's guide runs in the listener's workspace, never on the caller's line: a call that
  // reaches one is an error, not a skip.
  ShowView: (_call, { flow, id, action }) => {
    throw new InterpreterError(`action type ${String(action.Type)} is not implemented`, flow.name, id);
  },
} satisfies Record<ActionType, ActionHandler>;

/** GetParticipantInput: the caller keys (or not) what the scenario says, after hearing the prompt. */
async function getParticipantInput(call: CallState, step: ActionStep): Promise<string> {
  const { flow, action, parameters, next, onError, byCondition } = step;
  await call.say(flow, action, call.text(String(parameters.Text)));
  const stores = String(parameters.StoreInput).toLowerCase() === 'true';
  const terminator = (parameters.DTMFConfiguration as { InputTerminationSequence?: string } | undefined)
    ?.InputTerminationSequence;
  const timeLimitMs = Number(parameters.InputTimeLimitSeconds) * 1000;
  const entry = await call.nextKeys(timeLimitMs, stores ? terminator : undefined);
  const pressed = entry === undefined || entry === '-' ? undefined : entry;
  if (pressed === undefined) {
    // A live caller's time limit has already passed for real.
    if (call.live === undefined) call.advanceTo(call.clock.now + timeLimitMs);
    call.inputs.push('(rien)');
    call.note(flow.name, 'input', 'Aucune touche', action.Identifier);
    if (stores) {
      // Connect takes the success branch with the value "Timeout".
      call.storedInput = 'Timeout';
      return next();
    }
    return onError('InputTimeLimitExceeded');
  }
  call.advanceTo(call.clock.now + Math.max(1, pressed.length) * 500);
  if (stores) {
    // Connect keeps the digits without the termination key.
    const digits =
      terminator !== undefined && pressed.endsWith(terminator)
        ? pressed.slice(0, -terminator.length)
        : pressed;
    call.storedInput = digits;
    call.inputs.push(`${digits.length} chiffres`);
    // The digits are never shown: they are the caller's phone number.
    call.note(flow.name, 'input', `Numéro tapé (${digits.length} chiffres, masqué)`, action.Identifier);
    return next();
  }
  call.inputs.push(pressed);
  call.note(flow.name, 'input', `Touche ${pressed}`, action.Identifier);
  return byCondition(pressed) ?? onError('NoMatchingCondition');
}
