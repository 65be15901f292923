import type { ViewContent } from './view-template';

/** The console server's API, as the page uses it (same origin: the CSP allows nothing else). */

/** One line of a call's transcript, as the interpreter writes it. */
export interface TranscriptEntry {
  readonly atSeconds: number;
  readonly flow: string;
  readonly actionId?: string;
  readonly kind: string;
  readonly text: string;
}

/** A transcript line with its rank in the call, which keys it on screen. */
export interface NumberedEntry extends TranscriptEntry {
  readonly seq: number;
}

export type CallPhase = 'ivr' | 'queued' | 'connected' | 'ended';

/** One event of a call's stream. */
export type CallEvent =
  | { readonly type: 'entry'; readonly entry: TranscriptEntry; readonly speechLanguage: string }
  | { readonly type: 'phase'; readonly phase: CallPhase }
  | { readonly type: 'ended'; readonly outcome: string }
  | { readonly type: 'failed'; readonly message: string };

export interface GuideViews {
  readonly callType: ViewContent;
  readonly form: ViewContent;
  readonly result: ViewContent;
}

export interface QualifyAnswer {
  readonly status: string;
  readonly message: string;
  readonly fieldErrors: Readonly<Record<string, string>>;
}

export interface OpsSnapshot {
  readonly calls: readonly {
    readonly contactId: string;
    readonly initiatedAt?: string;
    readonly outcome?: string;
    readonly waitSeconds?: number;
    readonly talkSeconds?: number;
    readonly qualified: boolean;
  }[];
  readonly metrics: readonly { readonly name: string; readonly unit: string; readonly sum: number }[];
  readonly callbacks: {
    readonly open: number;
    readonly overdue: number;
    readonly byPartner: Readonly<Record<string, number>>;
  };
  readonly deadLetterQueues: readonly { readonly name: string; readonly depth: number }[];
  readonly tasks: readonly {
    readonly at: string;
    readonly requestId: string;
    readonly subject: string;
    readonly message: string;
  }[];
  readonly latestReport?: string;
}

export interface DialRequest {
  readonly at?: string;
  readonly staffed: number;
  readonly fault?: 'error' | 'timeout' | 'invalid';
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

export const api = {
  views: () => send<GuideViews>('GET', '/api/views'),
  ops: () => send<OpsSnapshot>('GET', '/api/ops'),
  dial: (request: DialRequest) => send<{ contactId: string }>('POST', '/api/calls', request),
  press: (contactId: string, key: string) => send('POST', `/api/calls/${contactId}/keys`, { key }),
  hangUp: (contactId: string, by: 'caller' | 'listener') =>
    send('POST', `/api/calls/${contactId}/hangup`, { by }),
  accept: (contactId: string) => send('POST', `/api/calls/${contactId}/accept`, {}),
  qualify: (contactId: string, fields: Record<string, unknown>) =>
    send<QualifyAnswer>('POST', `/api/calls/${contactId}/qualification`, { fields }),
  events: (contactId: string) => new EventSource(`/api/calls/${contactId}/events`),
};
