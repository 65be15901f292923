import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STAGE_VARIABLE_SCHEMAS } from '#domain/stage-environment';
import { readOutbox } from '../../functions/shared/callbacks/notifier';
import { contactSealer } from '../../functions/shared/callbacks/queue-envelope';
import { callbackRequestId } from '../../functions/shared/callbacks/request-id';
import { requestPartnerCallback } from '../../functions/shared/callbacks/request-partner-callback';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { invokeFunction } from '../runtime/lambda-runtime';
import { type PartnerApiServer, startPartnerApiServer } from '../runtime/partner-api-server';
import { signPartnerToken } from '../runtime/partner-issuer';
import { startLocalPartnerPortal } from '../runtime/partner-portal-line';
import type { DemoAct, DemoContext, DemoService } from './types';

/** Where the local line records partner notifications and Connect tasks (git-ignored). */
const OUTBOX_DIR = path.join(REPO_ROOT, '.local', 'outbox');
let apiUrl: string | undefined;
let apiServer: PartnerApiServer | undefined;

/** The partner API on 127.0.0.1, with the local token issuer (`npm run token -- --partner cidff94`). */
export const partnerApiService: DemoService = {
  name: 'partner API (token: npm run --silent token -- --partner cidff94)',
  async start() {
    // Set before the first callback is dispatched, so dispatch-callback writes to the local outbox.
    process.env.LOCAL_OUTBOX_DIR ??= OUTBOX_DIR;
    const server = await startPartnerApiServer();
    apiUrl = server.url;
    apiServer = server;
    return { url: `${server.url}/callbacks`, stop: () => server.close() };
  },
};

/** The partner portal and its local sign-in, on the partner API above (README, "Partner portal"). */
export const partnerPortalService: DemoService = {
  name: 'partner portal',
  async start() {
    if (apiServer === undefined) throw new Error('The partner API service must start before the portal');
    const portal = await startLocalPartnerPortal(apiServer);
    // The partner e-mails' link: this portal, as the distribution's address is on AWS. Handlers read
    // it at their first invocation, which comes after the services have started.
    process.env.PARTNER_PORTAL_URL = portal.url;
    return { url: portal.url, announce: `partner portal: ${portal.url}`, stop: () => portal.close() };
  },
};

/** Requests left open for the portal: what a CIDFF 94 user sees after signing in (and one for APCARS 94). */
const PORTAL_REQUESTS = [
  {
    partnerId: 'cidff94',
    phoneNumber: '06 00 00 00 11',
    safeToCall: true,
    mayLeaveMessage: false,
    safeWindows: ['weekday-morning', 'saturday-morning'],
    codeWord: 'hirondelle',
  },
  {
    partnerId: 'cidff94',
    phoneNumber: '06 00 00 00 12',
    safeToCall: true,
    mayLeaveMessage: true,
    safeWindows: ['weekday-afternoon', 'weekday-evening'],
  },
  {
    partnerId: 'apcars94',
    phoneNumber: '06 00 00 00 13',
    safeToCall: true,
    mayLeaveMessage: false,
    safeWindows: ['weekday-afternoon'],
  },
] as const;

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function api(method: string, route: string, token: string, body?: unknown) {
  if (apiUrl === undefined) throw new Error('The partner API service is not running');
  const response = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Both producers, the queue, dispatch-callback, then an association working its list. */
export const callbacksAct: DemoAct = {
  title: 'Callback requests to partner associations',
  async run({ line, say }: DemoContext) {
    const outbox = process.env.LOCAL_OUTBOX_DIR ?? OUTBOX_DIR;
    const sqs = new SQSClient({});
    try {
      const { requestId } = await requestPartnerCallback(
        {
          contactId: randomUUID(),
          partnerId: 'cidff94',
          phoneNumber: '06 00 00 00 01',
          safeToCall: true,
          mayLeaveMessage: false,
          safeWindows: ['weekday-morning', 'weekday-afternoon'],
          codeWord: 'tournesol',
        },
        {
          sqs,
          queueUrl: line.env.CALLBACK_QUEUE_URL,
          seal: contactSealer(line.env.CALLBACK_ENVELOPE_PUBLIC_KEY),
          partners: STAGE_VARIABLE_SCHEMAS.PARTNERS.parse(line.env.PARTNERS),
        },
      );
      say(`listener asked CIDFF 94 to call back: request ${requestId}`);
      const notice = await waitFor('the CIDFF 94 notification', () =>
        readOutbox(outbox).find((entry) => entry.requestId === requestId),
      );
      say(`dispatch-callback notified cidff94 (${notice.channel}): ${notice.message.split('\n')[0]}`);

      const contactId = randomUUID();
      const ivr = await invokeFunction('request-callback', {
        Name: 'ContactFlowEvent',
        Details: {
          ContactData: {
            ContactId: contactId,
            CustomerEndpoint: { Address: '+33600000002', Type: 'TELEPHONE_NUMBER' },
          },
          Parameters: { numberSource: 'calling', mayLeaveMessage: 'yes', safeWindow: 'anytime' },
        },
      });
      say(
        `caller asked the line to call back from the IVR: ${JSON.stringify(ivr.ok ? ivr.result : ivr.error.name)}`,
      );
      const lineRequestId = callbackRequestId(contactId, 'line');
      const task = await waitFor('the line task', () =>
        readOutbox(outbox).find((entry) => entry.channel === 'task' && entry.requestId === lineRequestId),
      );
      say(`local Connect task for the listeners: "${task.subject}", request ${task.requestId}`);

      const token = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
      const list = await api('GET', '/callbacks', token);
      say(`CIDFF 94 lists ${(list.callbacks as unknown[]).length} open request(s), without numbers`);
      // The demo may run outside the request's safe windows: it opens with an audited override.
      const opened = await api('POST', `/callbacks/${requestId}/open`, token, {
        override: { reason: 'Démonstration locale' },
      });
      say(`alice opens ${requestId} (audited): number revealed, warnings ${JSON.stringify(opened.warnings)}`);
      const closed = await api('POST', `/callbacks/${requestId}/outcome`, token, { outcome: 'reached' });
      say(`alice records "reached": status ${String(closed.status)}; the encrypted number is deleted`);
      const other = await signPartnerToken({ groups: ['apcars94'], username: 'mallory' });
      const refused = await fetch(`${apiUrl}/callbacks/${requestId}/open`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other}` },
      });
      say(`APCARS 94 asking for that request gets ${refused.status}`);
      for (const request of PORTAL_REQUESTS) {
        const left = await requestPartnerCallback(
          { contactId: randomUUID(), ...request, safeWindows: [...request.safeWindows] },
          {
            sqs,
            queueUrl: line.env.CALLBACK_QUEUE_URL,
            seal: contactSealer(line.env.CALLBACK_ENVELOPE_PUBLIC_KEY),
            partners: STAGE_VARIABLE_SCHEMAS.PARTNERS.parse(line.env.PARTNERS),
          },
        );
        await waitFor('the notification', () =>
          readOutbox(outbox).find((entry) => entry.requestId === left.requestId),
        );
      }
      say(
        `${PORTAL_REQUESTS.length} requests left open for the partner portal (sign in as claire for CIDFF 94)`,
      );
    } finally {
      sqs.destroy();
    }
  },
};
