import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { OVERRIDE_REASON_MAX_LENGTH } from '#domain/callbacks/audit';
import {
  type CallbackPolicy,
  type CallbackRecord,
  PARTNER_OUTCOMES,
  partnerStatusKey,
  summarize,
} from '#domain/callbacks/record';
import { RequestIdSchema } from '#domain/callbacks/request';
import { openRefusals } from '#domain/callbacks/safe-contact';
import { isWithinSafeWindows, SAFE_WINDOW_HOURS } from '#domain/callbacks/safe-windows';
import { findPartner } from '#domain/partners';
import { PARTNER_REFUSALS, PARTNER_WARNINGS } from '#domain/texts/partner-messages';
import { type AuditLog, auditEntry } from '../shared/callbacks/audit-log';
import type { ContactCipher } from '../shared/callbacks/encryption';
import { type Actor, applyOutcome } from '../shared/callbacks/lifecycle';
import {
  CallbackConflictError,
  type CallbackStore,
  getCallback,
  listOpenCallbacks,
  listRecentlyWithdrawn,
  updateCallback,
} from '../shared/callbacks/store';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';
import {
  type PartnerPrincipal,
  type PartnerTokenSettings,
  UnauthorizedError,
  verifyPartnerToken,
} from './auth';
import { decodePathSegment } from './path-segment';

export interface PartnerApiDeps {
  readonly store: CallbackStore;
  readonly cipher: ContactCipher;
  readonly tokens: PartnerTokenSettings;
  readonly logger: Logger;
  readonly metrics: MetricSink;
  readonly now?: () => Date;
  readonly policy: CallbackPolicy;
  /** Every opening, claim and outcome is written there, append-only. */
  readonly audit: AuditLog;
}

type Response = APIGatewayProxyStructuredResultV2;

const json = (statusCode: number, body: unknown): Response => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Machine-readable reasons, beside the French message. */
    readonly reasons?: readonly string[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const OutcomeBodySchema = z.object({ outcome: z.enum(PARTNER_OUTCOMES) });

/** `{ "override": { "reason": "…" } }`: opening a number against its safe-contact rules, audited. */
const OpenBodySchema = z.object({
  override: z.optional(
    z.object({
      reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(OVERRIDE_REASON_MAX_LENGTH)),
    }),
  ),
});

/** A closed request answers why: withdrawn by the line, or closed with an outcome. */
function closedError(record: CallbackRecord): HttpError {
  return record.outcome === 'withdrawn'
    ? new HttpError(409, PARTNER_REFUSALS.withdrawn, ['withdrawn'])
    : new HttpError(409, PARTNER_REFUSALS.closed, ['closed']);
}

/** The record if it belongs to the caller's association; anything else is indistinguishable from absent. */
async function ownRecord(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
): Promise<CallbackRecord> {
  const record = await getCallback(deps.store, requestId);
  if (record === undefined || record.partnerId !== principal.partnerId) {
    throw new HttpError(404, 'No such callback request');
  }
  return record;
}

const byOf = (principal: PartnerPrincipal) => `${principal.partnerId}/${principal.username}`;

const actorOf = (principal: PartnerPrincipal, sourceIp: string | undefined): Actor =>
  sourceIp === undefined ? { by: byOf(principal) } : { by: byOf(principal), sourceIp };

/** Runs a read-modify-write under the record's optimistic lock, retrying a lost race a few times. */
async function withRecord<T>(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  work: (record: CallbackRecord) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const record = await ownRecord(deps, principal, requestId);
    try {
      return await work(record);
    } catch (caught) {
      if (!(caught instanceof CallbackConflictError) || attempt >= 3) throw caught;
    }
  }
}

/**
 * Opens a number, refusing with 409 when the request is not safe to call or it is outside its safe
 * windows, unless the body carries an override with a reason. The audit entry (and the reason, in the
 * audit only) is written before the number leaves the function: no access goes unrecorded.
 */
