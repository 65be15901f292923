import { EMERGENCY_NUMBERS } from '#domain/texts/caller-prompts';
import { type FlowAction, type FlowDocument, STORED_CUSTOMER_INPUT } from '../language';
import { journeyEnds, storesInput, targets } from './actions';
import type { FlowRule, ReportIssue } from './issues';

/**
 * Safety pass: the line's own rules. The emergency numbers are heard before any queue, keyed digits are
 * never kept (only a Lambda may read them), and flow logging is off exactly while digits are keyed.
 */

/** The text an action speaks, if any. */
function spokenTexts(action: FlowAction): string[] {
  const texts: string[] = [];
  if (typeof action.Parameters.Text === 'string') texts.push(action.Parameters.Text);
  const messages = action.Parameters.Messages;
  if (Array.isArray(messages)) {
    for (const message of messages) {
      const text = (message as { Text?: unknown }).Text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts;
}

/** Whether the action makes the caller hear all three emergency numbers. */
export function speaksEmergencyNumbers(action: FlowAction): boolean {
  return spokenTexts(action).some((text) => {
    const digits = text.replace(/\s+/g, '');
    return EMERGENCY_NUMBERS.every((number) => digits.includes(number));
  });
}

/** JSON paths (as "Parameters.x.y") of string values that read the keyed digits. */
function keyedInputUses(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes(STORED_CUSTOMER_INPUT) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => keyedInputUses(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => keyedInputUses(item, `${path}.${key}`));
  }
  return [];
}

/** Reports every parameter of `action` that reads the keyed digits, except a Lambda's invocation attributes. */
export function checkKeyedInput(action: FlowAction, report: ReportIssue): void {
  for (const usePath of keyedInputUses(action.Parameters, 'Parameters')) {
    const allowedUse =
      action.Type === 'InvokeLambdaFunction' && usePath.startsWith('Parameters.LambdaInvocationAttributes.');
    if (!allowedUse) {
      const what =
        action.Type === 'UpdateContactAttributes' ? 'a contact attribute is set from' : `${usePath} reads`;
      report('keyed-input-kept', `${what} keyed input (${STORED_CUSTOMER_INPUT})`, action.Identifier);
    }
  }
}

/**
 * Walks every path over (action, emergency numbers heard, flow logging on) and reports, once per action,
 * a queue reached before the emergency numbers, digits keyed with logging on, or an end with logging off.
 * Expects every target to exist.
 */
export function checkSafePaths(
  document: FlowDocument,
  byId: ReadonlyMap<string, FlowAction>,
  report: ReportIssue,
): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const once = (key: string, rule: FlowRule, message: string, id: string) => {
    if (!reported.has(key)) {
      reported.add(key);
      report(rule, message, id);
    }
  };
  const stack: { id: string; heard: boolean; logging: boolean }[] = [
    { id: document.StartAction, heard: false, logging: true },
  ];
  for (let state = stack.pop(); state !== undefined; state = stack.pop()) {
    const key = `${state.id}|${state.heard}|${state.logging}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const action = byId.get(state.id) as FlowAction;
    if (action.Type === 'TransferContactToQueue' && !state.heard) {
      once(
        `queue|${action.Identifier}`,
        'emergency-numbers-first',
        'a path reaches the queue before the emergency numbers (17, 114, 3919)',
        action.Identifier,
      );
    }
    if (storesInput(action) && state.logging) {
      once(
        `keyed|${action.Identifier}`,
        'logging-while-keying',
        'digits are keyed while flow logging is on',
        action.Identifier,
      );
    }
    if (journeyEnds(action) && !state.logging) {
      once(
        `end|${action.Identifier}`,
        'logging-while-keying',
        'a path ends with flow logging still off',
        action.Identifier,
      );
    }
    const heard = state.heard || speaksEmergencyNumbers(action);
    let logging = state.logging;
    if (action.Type === 'UpdateFlowLoggingBehavior')
      logging = action.Parameters.FlowLoggingBehavior === 'Enabled';
    for (const target of targets(action)) stack.push({ id: target.next, heard, logging });
  }
}
