import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { CALL_ITEM_DAYS } from '#domain/call-record';
import { optionLabel, type QualificationFieldId } from '#domain/qualification/schema';
import {
  CallQualificationSchema,
  formatFieldErrors,
  type PartnerCallbackDetails,
  validateQualification,
} from '#domain/qualification/validate';
// The guide's answers are worded with the other listener texts, in domain/texts.
import { QUALIFICATION_RESULTS as MESSAGES } from '#domain/texts/listener-messages';
import { EventParseError } from '../../events/schemas/errors';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';
import { moveStatistics } from '../shared/move-statistics';
import { storeQualification } from './store';
import { parseQualificationSubmission } from './submission';

/** What the guide flow branches on. `callback_failed`: stored, but the callback must be retried. */
export type QualifyCallStatus = 'stored' | 'invalid' | 'callback_failed' | 'failed';

/** A flat map of strings, as Connect requires of a Lambda's answer. */
export interface QualifyCallResult {
  readonly status: QualifyCallStatus;
  /** French text shown to the listener by the guide. */
  readonly message: string;
  [attribute: string]: string;
}

/** Hands a partner callback to the callbacks path; resolves once the request is queued. */
export type PartnerCallbackPort = (
  contactId: string,
  details: PartnerCallbackDetails,
  abortSignal: AbortSignal,
) => Promise<{ requestId: string }>;

/** Withdraws the call's callback requests ("plus sans danger"); resolves once the withdrawal is queued. */
export type WithdrawCallbacksPort = (contactId: string, abortSignal: AbortSignal) => Promise<void>;

export interface QualifyCallDeps {
  readonly dynamo: DynamoDBDocumentClient;
  readonly callsTable: string;
  /** Where the call's statistics move once it has ended and is qualified. */
  readonly statisticsTable: string;
  readonly requestPartnerCallback: PartnerCallbackPort;
  readonly withdrawPartnerCallbacks: WithdrawCallbacksPort;
  readonly logger: Logger;
  readonly metrics: MetricSink;
  /** The stage's calls retention: how long the moved statistics are kept. */
  readonly callsRetentionDays: number;
  readonly now?: () => Date;
  /** @default ANSWER_BUDGET_MS */
  readonly budgetMs?: number;
}

/** The guide waits for this function: answer well within Connect's limit, whatever DynamoDB or SQS do. */
export const ANSWER_BUDGET_MS = 900;

class AnswerBudgetExceededError extends Error {
  override readonly name = 'AnswerBudgetExceededError';
}

/** Runs `work` with an abort signal, failing once the answer budget is spent. */
async function withinBudget<T>(budgetMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new AnswerBudgetExceededError(`no answer within ${budgetMs} ms`));
    }, budgetMs);
  });
  try {
    return await Promise.race([work(abort.signal), budget]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Validates the listener's qualification, stores it on the call record (one per call, whatever the
 * number of submissions), moves the call's statistics when it has ended (the move counts the
 * qualification, see functions/shared/move-statistics.ts), and hands a partner
 * callback to the callbacks path. Never throws: every outcome is a status and a French message, so the
 * guide always has something to show. Never logs submitted values.
 */