async function openCallback(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  body: unknown,
  actor: Actor,
  now: Date,
) {
  const parsed = z.safeParse(OpenBodySchema, body);
  if (!parsed.success) {
    throw new HttpError(400, PARTNER_REFUSALS.overrideReason(OVERRIDE_REASON_MAX_LENGTH), ['override']);
  }
  const override = parsed.data.override;
  return withRecord(deps, principal, requestId, async (record) => {
    if (record.status === 'closed' || record.encryptedContact === undefined) throw closedError(record);
    const withinSafeWindow = isWithinSafeWindows(record.safeWindows, now);
    const refusedBecause = openRefusals(record, now);
    if (refusedBecause.length > 0 && override === undefined) {
      throw new HttpError(
        409,
        refusedBecause.map((reason) => PARTNER_REFUSALS[reason]).join(' '),
        refusedBecause,
      );
    }
    const overridden = refusedBecause.length > 0;
    await updateCallback(deps.store, record, {
      history: [
        {
          at: now.toISOString(),
          action: 'opened',
          by: actor.by,
          outsideSafeWindows: !withinSafeWindow,
          ...(overridden ? { override: true } : {}),
        },
      ],
    });
    await deps.audit.record(
      auditEntry(
        record,
        'opened',
        actor,
        now.toISOString(),
        overridden && override !== undefined ? { override: { reason: override.reason, refusedBecause } } : {},
      ),
    );
    const contact = await deps.cipher.decrypt(record.encryptedContact, {
      requestId: record.requestId,
      partnerId: record.partnerId,
    });
    deps.metrics.emit('callbacksOpened', 1, { partnerId: record.partnerId });
    // The override reason is free text: it stays in the audit table, never in a log line.
    deps.logger.info('Callback number opened', { requestId: record.requestId, by: actor.by, overridden });
    const warnings: string[] = [];
    if (!record.safeToCall) warnings.push(PARTNER_WARNINGS.unsafeNumber);
    if (!withinSafeWindow) warnings.push(PARTNER_WARNINGS.outsideSafeWindows);
    return {
      ...summarize(record, now),
      phoneNumber: contact.phoneNumber,
      ...(contact.codeWord === undefined ? {} : { codeWord: contact.codeWord }),
      rules: {
        safeToCall: record.safeToCall,
        mayLeaveMessage: record.mayLeaveMessage,
        safeWindows: record.safeWindows.map((window) => ({ window, ...SAFE_WINDOW_HOURS[window] })),
        withinSafeWindow,
      },
      maxAttempts: findPartner(deps.policy.partners, record.partnerId).maxAttempts,
      overridden,
      warnings,
    };
  });
}

async function claimCallback(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  actor: Actor,
  now: Date,
) {
  return withRecord(deps, principal, requestId, async (record) => {
    const { by } = actor;
    if (record.status === 'claimed' && record.claimedBy === by) return summarize(record, now);
    if (record.status === 'closed') throw closedError(record);
    if (record.status !== 'pending' && record.status !== 'retry') {
      throw new HttpError(
        409,
        `This request is ${record.status}${record.claimedBy ? ` by ${record.claimedBy}` : ''}`,
      );
    }
    await updateCallback(deps.store, record, {
      set: { status: 'claimed', partnerStatus: partnerStatusKey(record.partnerId, 'claimed'), claimedBy: by },
      history: [{ at: now.toISOString(), action: 'claimed', by }],
    });
    await deps.audit.record(auditEntry(record, 'claimed', actor, now.toISOString()));
    return summarize({ ...record, status: 'claimed', claimedBy: by }, now);
  });
}

async function recordOutcome(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  body: unknown,
  actor: Actor,
  now: Date,
) {
  const parsed = z.safeParse(OutcomeBodySchema, body);
  if (!parsed.success) throw new HttpError(400, `outcome must be one of ${PARTNER_OUTCOMES.join(', ')}`);
  return withRecord(deps, principal, requestId, async (record) => {
    if (record.status === 'closed') throw closedError(record);
    if (parsed.data.outcome === 'messageLeft' && !record.mayLeaveMessage) {
      throw new HttpError(409, PARTNER_REFUSALS.messageNotAllowed, ['messageNotAllowed']);
    }
    const updated = await applyOutcome(deps, record, parsed.data.outcome, actor, now);
    return summarize(updated, now);
  });
}

function readBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === '') return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body must be JSON');
  }
}

const ROUTE = /^\/callbacks(?:\/([^/]+)(?:\/(open|claim|outcome))?)?\/?$/;

/**
 * One request as its page shows it: the summary, whether a code word was agreed, the attempt limit,
 * and the record's history (who opened, claimed or closed it, and when). Never the number.
 */
