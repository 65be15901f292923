/** What the validation passes report: one issue per broken rule, with the flow and action it is about. */

export type FlowRule =
  | 'schema'
  | 'identifier'
  | 'action-count'
  | 'action-type'
  | 'transition-target'
  | 'unreachable'
  | 'path-end'
  | 'error-branch'
  | 'unknown-error-type'
  | 'condition'
  | 'unknown-parameter'
  | 'parameter-value'
  | 'missing-parameter'
  | 'emergency-numbers-first'
  | 'keyed-input-kept'
  | 'logging-while-keying'
  | 'voice-fallback'
  | 'language-before-emergency'
  | 'language-texts';

export interface FlowIssue {
  readonly flow: string;
  /** Absent for issues about the whole flow. */
  readonly actionId?: string;
  readonly rule: FlowRule;
  readonly message: string;
}

/** How a pass reports an issue; the composer adds the flow name. */
export type ReportIssue = (rule: FlowRule, message: string, actionId?: string) => void;

/** One readable line per issue: the flow name, the action id, what is wrong, the rule. */
export function formatIssue(issue: FlowIssue): string {
  const where = issue.actionId === undefined ? '' : `, action "${issue.actionId}"`;
  return `Flow "${issue.flow}"${where}: ${issue.message} [${issue.rule}]`;
}

/** Thrown by `assertValidFlows` with every issue found. */
export class FlowValidationError extends Error {
  constructor(public readonly issues: readonly FlowIssue[]) {
    super(`Contact flows are invalid:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'FlowValidationError';
  }
}
