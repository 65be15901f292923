import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CallOutcome, type CallRecord, parseCallRecord } from '#domain/call-record';
import { type ContactObservation, parseContactEvent } from '../../events/schemas/contact-event';
import { EventParseError } from '../../events/schemas/errors';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';
import { isReadyToMove, type MoveOutcome, moveStatistics } from '../shared/move-statistics';
import {
  changedFields,
  emitCallMetrics,
  type FoldContext,
  type FoldedCall,
  foldObservation,
} from './fold-call';

/**
 * contact-events: applies one EventBridge contact event to the calls table. Read, fold (pure), then
 * write only the changed fields under an optimistic-concurrency condition on `revision`; a lost race
 * is read again and refolded. The write that first derives the outcome also sets `metricsEmitted`,
 * so the call's metrics go out once however often its events are delivered. When the call has ended
 * and is qualified, its statistics then move out (functions/shared/move-statistics.ts); a call already
 * moved ignores later events, so a late duplicate never brings its item back.
 */

export type ContactEventResult =
  | {
      readonly status: 'ignored';
      readonly contactId: string;
      readonly eventType: string;
      readonly reason: string;
    }
  | { readonly status: 'unchanged'; readonly contactId: string; readonly eventType: string }
  | {
      readonly status: 'updated';
      readonly contactId: string;
      readonly eventType: string;
      readonly outcome?: CallOutcome;
      readonly metricsEmitted: boolean;
      /** The call's statistics moved out after this write. */
      readonly statisticsMoved: boolean;
    }
  /** The call's statistics had already moved: the event changes nothing (a late or duplicate one). */
  | { readonly status: 'moved'; readonly contactId: string; readonly eventType: string };

/** Raised when the record kept changing under every attempt; EventBridge retries the event. */
export class ContactEventConflictError extends Error {
  constructor(
    readonly contactId: string,
    readonly attempts: number,
  ) {
    super(`call ${contactId} changed concurrently on each of ${attempts} attempts`);
    this.name = 'ContactEventConflictError';
  }
}

export interface ContactEventsLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface ContactEventsDeps extends FoldContext {
  readonly dynamo: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
  /** Where a qualified, ended call's statistics move. */
  readonly statisticsTable: string;
  /** The stage's calls retention: how long the statistics are kept. */
  readonly retentionDays: number;
  readonly metrics: MetricSink;
  readonly logger: ContactEventsLogger;
  /** @default 10 */
  readonly maxAttempts?: number;
  /** Pause before attempt `attempt` (2, 3…) after a lost race. @default random up to 25 ms × attempt */
  readonly backoffMs?: (attempt: number) => number;
}

// Jitter spreads writers that collided on the same call, so the next round has a winner.
const jitteredBackoff = (attempt: number): number => Math.random() * 25 * attempt;

const isConditionalCheckFailure = (error: unknown): boolean =>
  asError(error).name === 'ConditionalCheckFailedException';

async function readCall(deps: ContactEventsDeps, contactId: string): Promise<CallRecord | undefined> {
  const { Item } = await deps.dynamo.send(
    new GetCommand({ TableName: deps.tableName, Key: { contactId }, ConsistentRead: true }),
  );
  return Item === undefined ? undefined : parseCallRecord(Item);
}

async function writeFold(
  deps: ContactEventsDeps,
  current: CallRecord | undefined,
  next: FoldedCall,
  fields: readonly (keyof FoldedCall)[],
): Promise<boolean> {
  const names: Record<string, string> = { '#revision': 'revision' };
  const values: Record<string, unknown> = { ':nextRevision': (current?.revision ?? 0) + 1 };
  const sets = fields.map((field, index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = next[field];
    return `#f${index} = :v${index}`;
  });
  let condition: string;
  if (current === undefined) {
    condition = 'attribute_not_exists(contactId)';
  } else if (current.revision === undefined) {
    condition = 'attribute_exists(contactId) AND attribute_not_exists(#revision)';
  } else {
    condition = '#revision = :revision';
    values[':revision'] = current.revision;
  }
  try {
    await deps.dynamo.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { contactId: next.contactId },
        UpdateExpression: `SET ${[...sets, '#revision = :nextRevision'].join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) {
      return false;
    }
    throw error;
  }
}

async function applyObservation(
  observation: ContactObservation,
  deps: ContactEventsDeps,
): Promise<ContactEventResult> {
  const { contactId, eventType } = observation;
  const maxAttempts = deps.maxAttempts ?? 10;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    if (attempt > 1) {
      await new Promise((resolve) => setTimeout(resolve, (deps.backoffMs ?? jitteredBackoff)(attempt)));
    }
    const current = await readCall(deps, contactId);
    if (current?.statisticsMovedAt !== undefined) {
      return { status: 'moved', contactId, eventType };
    }
    const next = foldObservation(current, observation, deps);
    const fields = changedFields(current, next);
    if (fields.length === 0) {
      // A retried event still completes a move that failed after its fold was written.
      await moveWhenReady(deps, current);
      return { status: 'unchanged', contactId, eventType };
    }
    if (await writeFold(deps, current, next, fields)) {
      const firstOutcome = next.metricsEmitted === true && current?.metricsEmitted !== true;
      if (firstOutcome) {
        emitCallMetrics(next, deps.metrics);
      }
      const moved = await moveWhenReady(deps, { ...current, ...next } as CallRecord);
      return {
        status: 'updated',
        contactId,
        eventType,
        outcome: next.outcome,
        metricsEmitted: firstOutcome,
        statisticsMoved: moved === 'moved',
      };
    }
  }
  throw new ContactEventConflictError(contactId, maxAttempts);
}

/** Moves the call's statistics out once it has ended and is qualified; the move re-reads and re-checks. */
async function moveWhenReady(deps: ContactEventsDeps, call: CallRecord | undefined): Promise<MoveOutcome> {
  if (call === undefined || !isReadyToMove(call)) return 'not_ready';
  return moveStatistics(
    {
      dynamo: deps.dynamo,
      callsTable: deps.tableName,
      statisticsTable: deps.statisticsTable,
      retentionDays: deps.retentionDays,
      metrics: deps.metrics,
    },
    call.contactId,
  );
}

/**
 * Applies an EventBridge event to the calls table.
 * @throws NotAContactEventError when it is not a contact event (nothing is written).
 */
export async function handleContactEvent(
  event: unknown,
  deps: ContactEventsDeps,
): Promise<ContactEventResult> {
  let parsed: ReturnType<typeof parseContactEvent>;
  try {
    parsed = parseContactEvent(event);
  } catch (error) {
    if (error instanceof EventParseError) {
      deps.logger.error('event rejected', { errorName: error.name, errorMessage: error.message });
    }
    throw error;
  }
  if (parsed.kind === 'ignored') {
    const { contactId, eventType, reason } = parsed;
    deps.logger.info('contact event ignored', { contactId, eventType, reason });
    return { status: 'ignored', contactId, eventType, reason };
  }
  const result = await applyObservation(parsed.observation, deps);
  deps.logger.info('contact event applied', { ...result, eventId: parsed.observation.eventId });
  return result;
}
