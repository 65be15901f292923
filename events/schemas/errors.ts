/**
 * Typed errors raised by the event parsers. They carry the kind of event expected and the paths of
 * the fields that failed, never the values: a payload may hold a phone number.
 */

/** One field that failed validation: where, and what was wrong (no input value). */
export interface EventIssue {
  readonly path: string;
  readonly problem: string;
}

/** Base class of every parser rejection, so callers can tell bad input from an internal fault. */
export class EventParseError extends Error {
  constructor(
    readonly eventKind: string,
    readonly issues: readonly EventIssue[],
    summary: string,
  ) {
    super(`${eventKind}: ${summary}${issues.length > 0 ? ` (${describeIssues(issues)})` : ''}`);
    this.name = 'EventParseError';
  }
}

/** The payload is not an Amazon Connect contact event at all (wrong source, detail-type, or shape). */
export class NotAContactEventError extends EventParseError {
  constructor(issues: readonly EventIssue[], summary = 'not an Amazon Connect contact event') {
    super('Amazon Connect Contact Event', issues, summary);
    this.name = 'NotAContactEventError';
  }
}

/** The payload is not a contact flow (Lambda invocation) event. */
export class NotAContactFlowEventError extends EventParseError {
  constructor(issues: readonly EventIssue[], summary = 'not an Amazon Connect contact flow event') {
    super('ContactFlowEvent', issues, summary);
    this.name = 'NotAContactFlowEventError';
  }
}

function describeIssues(issues: readonly EventIssue[]): string {
  const shown = issues.slice(0, 5).map((issue) => `${issue.path || '(root)'}: ${issue.problem}`);
  return issues.length > 5 ? `${shown.join('; ')}; and ${issues.length - 5} more` : shown.join('; ');
}
