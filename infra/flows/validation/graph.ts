import type { FlowAction, FlowDocument } from '../language';
import { journeyEnds, targets } from './actions';
import type { ReportIssue } from './issues';

/**
 * Graph pass: the flow as a graph of actions. Every target exists, every action is reachable from the
 * start, and every reachable action can still reach an end (transfer, disconnect, end of flow).
 */

/** Reports a missing StartAction, or else every transition to an action that does not exist. */
export function checkTargets(
  document: FlowDocument,
  byId: ReadonlyMap<string, FlowAction>,
  report: ReportIssue,
): void {
  if (!byId.has(document.StartAction)) {
    report('transition-target', `StartAction ${document.StartAction} does not exist`);
    return;
  }
  for (const action of document.Actions) {
    for (const target of targets(action)) {
      if (!byId.has(target.next)) {
        report(
          'transition-target',
          `${target.via} goes to ${target.next}, which does not exist`,
          action.Identifier,
        );
      }
    }
  }
}

/** Identifiers reachable from the start, breadth first. */
function reachableFromStart(document: FlowDocument, byId: ReadonlyMap<string, FlowAction>): Set<string> {
  const reachable = new Set<string>([document.StartAction]);
  const queue = [document.StartAction];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of targets(byId.get(id) as FlowAction)) {
      if (!reachable.has(target.next)) {
        reachable.add(target.next);
        queue.push(target.next);
      }
    }
  }
  return reachable;
}

/** Identifiers from which some path ends the journey: the ends, then whatever leads to them. */
function canReachEnd(actions: readonly FlowAction[]): Set<string> {
  const canEnd = new Set(actions.filter((action) => journeyEnds(action)).map((a) => a.Identifier));
  for (let changed = true; changed; ) {
    changed = false;
    for (const action of actions) {
      if (!canEnd.has(action.Identifier) && targets(action).some((target) => canEnd.has(target.next))) {
        canEnd.add(action.Identifier);
        changed = true;
      }
    }
  }
  return canEnd;
}

/**
 * Reports unreachable actions and reachable ones trapped in a loop with no end.
 * Expects every target to exist (`checkTargets` found nothing).
 */
export function checkPaths(
  document: FlowDocument,
  byId: ReadonlyMap<string, FlowAction>,
  report: ReportIssue,
): void {
  const actions = document.Actions;
  const reachable = reachableFromStart(document, byId);
  for (const action of actions) {
    if (!reachable.has(action.Identifier))
      report('unreachable', 'no path leads to this action', action.Identifier);
  }
  const canEnd = canReachEnd(actions);
  for (const action of actions) {
    if (reachable.has(action.Identifier) && !canEnd.has(action.Identifier)) {
      report(
        'path-end',
        'no path from here ends in a transfer, a disconnect or an end of flow',
        action.Identifier,
      );
    }
  }
}
