import { randomUUID } from 'node:crypto';
import { isLineOpen, type LineHours } from '#domain/time/line-hours';
import {
  type ConditionOperator,
  type FlowAction,
  type FlowDocument,
  type FlowErrorType,
  isActionType,
  MESSAGES_INTERRUPTED,
  STORED_CUSTOMER_INPUT,
} from '../../infra/flows/language';
import { speaksEmergencyNumbers } from '../../infra/flows/validator';
import type { DeployedFlow, TemplateFlows } from './template-flows';

/**
 * Runs one simulated call through the synthesized flows, action by action, with Connect's semantics:
 * the caller's keys, hours and staffing come from the scenario; Lambdas run for real through a port;
 * time is simulated (prompts take speaking time, waits take their seconds, Lambdas their real duration).
 * An action type it does not implement is an error, never a skip.
 */

/** Lambda faults a scenario can inject: a throw, running past the time limit, or a malformed answer. */
export type LambdaFault = 'error' | 'timeout' | 'invalid';

/** How a Lambda invocation ended, as the lambda runtime reports it. */
export type LambdaOutcome =
  | { readonly ok: true; readonly result: unknown; readonly durationMs: number }
  | {
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string };
      readonly durationMs: number;
    };

/** Runs a real handler (`functions/<name>`) with a contact flow event. */
export interface LambdaPort {
  invoke(functionName: string, event: unknown, timeLimitMs: number): Promise<LambdaOutcome>;
}

/** Receives the contact events Connect would publish to EventBridge. */
export interface ContactEventSink {
  send(event: ContactEventEnvelope): Promise<void>;
}

export type ContactEventType = 'INITIATED' | 'QUEUED' | 'CONNECTED_TO_AGENT' | 'DISCONNECTED';

export interface ContactEventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Amazon Connect Contact Event';
  readonly source: 'aws.connect';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface CallScenario {
  /** When the call starts. */
  readonly at: Date;
  /** Listeners staffed on the queue. */
  readonly staffed: number;
  /** What the caller keys, one entry per input; `-` (or an exhausted list) means no key (timeout). */
  readonly keys?: readonly string[];
  /** Faults injected into Lambdas, by function folder. */
  readonly faults?: Readonly<Partial<Record<string, LambdaFault>>>;
  /** The caller hangs up after this action id, or after hearing this many prompts. */
  readonly hangUpAfter?: { readonly actionId: string } | { readonly prompts: number };
  /** Seconds in queue before a staffed listener answers. @default 20 */
  readonly answerAfterSeconds?: number;
  /** Seconds of conversation once answered. @default 600 */
  readonly talkSeconds?: number;
  /** Seconds a caller waits in queue before giving up. @default 1800 */
  readonly patienceSeconds?: number;
  /** The number the caller dials from; null for a withheld number. @default a French mobile */
  readonly callingNumber?: string | null;
  /** @default a random UUID */
  readonly contactId?: string;
}

export type CallOutcome =
  | 'answered'
  | 'callback-stored'
  | 'disconnected-by-line'
  | 'abandoned-in-ivr'
  | 'missed-in-queue';

export type TranscriptKind =
  | 'prompt'
  | 'whisper'
  | 'input'
  | 'branch'
  | 'lambda'
  | 'setting'
  | 'queue'
  | 'event'
  | 'end';

export interface TranscriptEntry {
  /** Seconds since the call started (simulated time). */
  readonly atSeconds: number;
  readonly flow: string;
  readonly actionId?: string;
  readonly kind: TranscriptKind;
  readonly text: string;
}

