import type { CallbackOutcome, CallbackSummary, PartnerOutcome } from '#domain/callbacks/record';
import type { SafeWindow } from '#domain/callbacks/safe-windows';
import type { PartnerId } from '#domain/partners';

/**
 * The partner API as the portal calls it: the access token as a bearer, JSON both ways, and every
 * failure turned into one typed ApiFailure the page can explain (messages.ts).
 */

export interface HistoryItem {
  readonly at: string;
  readonly action: string;
  readonly by?: string;
  readonly outcome?: CallbackOutcome;
  readonly attempt?: number;
  readonly override?: boolean;
  readonly outsideSafeWindows?: boolean;
}

export interface CallbackList {
  readonly partnerId: PartnerId;
  readonly callbacks: readonly CallbackSummary[];
  readonly withdrawn: readonly (CallbackSummary & { readonly message: string })[];
}

/** GET /callbacks/{id}: one request with its history, never its number. */
export interface CallbackDetail extends CallbackSummary {
  readonly hasCodeWord: boolean;
  readonly maxAttempts: number;
  readonly outcome?: CallbackOutcome;
  readonly closedAt?: string;
  readonly history: readonly HistoryItem[];
}

/** POST /callbacks/{id}/open: the number, with the rules to respect. */
export interface OpenedCallback extends CallbackSummary {
  readonly phoneNumber: string;
  readonly codeWord?: string;
  readonly rules: {
    readonly safeToCall: boolean;
    readonly mayLeaveMessage: boolean;
    readonly safeWindows: readonly { readonly window: SafeWindow }[];
    readonly withinSafeWindow: boolean;
  };
  readonly overridden: boolean;
  readonly warnings: readonly string[];
}

export type ApiFailure =
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'notFound' }
  /** 409: refused by a rule (safe contact, closed, claimed by someone else); `message` is the API's French text. */
  | { readonly kind: 'refused'; readonly message: string; readonly reasons: readonly string[] }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'network' }
  | { readonly kind: 'server'; readonly status: number };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly failure: ApiFailure) {
    super(`partner API: ${failure.kind}`);
  }
}

async function failureOf(response: Response): Promise<ApiFailure> {
  if (response.status === 401 || response.status === 403) return { kind: 'unauthorized' };
  if (response.status === 404) return { kind: 'notFound' };
  const body = (await response.json().catch(() => ({}))) as { message?: unknown; reasons?: unknown };
  const message = typeof body.message === 'string' ? body.message : '';
  if (response.status === 409) {
    const reasons = Array.isArray(body.reasons) ? body.reasons.filter((r) => typeof r === 'string') : [];
    return { kind: 'refused', message, reasons };
  }
  if (response.status === 400) return { kind: 'invalid', message };
  return { kind: 'server', status: response.status };
}

export interface PartnerApi {
  list(): Promise<CallbackList>;
  get(requestId: string): Promise<CallbackDetail>;
  open(requestId: string, overrideReason?: string): Promise<OpenedCallback>;
  claim(requestId: string): Promise<CallbackSummary>;
  recordOutcome(requestId: string, outcome: PartnerOutcome): Promise<CallbackSummary>;
}

/** The API client; `accessToken` is read at each call, so a new sign-in is picked up. */
export function createPartnerApi(
  apiUrl: string,
  accessToken: () => string | undefined,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): PartnerApi {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const token = accessToken();
    if (token === undefined) throw new ApiError({ kind: 'unauthorized' });
    let response: Response;
    try {
      response = await fetchImpl(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError({ kind: 'network' });
    }
    if (!response.ok) throw new ApiError(await failureOf(response));
    return (await response.json()) as T;
  }
  const one = (requestId: string) => `/callbacks/${encodeURIComponent(requestId)}`;
  return {
    list: () => call('GET', '/callbacks'),
    get: (requestId) => call('GET', one(requestId)),
    open: (requestId, overrideReason) =>
      call(
        'POST',
        `${one(requestId)}/open`,
        overrideReason === undefined ? {} : { override: { reason: overrideReason } },
      ),
    claim: (requestId) => call('POST', `${one(requestId)}/claim`),
    recordOutcome: (requestId, outcome) => call('POST', `${one(requestId)}/outcome`, { outcome }),
  };
}