export async function qualifyCall(event: unknown, deps: QualifyCallDeps): Promise<QualifyCallResult> {
  const { logger, metrics } = deps;
  const fallback = (
    status: 'failed' | 'callback_failed',
    reason: string,
    error?: Error,
  ): QualifyCallResult => {
    logger.error('Qualification not completed; the guide asks the listener to retry', {
      reason,
      errorName: error?.name,
    });
    metrics.emit('flowLambdaFallbacks', 1, { function: 'qualify-call' });
    return { status, message: status === 'failed' ? MESSAGES.failed : MESSAGES.callbackFailed };
  };

  let submission: ReturnType<typeof parseQualificationSubmission>;
  try {
    submission = parseQualificationSubmission(event);
  } catch (caught) {
    const error = asError(caught);
    return fallback('failed', error instanceof EventParseError ? error.message : 'unreadable event', error);
  }
  const { contactId } = submission;
  logger.appendKeys({ contactId });

  const validation = validateQualification(submission.fields);
  if (!validation.ok) {
    const fields = Object.keys(validation.errors) as QualificationFieldId[];
    logger.info('Qualification refused', { fields });
    return {
      status: 'invalid',
      message: [MESSAGES.invalid(fields.length), ...Object.values(validation.errors)].join(' '),
      errors: formatFieldErrors(validation.errors),
      errorFields: fields.join(','),
    };
  }
  // Defence in depth: nothing reaches the table that the stored-record schema would refuse.
  const record = z.safeParse(CallQualificationSchema, validation.qualification);
  if (!record.success) return fallback('failed', 'validated qualification does not match the record schema');

  const now = (deps.now ?? (() => new Date()))();
  const budgetMs = deps.budgetMs ?? ANSWER_BUDGET_MS;
  const started = Date.now();
  let first: boolean;
  let alreadyMoved: boolean;
  try {
    ({ first, alreadyMoved } = await withinBudget(budgetMs, (signal) =>
      storeQualification(
        deps.dynamo,
        {
          callsTable: deps.callsTable,
          contactId,
          qualification: validation.qualification,
          qualifiedAt: now.toISOString(),
          // A qualification that arrives before any contact event: the call item's own short life.
          expiresAt: Math.floor(now.getTime() / 1000) + CALL_ITEM_DAYS * 86_400,
        },
        signal,
      ),
    ));
  } catch (caught) {
    return fallback('failed', 'storing the qualification failed', asError(caught));
  }
  if (alreadyMoved) {
    // The first qualification went with the statistics; nothing links them to this call any more.
    logger.info('Qualification after the move not applied', { reason: 'statistics already moved' });
  } else {
    // The call may have ended already: this qualification completes it and its statistics move, and the
    // move counts it. A move that fails is not the listener's problem: the call's next event or the
    // daily sweep moves it. The move is raced against the budget, not aborted: a transaction cut off
    // after it committed would leave the qualification moved but never counted.
    const move = moveStatistics(
      {
        dynamo: deps.dynamo,
        callsTable: deps.callsTable,
        statisticsTable: deps.statisticsTable,
        retentionDays: deps.callsRetentionDays,
        metrics,
        now: () => now,
      },
      contactId,
    );
    try {
      await withinBudget(Math.max(1, budgetMs - (Date.now() - started)), () => move);
    } catch (caught) {
      logger.info('Statistics not moved yet; the next event or the sweep moves them', {
        errorName: asError(caught).name,
      });
    }
  }
  logger.info('Qualification stored', { callType: validation.qualification.callType, first });

  if (validation.withdrawCallback === true) {
    try {
      await withinBudget(budgetMs, (signal) => deps.withdrawPartnerCallbacks(contactId, signal));
      logger.info('Partner callbacks withdrawn');
    } catch (caught) {
      return fallback('callback_failed', 'withdrawing the partner callbacks failed', asError(caught));
    }
    return { status: 'stored', message: `${MESSAGES.stored} ${MESSAGES.callbackWithdrawn}` };
  }
  const { callback } = validation;
  if (callback === undefined) return { status: 'stored', message: MESSAGES.stored };
  // Re-sent on a duplicate submission too: the request id is derived from the call and the partner,
  // so the callbacks path keeps one request, and a send that failed the first time gets its retry.
  try {
    const { requestId } = await withinBudget(budgetMs, (signal) =>
      deps.requestPartnerCallback(contactId, callback, signal),
    );
    logger.info('Partner callback requested', { requestId, partnerId: callback.partnerId });
  } catch (caught) {
    return fallback('callback_failed', 'handing the partner callback over failed', asError(caught));
  }
  const partner = optionLabel('partnerCallback', callback.partnerId);
  return { status: 'stored', message: `${MESSAGES.stored} ${MESSAGES.callbackSent(partner)}` };
}