export interface LambdaCall {
  readonly functionName: string;
  readonly actionId: string;
  /** Invocation attributes, with the keyed number masked. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly ok: boolean;
  readonly result?: Readonly<Record<string, string>>;
  readonly error?: string;
  readonly fault?: LambdaFault;
  readonly durationMs: number;
}

export interface CallTranscript {
  readonly contactId: string;
  readonly outcome: CallOutcome;
  /** Every sentence the caller heard, in order. */
  readonly prompts: readonly string[];
  /** What the listener heard in the whisper, if answered. */
  readonly whisper: readonly string[];
  readonly inputs: readonly string[];
  readonly lambdas: readonly LambdaCall[];
  /** Flow names, in the order the call went through them. */
  readonly flows: readonly string[];
  readonly events: readonly ContactEventType[];
  /** The caller heard 17, 114 and 3919 before entering the queue (or never entered it). */
  readonly emergencyNumbersBeforeQueue: boolean;
  readonly emergencyNumbersHeard: boolean;
  readonly queued: boolean;
  readonly waitSeconds?: number;
  readonly entries: readonly TranscriptEntry[];
}

/** The flows or the interpreter itself went wrong (not a Lambda fault, which takes the Error branch). */
export class InterpreterError extends Error {
  constructor(
    message: string,
    readonly flow?: string,
    readonly actionId?: string,
  ) {
    super(
      flow === undefined ? message : `Flow "${flow}"${actionId ? `, action "${actionId}"` : ''}: ${message}`,
    );
    this.name = 'InterpreterError';
  }
}

/** Connect refuses a Lambda answer above 32 KB. */
export const MAX_LAMBDA_RESPONSE_BYTES = 32 * 1024;
/** Actions one flow run may take before we call it a runaway loop. */
const MAX_STEPS_PER_FLOW = 2_000;

/** Why a flow run stopped. */
type FlowExit =
  | { kind: 'queued' }
  | { kind: 'transfer'; flowArn: string }
  | { kind: 'disconnect' }
  | { kind: 'end' }
  | { kind: 'hangup' }
  | { kind: 'answered' };

class CallerHungUp extends Error {}
class ListenerAnswered extends Error {}

