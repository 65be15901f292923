import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  type CallbackPolicy,
  type CallbackRecord,
  OUTCOMES,
  partnerStatusKey,
  summarize,
} from '#domain/callbacks/record';
import { RequestIdSchema } from '#domain/callbacks/request';
import { isWithinSafeWindows, SAFE_WINDOW_HOURS } from '#domain/callbacks/safe-windows';
import { findPartner } from '#domain/partners';
import { PARTNER_WARNINGS } from '#domain/texts/partner-messages';
import type { ContactCipher } from '../shared/callbacks/encryption';
import { applyOutcome } from '../shared/callbacks/lifecycle';
import {
  CallbackConflictError,
  type CallbackStore,
  getCallback,
  listOpenCallbacks,
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
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const OutcomeBodySchema = z.object({ outcome: z.enum(OUTCOMES) });

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

async function openCallback(deps: PartnerApiDeps, principal: PartnerPrincipal, requestId: string, now: Date) {
  return withRecord(deps, principal, requestId, async (record) => {
    if (record.status === 'closed' || record.encryptedContact === undefined) {
      throw new HttpError(409, 'This request is closed; its number has been deleted');
    }
    const withinSafeWindow = isWithinSafeWindows(record.safeWindows, now);
    // The audit entry is written before the number leaves the function: no access goes unrecorded.
    await updateCallback(deps.store, record.requestId, record.version, {
      history: [
        {
          at: now.toISOString(),
          action: 'opened',
          by: byOf(principal),
          outsideSafeWindows: !withinSafeWindow,
        },
      ],
    });
    const contact = await deps.cipher.decrypt(record.encryptedContact, {
      requestId: record.requestId,
      partnerId: record.partnerId,
    });
    deps.metrics.emit('callbacksOpened', 1, { partnerId: record.partnerId });
    deps.logger.info('Callback number opened', { requestId: record.requestId, by: byOf(principal) });
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
      warnings,
    };
  });
}

async function claimCallback(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  now: Date,
) {
  return withRecord(deps, principal, requestId, async (record) => {
    const by = byOf(principal);
    if (record.status === 'claimed' && record.claimedBy === by) return summarize(record, now);
    if (record.status !== 'pending' && record.status !== 'retry') {
      throw new HttpError(
        409,
        `This request is ${record.status}${record.claimedBy ? ` by ${record.claimedBy}` : ''}`,
      );
    }
    await updateCallback(deps.store, record.requestId, record.version, {
      set: { status: 'claimed', partnerStatus: partnerStatusKey(record.partnerId, 'claimed'), claimedBy: by },
      history: [{ at: now.toISOString(), action: 'claimed', by }],
    });
    return summarize({ ...record, status: 'claimed', claimedBy: by }, now);
  });
}

async function recordOutcome(
  deps: PartnerApiDeps,
  principal: PartnerPrincipal,
  requestId: string,
  body: unknown,
  now: Date,
) {
  const parsed = z.safeParse(OutcomeBodySchema, body);
  if (!parsed.success) throw new HttpError(400, `outcome must be one of ${OUTCOMES.join(', ')}`);
  return withRecord(deps, principal, requestId, async (record) => {
    if (record.status === 'closed') throw new HttpError(409, 'This request is already closed');
    const updated = await applyOutcome(deps, record, parsed.data.outcome, byOf(principal), now);
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

const ROUTE = /^\/callbacks(?:\/([^/]+)\/(open|claim|outcome))?\/?$/;

/** The partner API: routes an HTTP API (v2) request, authorizing it in the function first. */
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
      const records = await listOpenCallbacks(deps.store, principal.partnerId);
      return json(200, {
        partnerId: principal.partnerId,
        callbacks: records.map((record) => summarize(record, now)),
      });
    }
    if (method !== 'POST') throw new HttpError(405, `Use POST /callbacks/{id}/${action}`);
    const requestId = decodePathSegment(rawId);
    // Not an id we could have issued: the same answer as an unknown one, and no table read.
    if (requestId === undefined || !RequestIdSchema.safeParse(requestId).success) {
      throw new HttpError(404, 'No such callback request');
    }
    if (action === 'open') return json(200, await openCallback(deps, principal, requestId, now));
    if (action === 'claim') return json(200, await claimCallback(deps, principal, requestId, now));
    return json(200, await recordOutcome(deps, principal, requestId, readBody(event), now));
  } catch (caught) {
    if (caught instanceof UnauthorizedError) {
      deps.logger.warn('Partner request refused', { reason: caught.message });
      return { ...json(401, { message: 'Unauthorized' }), headers: { 'www-authenticate': 'Bearer' } };
    }
    if (caught instanceof HttpError) return json(caught.statusCode, { message: caught.message });
    if (caught instanceof CallbackConflictError)
      return json(409, { message: 'Changed meanwhile, try again' });
    const error = asError(caught);
    deps.logger.error('Partner request failed', { errorName: error.name, path: event.rawPath });
    return json(500, { message: 'Internal error' });
  }
}
