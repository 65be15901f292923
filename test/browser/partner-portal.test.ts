import * as fs from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { securityHeaders } from '../../infra/web/security-headers';
import { PORTAL_JS_BUDGET_GZIP_BYTES, portalAssetSizes } from '../../local/runtime/partner-portal-build';
import { portalOrigins } from '../../local/runtime/partner-portal-server';
import { LOCAL_PORTAL_PASSWORD } from '../../local/runtime/portal-users';
import { NOT_FOUND_MESSAGE } from '../../web/partner-portal/src/messages';
import { launchBrowser } from '../support/browser';
import { type PortalLine, startPortalLine } from '../support/portal-line';

/**
 * The partner portal in Chromium against the local line: sign-in through the local OpenID provider,
 * the inbox, an audited opening, outcomes, the not-found page, idle sign-out, refusal of a user
 * without association, axe on every page and state, and the headers served locally.
 */

jest.setTimeout(180_000);

const SCREENSHOTS = path.join(REPO_ROOT, 'reports', 'screenshots', 'partner-portal');
let portalLine: PortalLine;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  [portalLine, browser] = await Promise.all([startPortalLine(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await portalLine?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

/** WCAG 2.1 A and AA rules of axe-core: none may fail, on any page or state. */
async function expectAccessible(state: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${state}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
  expect(violations).toEqual([]);
}

async function signIn(username: string, options: { checkPages?: boolean } = {}): Promise<void> {
  await page.goto(portalLine.portal.url);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByLabel('Identifiant').waitFor();
  if (options.checkPages) await expectAccessible('local sign-in form');
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(LOCAL_PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${portalLine.portal.origin}/**`);
}

const inboxHeading = () => page.getByRole('heading', { level: 1, name: /Demandes de rappel · CIDFF 94/ });

describe('the partner portal on the local line', () => {
  it('serves the security headers of securityHeaders() for its own origins', async () => {
    const expected = securityHeaders(
      portalOrigins({
        apiUrl: portalLine.api.url,
        oidc: { authority: portalLine.portal.oidcUrl, clientId: 'x', scope: 'openid' },
      }),
    );
    for (const route of ['/', '/config.json', '/demandes/quelconque']) {
      const response = await fetch(`${portalLine.portal.origin}${route}`);
      const served = Object.fromEntries(
        Object.keys(expected).map((name) => [name, response.headers.get(name)]),
      );
      expect(served).toEqual(expected);
    }
    const config = (await (await fetch(`${portalLine.portal.origin}/config.json`)).json()) as {
      apiUrl: string;
    };
    expect(config.apiUrl).toBe(portalLine.api.url);
  });

  it('fits its JavaScript in 150 KB gzipped (the build the tests serve)', () => {
    const js = portalAssetSizes().filter((asset) => asset.file.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    expect(js.reduce((sum, asset) => sum + asset.gzipBytes, 0)).toBeLessThanOrEqual(
      PORTAL_JS_BUDGET_GZIP_BYTES,
    );
  });

  it('signs a CIDFF 94 user in and shows only CIDFF 94 requests, most urgent first, without numbers', async () => {
    const own = [
      await portalLine.seed({ partnerId: 'cidff94' }),
      await portalLine.seed({ partnerId: 'cidff94' }),
    ];
    const other = await portalLine.seed({ partnerId: 'apcars94' });
    await page.goto(portalLine.portal.url);
    await expectAccessible('sign-in page');
    await signIn('claire', { checkPages: true });
    await inboxHeading().waitFor();
    for (const id of own) await page.locator(`a[href="/demandes/${id}"]`).waitFor();
    expect(await page.locator(`a[href="/demandes/${other}"]`).count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/0[67](\s?\d{2}){4}|\+33/);
    // Sorted by due time, as the items' hrefs follow the order of their due dates.
    const hrefs = await page
      .locator('.demandes a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.indexOf(`/demandes/${own[0]}`)).toBeLessThan(hrefs.indexOf(`/demandes/${own[1]}`));
    await expectAccessible('inbox');
    // Tokens and sign-in state in sessionStorage only: nothing in localStorage.
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible('inbox on a phone');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox-phone.png'), fullPage: true });
  });

  it('restates the rules, opens the number through the audited route, records "no answer" then "reached", and the number is deleted', async () => {
    const id = await portalLine.seed({
      partnerId: 'cidff94',
      mayLeaveMessage: false,
      safeWindows: ['weekday-morning', 'saturday-morning'],
      codeWord: 'hirondelle',
    });
    await signIn('claire');
    await inboxHeading().waitFor();
    await page.locator(`a[href="/demandes/${id}"]`).click();
    await page.getByRole('heading', { level: 1, name: /Demande à rappeler avant le/ }).waitFor();
    await expectAccessible('request page');
    await page.getByRole('button', { name: 'Je prends en charge cette demande' }).click();
    await page.getByText(/Prise en charge par claire \(CIDFF 94\)/).waitFor();

    await page.getByRole('button', { name: 'Voir le numéro' }).click();
    const rules = page.locator('.consignes li');
    expect(await rules.allTextContents()).toEqual([
      'Appeler seulement le matin.',
      'Ne pas laisser de message.',
      'Demander le mot convenu.',
    ]);
    await expectAccessible('rules before the number');
    await page.getByRole('button', { name: "J'ai lu ces consignes : afficher le numéro" }).click();
    // Outside the morning windows the API refuses: the page explains and offers the audited override.
    const number = page.locator('.numero-valeur');
    const refusal = page.getByLabel(/Motif de la dérogation/);
    await page.locator('.numero-valeur, #motif-derogation').first().waitFor();
    if (await refusal.isVisible()) {
      await expectAccessible('refusal with override form');
      await refusal.fill('Test de bout en bout : rappel convenu avec la personne');
      await page.getByRole('button', { name: /Ouvrir malgré tout/ }).click();
    }
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^06 12 00 00 \d{2}$/);
    expect(await number.locator('a').getAttribute('href')).toMatch(/^tel:\+33612000\d{3}$/);
    await page.getByText('hirondelle').waitFor();
    await expectAccessible('number shown');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'request-opened.png'), fullPage: true });

    const audit = await portalLine.audit(id);
    expect(audit.filter((entry) => entry.action === 'opened')).toEqual([
      expect.objectContaining({
        requestId: id,
        partnerId: 'cidff94',
        action: 'opened',
        by: 'cidff94/claire',
      }),
    ]);
    await page.getByText(/Numéro ouvert par claire \(CIDFF 94\)/).waitFor();

    await page.getByRole('button', { name: 'Masquer le numéro' }).click();
    expect(await number.count()).toBe(0);

    await page.getByRole('button', { name: 'Pas de réponse' }).click();
    await page.getByText('Enregistré : Pas de réponse.', { exact: true }).waitFor();
    await page.getByText('1 sur 3', { exact: true }).waitFor();
    expect((await portalLine.record(id))?.attempts).toBe(1);

    await page.getByRole('button', { name: 'Personne jointe' }).click();
    await page.getByRole('heading', { name: 'Clore la demande avec « Personne jointe » ?' }).waitFor();
    await expectAccessible('confirmation before a final outcome');
    // Nothing is sent before the confirmation.
    expect((await portalLine.record(id))?.status).not.toBe('closed');
    await page.getByRole('button', { name: 'Confirmer et clore' }).click();
    await page.getByText('Demande close. Le numéro a été supprimé.').waitFor();
    const closed = await portalLine.record(id);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'reached' });
    expect(closed).not.toHaveProperty('encryptedContact');
    expect(await page.getByRole('button', { name: 'Voir le numéro' }).count()).toBe(0);
    await expectAccessible('closed request');
  });

  it('explains a refusal (number not safe to call) and opens it only with an audited override reason', async () => {
    const id = await portalLine.seed({ partnerId: 'cidff94', safeToCall: false });
    await signIn('claire');
    await inboxHeading().waitFor();
    await page.goto(`${portalLine.portal.origin}/demandes/${id}`);
    await page.getByRole('button', { name: 'Voir le numéro' }).click();
    expect(await page.locator('.consignes li').first().textContent()).toMatch(/^Ne pas appeler/);
    await page.getByRole('button', { name: "J'ai lu ces consignes : afficher le numéro" }).click();
    await page.getByRole('alert').filter({ hasText: "Ce numéro n'est pas sûr à appeler" }).waitFor();
    expect(await page.locator('.numero-valeur').count()).toBe(0);
    expect((await portalLine.audit(id)).filter((entry) => entry.action === 'opened')).toEqual([]);
    await expectAccessible('refusal with override form');
    await page
      .getByLabel(/Motif de la dérogation/)
      .fill('La personne a rappelé la ligne et demande cet appel');
    await page.getByRole('button', { name: /Ouvrir malgré tout/ }).click();
    await page.locator('.numero-valeur').waitFor();
    const opened = (await portalLine.audit(id)).filter((entry) => entry.action === 'opened');
    expect(opened).toEqual([
      expect.objectContaining({
        by: 'cidff94/claire',
        override: expect.objectContaining({
          reason: 'La personne a rappelé la ligne et demande cet appel',
          refusedBecause: expect.arrayContaining(['unsafeNumber']),
        }),
      }),
    ]);
  });

  it("shows the not-found page for another association's request typed in the address bar", async () => {
    const other = await portalLine.seed({ partnerId: 'apcars94' });
    await signIn('claire');
    await inboxHeading().waitFor();
    await page.goto(`${portalLine.portal.origin}/demandes/${other}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: NOT_FOUND_MESSAGE }).waitFor();
    expect(await heading.textContent()).toBe(NOT_FOUND_MESSAGE);
    expect(await page.locator('main .message').count()).toBe(0);
    await expectAccessible('not-found page');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'not-found.png'), fullPage: true });
  });

  it('counts the last minute down, then signs out after 10 minutes without activity (mocked clock)', async () => {
    await page.clock.install();
    await signIn('claire');
    await inboxHeading().waitFor();
    await page.clock.fastForward('09:01');
    const banner = page.getByRole('heading', { name: /Déconnexion automatique dans/ });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/0:(59|58|57)/);
    await expectAccessible('idle countdown');
    await page.clock.fastForward('01:00');
    await page.getByText(/déconnecté·e après 10 minutes sans activité/).waitFor();
    expect(await page.getByRole('button', { name: 'Se connecter' }).isVisible()).toBe(true);
    const stored = await page.evaluate(() => Object.values(sessionStorage).join(' '));
    expect(stored).not.toContain('access_token');
    await expectAccessible('signed out for inactivity');
  });

  it('refuses a user who belongs to no association', async () => {
    await signIn('nadia');
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(await page.locator('.demandes').count()).toBe(0);
    await expectAccessible('refused');
  });

  it('signs out cleanly when the API answers 401, and keeps the page usable without network', async () => {
    await signIn('claire');
    await inboxHeading().waitFor();
    await context.setOffline(true);
    await page.getByRole('alert').filter({ hasText: 'Connexion au réseau perdue' }).waitFor();
    await page.getByRole('button', { name: 'Actualiser' }).click();
    await page.getByText(/Le serveur n'a pas pu être joint/).waitFor();
    expect(await inboxHeading().isVisible()).toBe(true);
    await expectAccessible('offline');
    await context.setOffline(false);
    // A token the API no longer accepts (here, tampered): one clean sign-out, no broken page.
    await page.evaluate(() => {
      for (const key of Object.keys(sessionStorage)) {
        const value = sessionStorage.getItem(key) ?? '';
        if (value.includes('access_token')) {
          const user = JSON.parse(value) as { access_token: string };
          user.access_token = `${user.access_token.slice(0, -4)}AAAA`;
          sessionStorage.setItem(key, JSON.stringify(user));
        }
      }
    });
    await page.reload();
    await page.getByText('Votre session a pris fin. Reconnectez-vous pour continuer.').waitFor();
    expect(await page.getByRole('button', { name: 'Se connecter' }).isVisible()).toBe(true);
  });
});