/** Seconds a French TTS voice takes to say `text`: about 2.5 words a second. */
function speakingSeconds(text: string): number {
  return Math.max(1, Math.round(text.split(/\s+/).length / 2.5));
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

function compare(operator: ConditionOperator, value: string | undefined, operand: string): boolean {
  if (value === undefined) return false;
  const number = Number(value);
  const target = Number(operand);
  switch (operator) {
    case 'Equals':
      return value === operand;
    case 'NumberGreaterThan':
      return value !== '' && number > target;
    case 'NumberGreaterOrEqualTo':
      return value !== '' && number >= target;
    case 'NumberLessThan':
      return value !== '' && number < target;
    case 'NumberLessOrEqualTo':
      return value !== '' && number <= target;
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    case 'TextContains':
      return value.includes(operand);
  }
}

export interface InterpreterDeps {
  readonly flows: TemplateFlows;
  readonly lambdas: LambdaPort;
  readonly contactEvents: ContactEventSink;
  readonly hours: LineHours;
}

/** One call, from INITIATED to DISCONNECTED. Create one per scenario. */
class Call {
  private readonly contactId: string;
  private readonly startMs: number;
  private clockMs: number;
  private readonly keys: string[];
  private readonly entries: TranscriptEntry[] = [];
  private readonly prompts: string[] = [];
  private readonly whisper: string[] = [];
  private readonly inputs: string[] = [];
  private readonly lambdaCalls: LambdaCall[] = [];
  private readonly flowNames: string[] = [];
  private readonly events: ContactEventType[] = [];
  private attributes: Record<string, string> = {};
  private flowAttributes: Record<string, string> = {};
  private external: Record<string, string> = {};
  private storedInput: string | undefined;
  private readonly hooks: Record<string, string> = {};
  private targetQueueArn: string | undefined;
  private emergencyHeard = false;
  private emergencyBeforeQueue = true;
  private enqueuedAtMs: number | undefined;
  private answerAtMs = Number.POSITIVE_INFINITY;
  private inQueue = false;
  private callbackStored = false;
  private lastEventId = 0;

  constructor(
    private readonly deps: InterpreterDeps,
    private readonly scenario: CallScenario,
  ) {
    this.contactId = scenario.contactId ?? randomUUID();
    this.startMs = scenario.at.getTime();
    this.clockMs = this.startMs;
    this.keys = [...(scenario.keys ?? [])];
  }

  async run(): Promise<CallTranscript> {
    await this.emit('INITIATED');
    let flow: DeployedFlow = this.deps.flows.byRole.mainInbound;
    let outcome: CallOutcome;
    for (;;) {
      const exit = await this.runFlow(flow);
      if (exit.kind === 'transfer') {
        const next = this.deps.flows.byArn.get(exit.flowArn);
        if (next === undefined) throw new InterpreterError(`TransferToFlow to unknown flow ${exit.flowArn}`);
        flow = next;
        continue;
      }
      if (exit.kind === 'queued') {
        outcome = await this.waitInQueue();
        break;
      }
      if (exit.kind === 'hangup') {
        outcome = this.callbackStored ? 'callback-stored' : 'abandoned-in-ivr';
        break;
      }
      if (exit.kind === 'end' || exit.kind === 'disconnect') {
        outcome = this.callbackStored ? 'callback-stored' : 'disconnected-by-line';
        break;
      }
      throw new InterpreterError(`unexpected end of ${flow.name}: ${exit.kind}`);
    }
    this.note(flow.name, 'end', `Fin de l'appel: ${outcome}`);
    await this.emit('DISCONNECTED');
    return {
      contactId: this.contactId,
      outcome,
      prompts: this.prompts,
      whisper: this.whisper,
      inputs: this.inputs,
      lambdas: this.lambdaCalls,
      flows: this.flowNames,
      events: this.events,
      emergencyNumbersBeforeQueue: this.emergencyBeforeQueue,
      emergencyNumbersHeard: this.emergencyHeard,
      queued: this.enqueuedAtMs !== undefined,
      ...(this.enqueuedAtMs === undefined ? {} : { waitSeconds: this.waitSeconds() }),
      entries: this.entries,
    };
  }

  private waitSeconds(): number {
    const end = Math.min(this.clockMs, this.answerAtMs);
    return Math.round((end - (this.enqueuedAtMs ?? end)) / 1000);
  }

  /** The caller is in queue: the customer queue flow runs until a listener answers or the caller leaves. */
  private async waitInQueue(): Promise<CallOutcome> {
    this.inQueue = true;
    this.enqueuedAtMs = this.clockMs;
    await this.emit('QUEUED');
    const staffed = this.scenario.staffed > 0;
    this.answerAtMs = staffed
      ? this.clockMs + (this.scenario.answerAfterSeconds ?? 20) * 1000
      : Number.POSITIVE_INFINITY;
    const giveUpAtMs = this.clockMs + (this.scenario.patienceSeconds ?? 1_800) * 1000;
    const queueFlowArn = this.hooks.CustomerQueue;
    const queueFlow = queueFlowArn === undefined ? undefined : this.deps.flows.byArn.get(queueFlowArn);
    let exit: FlowExit = { kind: 'end' };
    if (queueFlow === undefined) {
      this.note('Connect', 'queue', 'Pas de flux d’attente: musique par défaut');
    } else {
      exit = await this.runFlow(queueFlow, giveUpAtMs);
    }
    if (exit.kind === 'end') {
      // The queue flow ended: the caller waits in silence until answered or out of patience.
      const until = Math.min(this.answerAtMs, giveUpAtMs);
      this.clockMs = Math.max(this.clockMs, until);
      exit = this.answerAtMs <= giveUpAtMs ? { kind: 'answered' } : { kind: 'hangup' };
    }
    this.inQueue = false;
    if (exit.kind === 'answered') {
      this.clockMs = this.answerAtMs;
      await this.connectListener();
      return 'answered';
    }
    if (exit.kind === 'hangup') return this.callbackStored ? 'callback-stored' : 'missed-in-queue';
    if (exit.kind === 'disconnect') return this.callbackStored ? 'callback-stored' : 'disconnected-by-line';
    throw new InterpreterError(`customer queue flow ended with ${exit.kind}`);
  }

  private async connectListener(): Promise<void> {
    const whisperArn = this.hooks.AgentWhisper;
    const whisperFlow = whisperArn === undefined ? undefined : this.deps.flows.byArn.get(whisperArn);
    if (whisperFlow !== undefined) await this.runFlow(whisperFlow);
    this.note('Connect', 'queue', `Une écoutante répond après ${this.waitSeconds()} s d'attente`);
    await this.emit('CONNECTED_TO_AGENT');
    this.clockMs += (this.scenario.talkSeconds ?? 600) * 1000;
  }

  private async runFlow(flow: DeployedFlow, giveUpAtMs = Number.POSITIVE_INFINITY): Promise<FlowExit> {
    this.flowNames.push(flow.name);
    this.flowAttributes = {};
    const actions = new Map(flow.document.Actions.map((action) => [action.Identifier, action]));
    let actionId: string | undefined = flow.document.StartAction;
    for (let step = 0; actionId !== undefined; step += 1) {
      if (step >= MAX_STEPS_PER_FLOW) throw new InterpreterError('runaway loop', flow.name, actionId);
      const action = actions.get(actionId);
      if (action === undefined) throw new InterpreterError(`no action ${actionId}`, flow.name);
      let result: string | FlowExit;
      try {
        result = await this.execute(flow, action);
      } catch (caught) {
        if (caught instanceof CallerHungUp) return { kind: 'hangup' };
        if (caught instanceof ListenerAnswered) return { kind: 'answered' };
        throw caught;
      }
      if (this.hangsUpAfter(action)) {
        this.note(flow.name, 'end', `L'appelante raccroche après ${action.Identifier}`, action.Identifier);
        return { kind: 'hangup' };
      }
      if (this.inQueue && this.clockMs >= giveUpAtMs && this.clockMs < this.answerAtMs) {
        this.note(flow.name, 'end', 'L’appelante raccroche après une longue attente', action.Identifier);
        return { kind: 'hangup' };
      }
      if (typeof result !== 'string') return result;
      actionId = result;
    }
    throw new InterpreterError('flow stopped without an end', flow.name);
  }

  private hangsUpAfter(action: FlowAction): boolean {
    const rule = this.scenario.hangUpAfter;
    if (rule === undefined) return false;
    return 'actionId' in rule ? rule.actionId === action.Identifier : this.prompts.length >= rule.prompts;
  }

  /** Runs one action; returns the next action id, or how the flow ended. */
  private async execute(flow: DeployedFlow, action: FlowAction): Promise<string | FlowExit> {
    const id = action.Identifier;
    const parameters = action.Parameters;
    const next = (): string => {
      const target = action.Transitions.NextAction;
      if (target === undefined) throw new InterpreterError('no NextAction', flow.name, id);
      return target;
    };
    const onError = (errorType: FlowErrorType): string => {
      const target = action.Transitions.Errors?.find((entry) => entry.ErrorType === errorType)?.NextAction;
      if (target === undefined) throw new InterpreterError(`no ${errorType} branch`, flow.name, id);
      this.note(flow.name, 'branch', `Erreur ${errorType}`, id);
      return target;
    };
    const byCondition = (value: string | undefined): string | undefined =>
      action.Transitions.Conditions?.find((entry) =>
        compare(entry.Condition.Operator, value, entry.Condition.Operands[0] ?? ''),
      )?.NextAction;

    if (!isActionType(action.Type))
      throw new InterpreterError(`unknown action type ${action.Type}`, flow.name, id);
    switch (action.Type) {
      case 'UpdateFlowLoggingBehavior':
        this.note(flow.name, 'setting', `Journal du flux: ${String(parameters.FlowLoggingBehavior)}`, id);
        return next();
      case 'UpdateContactTextToSpeechVoice':
        this.note(flow.name, 'setting', `Voix: ${String(parameters.TextToSpeechVoice)}`, id);
        return next();
      case 'UpdateContactRecordingBehavior':
        this.note(flow.name, 'setting', 'Enregistrement: désactivé', id);
        return next();
      case 'UpdateFlowAttributes': {
        const attributes = parameters.FlowAttributes as Record<string, { Value: string }>;
        for (const [key, entry] of Object.entries(attributes))
          this.flowAttributes[key] = this.text(entry.Value);
        return next();
      }
      case 'UpdateContactAttributes': {
        const attributes = parameters.Attributes as Record<string, string>;
        for (const [key, value] of Object.entries(attributes)) this.attributes[key] = this.text(value);
        this.note(flow.name, 'setting', `Attributs: ${JSON.stringify(attributes)}`, id);
        return next();
      }
      case 'UpdateContactEventHooks': {
        for (const [hook, arn] of Object.entries(parameters.EventHooks as Record<string, string>)) {
          if (!this.deps.flows.allFlowArns.has(arn)) return onError('NoMatchingError');
          this.hooks[hook] = arn;
          this.note(flow.name, 'setting', `Flux ${hook}: ${this.deps.flows.byArn.get(arn)?.name ?? arn}`, id);
        }
        return next();
      }
      case 'UpdateContactTargetQueue':
        this.targetQueueArn = String(parameters.QueueId);
        return next();
      case 'MessageParticipant':
        await this.say(flow, action, this.text(String(parameters.Text)));
        return next();
      case 'MessageParticipantIteratively': {
        const texts = (parameters.Messages as { Text: string }[]).map((message) => this.text(message.Text));
        const interruptMs = Number(parameters.InterruptFrequencySeconds) * 1000;
        const untilMs = this.clockMs + interruptMs;
        for (let index = 0; this.clockMs < untilMs; index = (index + 1) % texts.length) {
          const text = texts[index] as string;
          const endMs = Math.min(untilMs, this.clockMs + speakingSeconds(text) * 1000);
          this.recordPrompt(flow, action, text);
          this.advanceTo(endMs);
        }
        return byCondition(MESSAGES_INTERRUPTED) ?? onError('NoMatchingError');
      }
      case 'GetParticipantInput':
        return this.getInput(flow, action, next, onError, byCondition);
      case 'InvokeLambdaFunction':
        return this.invokeLambda(flow, action, next, onError);
      case 'CheckHoursOfOperation': {
        const open = isLineOpen(new Date(this.clockMs), this.deps.hours);
        this.note(flow.name, 'branch', `Horaires: ${open ? 'ouvert' : 'fermé'}`, id);
        return byCondition(open ? 'True' : 'False') ?? onError('NoMatchingError');
      }
      case 'CheckMetricData': {
        const staffed = String(this.scenario.staffed);
        const target = byCondition(staffed);
        this.note(flow.name, 'branch', `Écoutantes en service: ${staffed}`, id);
        return target ?? next();
      }
      case 'Compare': {
        const value = this.lookup(String(parameters.ComparisonValue));
        const target = byCondition(value);
        this.note(flow.name, 'branch', `${String(parameters.ComparisonValue)} = ${value ?? '(absent)'}`, id);
        return target ?? onError('NoMatchingCondition');
      }
      case 'TransferContactToQueue':
        if (this.targetQueueArn === undefined) return onError('NoMatchingError');
        if (!this.emergencyHeard) this.emergencyBeforeQueue = false;
        this.note(flow.name, 'queue', 'Mise en file “Écoute”', id);
        return { kind: 'queued' };
      case 'TransferToFlow': {
        const arn = String(parameters.ContactFlowId);
        if (!this.deps.flows.byArn.has(arn)) return onError('NoMatchingError');
        this.note(flow.name, 'branch', `Vers le flux ${this.deps.flows.byArn.get(arn)?.name}`, id);
        return { kind: 'transfer', flowArn: arn };
      }
      case 'DisconnectParticipant':
        this.note(flow.name, 'end', 'Le flux raccroche', id);
        return { kind: 'disconnect' };
      case 'EndFlowExecution':
        return { kind: 'end' };
      default:
        throw new InterpreterError(`action type ${String(action.Type)} is not implemented`, flow.name, id);
    }
  }

  private async getInput(
    flow: DeployedFlow,
    action: FlowAction,
    next: () => string,
    onError: (errorType: FlowErrorType) => string,
    byCondition: (value: string | undefined) => string | undefined,
  ): Promise<string> {
    const parameters = action.Parameters;
    await this.say(flow, action, this.text(String(parameters.Text)));
    const entry = this.keys.shift();
    const pressed = entry === undefined || entry === '-' ? undefined : entry;
    const stores = String(parameters.StoreInput).toLowerCase() === 'true';
    if (pressed === undefined) {
      this.advanceTo(this.clockMs + Number(parameters.InputTimeLimitSeconds) * 1000);
      this.inputs.push('(rien)');
      this.note(flow.name, 'input', 'Aucune touche', action.Identifier);
      if (stores) {
        // Connect takes the success branch with the value "Timeout".
        this.storedInput = 'Timeout';
        return next();
      }
      return onError('InputTimeLimitExceeded');
    }
    this.advanceTo(this.clockMs + Math.max(1, pressed.length) * 500);
    if (stores) {
      this.storedInput = pressed;
      this.inputs.push(`${pressed.length} chiffres`);
      // The digits are never shown: they are the caller's phone number.
      this.note(flow.name, 'input', `Numéro tapé (${pressed.length} chiffres, masqué)`, action.Identifier);
      return next();
    }
    this.inputs.push(pressed);
    this.note(flow.name, 'input', `Touche ${pressed}`, action.Identifier);
    return byCondition(pressed) ?? onError('NoMatchingCondition');
  }

  private async invokeLambda(
    flow: DeployedFlow,
    action: FlowAction,
    next: () => string,
    onError: (errorType: FlowErrorType) => string,
  ): Promise<string> {
    const parameters = action.Parameters;
    const arn = String(parameters.LambdaFunctionARN);
    const functionName = this.deps.flows.functionsByArn.get(arn);
    if (functionName === undefined)
      throw new InterpreterError(`no local function for ${arn}`, flow.name, action.Identifier);
    const timeLimitMs = Number(parameters.InvocationTimeLimitSeconds) * 1000;
    const rawAttributes = (parameters.LambdaInvocationAttributes ?? {}) as Record<string, string>;
    const invocationParameters = Object.fromEntries(
      Object.entries(rawAttributes).map(([key, value]) => [key, this.lookupOrText(value)]),
    );
    const masked = Object.fromEntries(
      Object.entries(rawAttributes).map(([key, value]) => [
        key,
        value.includes(STORED_CUSTOMER_INPUT) ? '(masqué)' : (invocationParameters[key] ?? ''),
      ]),
    );
    const event = this.contactFlowEvent(invocationParameters);
    const fault = this.scenario.faults?.[functionName];
    const outcome = await this.invokeWithConnectLimit(functionName, event, timeLimitMs, fault);
    this.clockMs += Math.round(outcome.durationMs);

    let problem: string | undefined;
    let result: Record<string, string> | undefined;
    if (!outcome.ok) {
      problem = `${outcome.error.name}: ${outcome.error.message}`;
    } else if (!isStringMap(outcome.result)) {
      problem = 'invalid response: not a flat map of strings';
    } else if (Buffer.byteLength(JSON.stringify(outcome.result)) > MAX_LAMBDA_RESPONSE_BYTES) {
      problem = 'invalid response: larger than 32 KB';
    } else {
      result = outcome.result;
    }
    this.lambdaCalls.push({
      functionName,
      actionId: action.Identifier,
      parameters: masked,
      ok: problem === undefined,
      ...(result === undefined ? {} : { result }),
      ...(problem === undefined ? {} : { error: problem }),
      ...(fault === undefined ? {} : { fault }),
      durationMs: Math.round(outcome.durationMs),
    });
    if (result === undefined) {
      this.note(flow.name, 'lambda', `${functionName} en échec (${problem})`, action.Identifier);
      return onError('NoMatchingError');
    }
    this.external = result;
    if (functionName === 'request-callback' && result.status === 'stored') this.callbackStored = true;
    this.note(flow.name, 'lambda', `${functionName} → ${JSON.stringify(result)}`, action.Identifier);
    return next();
  }

  /** Connect stops waiting at the time limit, whatever the function does after. */
  private async invokeWithConnectLimit(
    functionName: string,
    event: unknown,
    timeLimitMs: number,
    fault: LambdaFault | undefined,
  ): Promise<LambdaOutcome> {
    if (fault === 'error') {
      return {
        ok: false,
        error: { name: 'InjectedFault', message: `${functionName} throws (injected)` },
        durationMs: 5,
      };
    }
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    const limit = new Promise<LambdaOutcome>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            ok: false,
            error: { name: 'TimeLimitExceeded', message: `no answer within ${timeLimitMs / 1000} s` },
            durationMs: timeLimitMs,
          }),
        timeLimitMs,
      );
    });
    const call =
      fault === 'timeout'
        ? // The handler never answers in time: a hung dependency, as seen from Connect.
          new Promise<LambdaOutcome>(() => undefined)
        : this.deps.lambdas
            .invoke(functionName, event, timeLimitMs)
            .then((outcome) =>
              fault === 'invalid' && outcome.ok
                ? { ...outcome, result: { ...(outcome.result as object), nested: { not: 'a string' } } }
                : outcome,
            );
    try {
      const outcome = await Promise.race([call, limit]);
      return { ...outcome, durationMs: Math.min(timeLimitMs, performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }

  private contactFlowEvent(parameters: Record<string, string>): unknown {
    const callingNumber =
      this.scenario.callingNumber === undefined ? '+33612345678' : this.scenario.callingNumber;
    return {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: { ...this.attributes },
          Channel: 'VOICE',
          ContactId: this.contactId,
          CustomerEndpoint:
            callingNumber === null
              ? { Address: 'anonymous', Type: 'TELEPHONE_NUMBER' }
              : { Address: callingNumber, Type: 'TELEPHONE_NUMBER' },
          InitialContactId: this.contactId,
          InitiationMethod: 'INBOUND',
          InstanceARN: this.deps.flows.instanceArn,
          LanguageCode: 'fr-FR',
          PreviousContactId: this.contactId,
          Queue: this.targetQueueArn === undefined ? null : { ARN: this.targetQueueArn, Name: 'Écoute' },
          SystemEndpoint: { Address: '+33199000000', Type: 'TELEPHONE_NUMBER' },
        },
        Parameters: parameters,
      },
    };
  }

  /** Value of a JSONPath reference the line uses; undefined when absent. */
  private lookup(path: string): string | undefined {
    if (path === STORED_CUSTOMER_INPUT) return this.storedInput;
    const system: Record<string, string | undefined> = {
      '$.ContactId': this.contactId,
      '$.InitialContactId': this.contactId,
      '$.Channel': 'VOICE',
      '$.InstanceARN': this.deps.flows.instanceArn,
      '$.CustomerEndpoint.Address': this.scenario.callingNumber ?? undefined,
      '$.Queue.ARN': this.targetQueueArn,
      '$.Queue.Name': this.targetQueueArn === undefined ? undefined : 'Écoute',
    };
    if (Object.hasOwn(system, path)) return system[path];
    const [, namespace, key] = /^\$\.(External|Attributes|FlowAttributes)\.(.+)$/.exec(path) ?? [];
    if (key === undefined) throw new InterpreterError(`unsupported reference ${path}`);
    const source =
      namespace === 'External'
        ? this.external
        : namespace === 'Attributes'
          ? this.attributes
          : this.flowAttributes;
    return source[key];
  }

  private lookupOrText(value: string): string {
    return /^\$\.[A-Za-z0-9_.]+$/.test(value) ? (this.lookup(value) ?? '') : this.text(value);
  }

  /** Replaces `$.Namespace.key` references inside a text, as Connect does for dynamic prompts. */
  private text(value: string): string {
    return value.replace(/\$\.[A-Za-z]+(?:\.[A-Za-z0-9_]+)?/g, (reference) => this.lookup(reference) ?? '');
  }

  private async say(flow: DeployedFlow, action: FlowAction, text: string): Promise<void> {
    this.recordPrompt(flow, action, text);
    this.advanceTo(this.clockMs + speakingSeconds(text) * 1000);
  }

  private recordPrompt(flow: DeployedFlow, action: FlowAction, text: string): void {
    if (flow.type === 'AGENT_WHISPER') {
      this.whisper.push(text);
      this.note(flow.name, 'whisper', text, action.Identifier);
      return;
    }
    this.prompts.push(text);
    if (speaksEmergencyNumbers(action)) this.emergencyHeard = true;
    this.note(flow.name, 'prompt', text, action.Identifier);
  }

  /** Moves simulated time; in queue, a listener answering interrupts whatever is playing. */
  private advanceTo(targetMs: number): void {
    if (this.inQueue && targetMs >= this.answerAtMs) {
      this.clockMs = this.answerAtMs;
      throw new ListenerAnswered();
    }
    this.clockMs = targetMs;
    const rule = this.scenario.hangUpAfter;
    if (rule !== undefined && 'prompts' in rule && this.prompts.length >= rule.prompts)
      throw new CallerHungUp();
  }

  private note(flow: string, kind: TranscriptKind, text: string, actionId?: string): void {
    this.entries.push({
      atSeconds: Math.round((this.clockMs - this.startMs) / 1000),
      flow,
      kind,
      text,
      ...(actionId === undefined ? {} : { actionId }),
    });
  }

  private async emit(eventType: ContactEventType): Promise<void> {
    const instanceArn = this.deps.flows.instanceArn;
    const at = new Date(this.clockMs).toISOString();
    const initiation = new Date(this.startMs).toISOString();
    this.lastEventId += 1;
    const detail: Record<string, unknown> = {
      eventType,
      contactId: this.contactId,
      initialContactId: this.contactId,
      channel: 'VOICE',
      instanceArn,
      initiationMethod: 'INBOUND',
      initiationTimestamp: initiation,
      tags: { 'aws:connect:instanceId': instanceArn.split('/').at(-1) },
    };
    if (this.enqueuedAtMs !== undefined && this.targetQueueArn !== undefined) {
      detail.queueInfo = {
        queueArn: this.targetQueueArn,
        queueType: 'STANDARD',
        enqueueTimestamp: new Date(this.enqueuedAtMs).toISOString(),
      };
    }
    if (
      eventType === 'CONNECTED_TO_AGENT' ||
      (eventType === 'DISCONNECTED' && this.events.includes('CONNECTED_TO_AGENT'))
    ) {
      detail.agentInfo = {
        agentArn: `${instanceArn}/agent/local-listener`,
        connectedToAgentTimestamp: new Date(this.answerAtMs).toISOString(),
      };
    }
    if (eventType === 'DISCONNECTED') detail.disconnectTimestamp = at;
    this.events.push(eventType);
    this.note('Connect', 'event', eventType);
    await this.deps.contactEvents.send({
      version: '0',
      id: `${this.contactId.slice(0, 8)}-0000-4000-8000-${String(this.lastEventId).padStart(12, '0')}`,
      'detail-type': 'Amazon Connect Contact Event',
      source: 'aws.connect',
      account: instanceArn.split(':')[4] ?? '000000000000',
      time: at.replace(/\.\d{3}Z$/, 'Z'),
      region: instanceArn.split(':')[3] ?? 'eu-central-1',
      resources: [instanceArn, `${instanceArn}/contact/${this.contactId}`],
      detail,
    });
  }
}

/** Runs one scenario through the flows; Lambda faults take the flows' Error branches. */
export function runCall(deps: InterpreterDeps, scenario: CallScenario): Promise<CallTranscript> {
  return new Call(deps, scenario).run();
}

/** The flow document of a deployed flow, for tools that print or inspect it. */
export type { FlowDocument };
