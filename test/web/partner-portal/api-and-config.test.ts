import { ApiError, createPartnerApi } from '../../../web/partner-portal/src/api';
import { displayNumber, safeContactRules } from '../../../web/partner-portal/src/labels';
import { failureMessage, NOT_FOUND_MESSAGE } from '../../../web/partner-portal/src/messages';
import { PortalConfigError, parsePortalConfig } from '../../../web/partner-portal/src/portal-config';

const config = {
  apiUrl: 'https://api.example.test/',
  oidc: {
    authority: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc',
    clientId: 'abc',
    scope: 'openid email',
  },
};

describe('the portal configuration (/config.json)', () => {
  it('accepts the deployed shape and trims the API URL', () => {
    expect(parsePortalConfig(config)).toEqual({ ...config, apiUrl: 'https://api.example.test' });
  });

  it('names the wrong fields of a malformed document', () => {
    expect(() => parsePortalConfig({ apiUrl: 'nope', oidc: { clientId: '' } })).toThrow(PortalConfigError);
    expect(() => parsePortalConfig({ apiUrl: 'nope', oidc: {} })).toThrow(/apiUrl.*oidc\.authority/);
  });
});

describe('the partner API client', () => {
  const respond = (status: number, body: unknown) => async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const failure = async (fetchImpl: typeof fetch) => {
    try {
      await createPartnerApi('https://api.test', () => 'token', fetchImpl).open('cb');
    } catch (caught) {
      if (caught instanceof ApiError) return caught.failure;
    }
    throw new Error('no ApiError');
  };

  it('sends the access token and maps each failure to one the page explains', async () => {
    const seen: RequestInit[] = [];
    await createPartnerApi(
      'https://api.test',
      () => 'tok',
      async (_url, init) => {
        seen.push(init ?? {});
        return new Response('{}', { status: 200 });
      },
    ).claim('cb');
    expect(((seen[0]?.headers ?? {}) as Record<string, string>).authorization).toBe('Bearer tok');
    expect(await failure(respond(401, {}))).toEqual({ kind: 'unauthorized' });
    expect(await failure(respond(404, {}))).toEqual({ kind: 'notFound' });
    expect(await failure(respond(409, { message: 'Hors créneau', reasons: ['outsideSafeWindows'] }))).toEqual(
      {
        kind: 'refused',
        message: 'Hors créneau',
        reasons: ['outsideSafeWindows'],
      },
    );
    expect(await failure(respond(500, {}))).toEqual({ kind: 'server', status: 500 });
    expect(
      await failure(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toEqual({ kind: 'network' });
  });

  it('says exactly the not-found sentence on a 404, and what to do otherwise', () => {
    expect(failureMessage({ kind: 'notFound' })).toBe(
      "Cette demande n'existe pas ou ne concerne pas votre association",
    );
    expect(NOT_FOUND_MESSAGE).toBe(failureMessage({ kind: 'notFound' }));
    expect(failureMessage({ kind: 'network' })).toMatch(/réessayez/);
    expect(failureMessage({ kind: 'server', status: 503 })).toMatch(/Réessayez/);
  });
});

describe('the safe-contact rules restated before a number', () => {
  it('says one sentence per rule', () => {
    expect(
      safeContactRules({
        safeToCall: false,
        safeWindows: ['weekday-afternoon'],
        mayLeaveMessage: true,
        hasCodeWord: false,
      }),
    ).toEqual([
      "Ne pas appeler : la personne a indiqué que ce numéro n'est pas sûr.",
      "Appeler seulement en semaine l'après-midi (12 h – 18 h).",
      'Un message neutre peut être laissé.',
    ]);
  });

  it('reads a French number in pairs', () => {
    expect(displayNumber('+33612345678')).toBe('06 12 34 56 78');
    expect(displayNumber('+442071234567')).toBe('+442071234567');
  });
});
