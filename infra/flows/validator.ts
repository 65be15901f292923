import type { DefinedFlow } from './builder';
import type { FlowDocument, FlowType } from './language';
import { checkPaths, checkTargets } from './validation/graph';
import { type FlowIssue, FlowValidationError, type ReportIssue } from './validation/issues';
import { checkLanguageAfterEmergency, checkVoiceFallbacks } from './validation/languages';
import { checkKeyedInput, checkSafePaths } from './validation/safety';
import { checkSchema } from './validation/schema';
import { checkStructure } from './validation/structure';

/**
 * Checks a flow before CloudFormation or a caller ever sees it, in passes (see `validation/`): schema,
 * structure of each action against the reference's catalogue (action-catalogue.ts: flow types,
 * transitions, error types, parameters), graph (targets, reachability, every path ending), and the line's
 * safety rules (emergency numbers before any queue, keyed digits never kept, flow logging off while
 * digits are keyed), and the languages (a voice error falls back to French and goes on; no other language
 * before the emergency numbers in French).
 */

export { type FlowIssue, type FlowRule, FlowValidationError, formatIssue } from './validation/issues';
export { validateLanguages } from './validation/languages';
export { speaksEmergencyNumbers } from './validation/safety';

/** Validates one flow; returns every issue found (empty when the flow is sound). */
export function validateFlow(name: string, type: FlowType, document: FlowDocument): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const report: ReportIssue = (rule, message, actionId) =>
    issues.push({ flow: name, rule, message, ...(actionId === undefined ? {} : { actionId }) });

  // Later passes read the document without guards.
  if (!checkSchema(document, report)) return issues;
  // The keyed-input rule runs per action too, so issues read action by action.
  const byId = checkStructure(document, type, report, (action) => checkKeyedInput(action, report));
  checkTargets(document, byId, report);
  // Paths can only be followed once every identifier is unique and every target exists.
  if (issues.some((issue) => issue.rule === 'transition-target' || issue.rule === 'identifier'))
    return issues;
  checkPaths(document, byId, report);
  checkSafePaths(document, byId, report);
  checkVoiceFallbacks(byId, report);
  checkLanguageAfterEmergency(document, byId, report);
  return issues;
}

/** Validates defined flows, for the CDK validation hook and the tests. */
export function validateFlows(flows: readonly DefinedFlow[]): FlowIssue[] {
  return flows.flatMap((flow) => validateFlow(flow.name, flow.type, flow.document));
}

/** Throws a FlowValidationError listing every issue, if any. */
export function assertValidFlows(flows: readonly DefinedFlow[]): void {
  const issues = validateFlows(flows);
  if (issues.length > 0) throw new FlowValidationError(issues);
}
