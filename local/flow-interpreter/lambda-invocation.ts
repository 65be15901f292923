import { STORED_CUSTOMER_INPUT } from '../../infra/flows/language';
import type { ActionStep } from './action-step';
import type { CallState } from './call-state';
import {
  InterpreterError,
  type LambdaFault,
  type LambdaOutcome,
  type LambdaPort,
  type ResourceOverride,
} from './interpreter-types';

/**
 * The InvokeLambdaFunction action with Connect's rules: the flow stops waiting at the time limit, and a
 * throw, a timeout, an answer that is not a flat map of strings or one above 32 KB take the Error branch.
 */

/** Connect refuses a Lambda answer above 32 KB. */
export const MAX_LAMBDA_RESPONSE_BYTES = 32 * 1024;

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

/**
 * Runs an InvokeLambdaFunction action: invokes the function through the Lambda port (or the fault
 * the scenario injects), records the call, and returns the next action id.
 * @throws InterpreterError when the ARN is not one of the line's functions.
 */
export async function invokeLambdaAction(call: CallState, step: ActionStep): Promise<string> {
  const { flow, action, parameters } = step;
  const arn = String(parameters.LambdaFunctionARN);
  const functionName = call.deps.flows.functionsByArn.get(arn);
  if (functionName === undefined)
    throw new InterpreterError(`no local function for ${arn}`, flow.name, action.Identifier);
  const timeLimitMs = Number(parameters.InvocationTimeLimitSeconds) * 1000;
  const rawAttributes = (parameters.LambdaInvocationAttributes ?? {}) as Record<string, string>;
  const invocationParameters = Object.fromEntries(
    Object.entries(rawAttributes).map(([key, value]) => [key, call.lookupOrText(value)]),
  );
  const masked = Object.fromEntries(
    Object.entries(rawAttributes).map(([key, value]) => [
      key,
      value.includes(STORED_CUSTOMER_INPUT) ? '(masqué)' : (invocationParameters[key] ?? ''),
    ]),
  );
  const event = contactFlowEvent(call, invocationParameters);
  const fault = call.scenario.faults?.[functionName];
  const override = call.takeOverride(arn);
  const outcome =
    override === undefined
      ? await invokeWithConnectLimit(call.deps.lambdas, functionName, event, timeLimitMs, fault)
      : await overriddenInvocation(call, override, event, timeLimitMs, flow.name, action.Identifier);
  call.clock.moveBy(Math.round(outcome.durationMs));

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
  call.lambdaCalls.push({
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
    call.note(flow.name, 'lambda', `${functionName} en échec (${problem})`, action.Identifier);
    return step.onError('NoMatchingError');
  }
  call.external = result;
  if (functionName === 'request-callback' && result.status === 'stored') call.callbackStored = true;
  call.note(flow.name, 'lambda', `${functionName} → ${JSON.stringify(result)}`, action.Identifier);
  return step.next();
}

/** Connect stops waiting at the time limit, whatever the function does after. */
async function invokeWithConnectLimit(
  lambdas: LambdaPort,
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
  const invocation =
    fault === 'timeout'
      ? // The handler never answers in time: a hung dependency, as seen from Connect.
        new Promise<LambdaOutcome>(() => undefined)
      : lambdas
          .invoke(functionName, event, timeLimitMs)
          .then((outcome) =>
            fault === 'invalid' && outcome.ok
              ? { ...outcome, result: { ...(outcome.result as object), nested: { not: 'a string' } } }
              : outcome,
          );
  try {
    const outcome = await Promise.race([invocation, limit]);
    return { ...outcome, durationMs: Math.min(timeLimitMs, performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An invocation a test case overrode: a mocked answer after its delay (the time limit still applies),
 * or another function invoked in its place.
 */
async function overriddenInvocation(
  call: CallState,
  override: ResourceOverride,
  event: unknown,
  timeLimitMs: number,
  flowName: string,
  actionId: string,
): Promise<LambdaOutcome> {
  if (override.kind === 'lambda-answer') {
    const delayMs = override.delaySeconds * 1000;
    return delayMs >= timeLimitMs
      ? {
          ok: false,
          error: { name: 'TimeLimitExceeded', message: `no answer within ${timeLimitMs / 1000} s` },
          durationMs: timeLimitMs,
        }
      : { ok: true, result: override.answer, durationMs: delayMs };
  }
  if (override.kind === 'lambda-substitute') {
    const substitute = call.deps.flows.functionsByArn.get(override.functionArn);
    if (substitute === undefined)
      throw new InterpreterError(`no local function for ${override.functionArn}`, flowName, actionId);
    return invokeWithConnectLimit(call.deps.lambdas, substitute, event, timeLimitMs, undefined);
  }
  throw new InterpreterError(`a ${override.kind} override cannot apply to a Lambda`, flowName, actionId);
}

/** The ContactFlowEvent Connect sends a flow's Lambda, with the contact as it stands. */
function contactFlowEvent(call: CallState, parameters: Record<string, string>): unknown {
  const callingNumber =
    call.scenario.callingNumber === undefined ? '+33612345678' : call.scenario.callingNumber;
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: { ...call.attributes },
        Channel: 'VOICE',
        ContactId: call.contactId,
        CustomerEndpoint:
          callingNumber === null
            ? { Address: 'anonymous', Type: 'TELEPHONE_NUMBER' }
            : { Address: callingNumber, Type: 'TELEPHONE_NUMBER' },
        InitialContactId: call.contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: call.deps.flows.instanceArn,
        LanguageCode: 'fr-FR',
        PreviousContactId: call.contactId,
        Queue: call.targetQueueArn === undefined ? null : { ARN: call.targetQueueArn, Name: 'Écoute' },
        SystemEndpoint: { Address: '+33199000000', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: parameters,
    },
  };
}