async function describeCallback(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  now: Date,
) {
  const record = await ownRecord(deps, principal, requestId);
  return {
    ...summarize(record, now),
    hasCodeWord: record.hasCodeWord,
    maxAttempts: findPartner(deps.policy.partners, record.partnerId).maxAttempts,
    ...(record.outcome === undefined ? {} : { outcome: record.outcome }),
    ...(record.closedAt === undefined ? {} : { closedAt: record.closedAt }),
    history: record.history.map((entry) => ({
      at: entry.at,
      action: entry.action,
      ...(entry.by === undefined ? {} : { by: entry.by }),
      ...(entry.outcome === undefined ? {} : { outcome: entry.outcome }),
      ...(entry.attempt === undefined ? {} : { attempt: entry.attempt }),
      ...(entry.override === undefined ? {} : { override: entry.override }),
      ...(entry.outsideSafeWindows === undefined ? {} : { outsideSafeWindows: entry.outsideSafeWindows }),
    })),
  };
}

/**
 * The partner API: routes an HTTP API (v2) request, authorizing it in the function first.
 * GET /callbacks, GET /callbacks/{id}, POST /callbacks/{id}/open|claim|outcome.
 */
export async function handlePartnerRequest(
  event: APIGatewayProxyEventV2,
  deps: PartnerApiDeps,
): Promise<Response> {
  const now = (deps.now ?? (() => new Date()))();
  try {
    const headers = Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const principal = await verifyPartnerToken(headers.authorization, deps.tokens);
    deps.logger.appendKeys({ partnerId: principal.partnerId });
    const method = event.requestContext?.http?.method?.toUpperCase() ?? '';
    const match = ROUTE.exec(event.rawPath ?? '');
    if (match === null) throw new HttpError(404, 'No such route');
    const [, rawId, action] = match;
    if (rawId === undefined) {
      if (method !== 'GET') throw new HttpError(405, 'Use GET /callbacks');
      const [records, withdrawn] = await Promise.all([
        listOpenCallbacks(deps.store, principal.partnerId),
        listRecentlyWithdrawn(deps.store, principal.partnerId, now),
      ]);
      return json(200, {
        partnerId: principal.partnerId,
        callbacks: records.map((record) => summarize(record, now)),
        // Shown, without number, so an association that was about to call learns the line withdrew it.
        withdrawn: withdrawn.map((record) => ({
          ...summarize(record, now),
          closedAt: record.closedAt,
          message: PARTNER_REFUSALS.withdrawn,
        })),
      });
    }
    const expected = action === undefined ? 'GET' : 'POST';
    if (method !== expected)
      throw new HttpError(405, `Use ${expected} /callbacks/{id}${action ? `/${action}` : ''}`);
    const requestId = decodePathSegment(rawId);
    // Not an id we could have issued: the same answer as an unknown one, and no table read.
    if (requestId === undefined || !RequestIdSchema.safeParse(requestId).success) {
      throw new HttpError(404, 'No such callback request');
    }
    if (action === undefined) return json(200, await describeCallback(deps, principal, requestId, now));
    const actor = actorOf(principal, event.requestContext?.http?.sourceIp);
    if (action === 'open') {
      return json(200, await openCallback(deps, principal, requestId, readBody(event), actor, now));
    }
    if (action === 'claim') return json(200, await claimCallback(deps, principal, requestId, actor, now));
    return json(200, await recordOutcome(deps, principal, requestId, readBody(event), actor, now));
  } catch (caught) {
    if (caught instanceof UnauthorizedError) {
      deps.logger.warn('Partner request refused', { reason: caught.message });
      return { ...json(401, { message: 'Unauthorized' }), headers: { 'www-authenticate': 'Bearer' } };
    }
    if (caught instanceof HttpError) {
      return json(caught.statusCode, {
        message: caught.message,
        ...(caught.reasons === undefined ? {} : { reasons: caught.reasons }),
      });
    }
    if (caught instanceof CallbackConflictError)
      return json(409, { message: 'Changed meanwhile, try again' });
    const error = asError(caught);
    deps.logger.error('Partner request failed', { errorName: error.name, path: event.rawPath });
    return json(500, { message: 'Internal error' });
  }
}
