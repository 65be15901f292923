import * as fs from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { CALL_TYPES, QUALIFICATION_FIELDS } from '#domain/qualification/schema';
import { CALLER_PROMPTS, describeHours } from '#domain/texts/caller-prompts';
import { CALLER_PROMPT_TRANSLATIONS } from '#domain/texts/caller-prompts-translations';
import { LISTENER_WHISPER, QUALIFICATION_RESULTS } from '#domain/texts/listener-messages';
import { isLineOpen } from '#domain/time/line-hours';
import { parisDay } from '#domain/time/paris-time';
import { stageConfig } from '../../config/stages';
import { callbackRequestId } from '../../functions/shared/callbacks/request-id';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { securityHeaders } from '../../infra/web/security-headers';
import { parisInstant } from '../../local/console/console-server';
import { signPartnerToken } from '../../local/runtime/partner-issuer';
import { launchBrowser } from '../support/browser';
import { type ConsoleLine, startConsoleLine } from '../support/line-console';

/**
 * The line console in Chromium against a local line: the caller dials, hears (stubbed speech) and keys;
 * the listener accepts and qualifies with the guide's views; ops counts what the handlers recorded.
 */

jest.setTimeout(180_000);

const SCREENSHOTS = path.join(REPO_ROOT, 'reports', 'screenshots', 'line-console');
/** Calls run ten times faster than real time; keying waits as long as a person would. */
const SPEED = 10;

let consoleLine: ConsoleLine;
let browser: Browser;

beforeAll(async () => {
  consoleLine = await startConsoleLine({ speed: SPEED });
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await consoleLine?.stop();
});

/** A page on the console whose speech synthesis records what it is asked to say. */
async function consolePage(): Promise<Page> {
  // A context of its own: axe-core opens a page in the page's context.
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  const page = await context.newPage();
  // Runs in the page (a string: this project is typed without the DOM).
  await page.addInitScript(`
    window.spoken = [];
    window.spokenIn = [];
    // Plain utterances, so that the stubbed voices below can be assigned to them.
    window.SpeechSynthesisUtterance = class {
      constructor(text) { this.text = text; this.lang = ''; this.voice = null; }
    };
    const voices = [${BROWSER_VOICES.map((voice) => JSON.stringify(voice)).join(', ')}];
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak: (utterance) => {
          window.spoken.push(utterance.text);
          window.spokenIn.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name });
        },
        cancel: () => {},
        getVoices: () => voices,
      },
    });
  `);
  await page.goto(consoleLine.console.url);
  return page;
}

const spoken = (page: Page) => page.evaluate<string[]>('window.spoken');

/** The voices the stubbed browser offers: one French, one per language the line offers, one unrelated. */
const BROWSER_VOICES = [
  { name: 'Amélie', lang: 'fr-FR' },
  { name: 'Hiroko', lang: 'ja-JP' },
  ...stageConfig().callerLanguages.languages.map((language) => ({
    name: `voix-${language.code}`,
    lang: `${language.code}-XX`,
  })),
];

interface Utterance {
  readonly text: string;
  readonly lang: string;
  readonly voice?: string;
}
const spokenIn = (page: Page) => page.evaluate<Utterance[]>('window.spokenIn');

async function dial(page: Page, at: string, staffed: number): Promise<string> {
  await page.getByLabel('À un moment choisi').check();
  await page.getByLabel('Date et heure').fill(at);
  await page.getByLabel('Écoutantes en service').fill(String(staffed));
  const created = page.waitForResponse((response) => response.url().endsWith('/api/calls'));
  await page.getByRole('button', { name: 'Appeler la ligne' }).click();
  return ((await (await created).json()) as { contactId: string }).contactId;
}

const transcript = (page: Page) => page.getByTestId('transcription');

async function axeViolations(page: Page, panel: string) {
  const results = await new AxeBuilder({ page }).include(panel).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

/** Waits until the page has been asked to say `text`. */
async function untilSpoken(page: Page, text: string): Promise<void> {
  await until(`"${text}" spoken`, async () => (await spoken(page)).includes(text));
}

/** Polls `check` (the page's CSP forbids the string functions of waitForFunction). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the ops panel shows `total` for the catalogue metric `name`. */
const metricTotal = (page: Page, name: string, total: string) =>
  until(`${name} = ${total}`, async () => {
    const cell = page.locator(`tr[data-metric="${name}"] td`);
    return (await cell.count()) === 1 && (await cell.textContent())?.trim() === total;
  });

/**
 * The next Paris day, from tomorrow, on which the line is open at `time`: call records live
 * CALL_ITEM_DAYS from the call's start (TTL), so the journeys are played in the future, not the past.
 */
function nextOpenDay(time: string): string {
  for (let days = 1; ; days += 1) {
    const day = parisDay(new Date(Date.now() + days * 86_400_000));
    if (isLineOpen(parisInstant(`${day}T${time}`), stageConfig())) return `${day}T${time}`;
  }
}

/** The next 25 December still to come. */
function nextChristmas(): string {
  const today = parisDay(new Date());
  const year = Number(today.slice(0, 4)) + (today >= `${today.slice(0, 4)}-12-25` ? 1 : 0);
  return `${year}-12-25T10:30`;
}

const opsRow = (page: Page, contactOutcome: string) =>
  page.getByTestId('appels').locator(`tr[data-outcome="${contactOutcome}"]`);

describe('the line console', () => {
  it('a weekday call at 10:30 answered by the one listener, qualified, with a callback by CIDFF 94', async () => {
    const page = await consolePage();
    const contactId = await dial(page, nextOpenDay('10:30'), 1);

    const accept = page.getByRole('button', { name: 'Accepter l’appel' });
    await accept.waitFor();
    const lines = await transcript(page).locator('li').allTextContents();
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(at(CALLER_PROMPTS.welcome)).toBeGreaterThanOrEqual(0);
    expect(at('le 17')).toBeGreaterThan(at(CALLER_PROMPTS.welcome));
    expect(at('SMS au 114')).toBeGreaterThan(at(CALLER_PROMPTS.welcome));
    expect(at('39 19')).toBeGreaterThan(at(CALLER_PROMPTS.welcome));
    expect(at('Mise en file')).toBeGreaterThan(at('39 19'));
    await page.locator('#appelante').screenshot({ path: path.join(SCREENSHOTS, 'appelante-en-attente.png') });
    expect(await axeViolations(page, '#appelante')).toEqual([]);

    await accept.click();
    // The whisper names the wait, which depends on how long the test took to accept.
    const whisperStart = LISTENER_WHISPER.shortWait.split('.')[0] as string;
    await page.locator('.chuchotement').getByText(whisperStart, { exact: false }).waitFor();
    await page.getByTestId('minuteur').waitFor();
    await page
      .locator('#ecoutante')
      .screenshot({ path: path.join(SCREENSHOTS, 'ecoutante-en-conversation.png') });
    expect(await axeViolations(page, '#ecoutante')).toEqual([]);
    await page.getByRole('button', { name: 'Terminer l’appel' }).click();

    const realCall = CALL_TYPES.find((option) => option.value === 'real')?.label as string;
    await page.getByRole('button', { name: realCall }).click();
    const pick = (field: string, value: string) =>
      page.locator(`#ecoutante input[name="${field}"][value="${value}"]`).check();
    await pick('callerRole', 'victim');
    await pick('gender', 'woman');
    await pick('ageBand', '36-50');
    await page.locator('#champ-commune').selectOption('94028');
    await pick('violenceTypes', 'psychological');
    // childrenExposed left out: the one field error.
    await pick('firstCall', 'first');
    await pick('orientations', 'cidff94');
    await pick('partnerCallback', 'cidff94');
    await page.locator('#champ-callbackPhone').fill('06 39 98 12 34');
    await pick('callbackSafeToCall', 'yes');
    await pick('callbackMayLeaveMessage', 'no');
    await pick('callbackSafeWindows', 'weekday-morning');
    const submit = page.locator('#ecoutante button[type="submit"]');
    await submit.click();

    const fieldError = page.locator('#champ-childrenExposed-erreur');
    await fieldError.waitFor();
    expect(await page.locator('#ecoutante .erreur-champ').count()).toBe(1);
    const childrenLabel = QUALIFICATION_FIELDS.find((field) => field.id === 'childrenExposed')
      ?.label as string;
    expect(await page.getByRole('group', { name: childrenLabel }).getAttribute('aria-invalid')).toBe('true');
    await page
      .locator('#ecoutante')
      .screenshot({ path: path.join(SCREENSHOTS, 'ecoutante-erreur-de-champ.png') });
    expect(await axeViolations(page, '#ecoutante')).toEqual([]);

    await pick('childrenExposed', 'no');
    await submit.click();
    await page.getByText(QUALIFICATION_RESULTS.stored, { exact: false }).first().waitFor();

    const row = opsRow(page, 'answered');
    await row.waitFor();
    await row.getByRole('cell', { name: 'Oui', exact: true }).waitFor();
    expect(await page.getByTestId('appels').locator('tbody tr').count()).toBe(1);
    const answered = page.getByTestId('metriques').locator('tr[data-metric="CallsAnswered"] td');
    await metricTotal(page, 'CallsAnswered', '1');
    expect((await answered.textContent())?.trim()).toBe('1');
    await page
      .locator('#exploitation')
      .screenshot({ path: path.join(SCREENSHOTS, 'exploitation-apres-appel.png') });
    expect(await axeViolations(page, '#exploitation')).toEqual([]);

    // The partner's list on the partner API shows the request.
    const token = await signPartnerToken({ groups: ['cidff94'] });
    const requestId = callbackRequestId(contactId, 'cidff94');
    let listed: string[] = [];
    for (let attempt = 0; attempt < 40 && !listed.includes(requestId); attempt += 1) {
      const response = await fetch(`${consoleLine.partnerApi.url}/callbacks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { callbacks?: { requestId: string }[] };
      listed = (body.callbacks ?? []).map((callback) => callback.requestId);
      if (!listed.includes(requestId)) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(listed).toContain(requestId);

    const said = await spoken(page);
    expect(said.slice(0, 2)).toEqual([CALLER_PROMPTS.welcome, CALLER_PROMPTS.emergencyNumbers]);
    await page.context().close();
  });

  it('a call on 25 December: closed with the hours, then a callback keyed on the keypad, as a task', async () => {
    const page = await consolePage();
    await dial(page, nextChristmas(), 1);
    const closed = CALLER_PROMPTS.closed(stageConfig().weekdayHours);
    await untilSpoken(page, closed);
    expect(closed).toContain(describeHours(stageConfig().weekdayHours));

    const key = (label: string) => page.locator('.clavier').getByRole('button', { name: label, exact: true });
    await untilSpoken(page, CALLER_PROMPTS.offerCallback);
    await key('1').click();
    await untilSpoken(page, CALLER_PROMPTS.askMessage);
    await page.keyboard.press('2');
    await untilSpoken(page, CALLER_PROMPTS.askWindow);
    await key('3').click();
    await untilSpoken(page, CALLER_PROMPTS.askNumber);
    await key('2').click();
    await untilSpoken(page, CALLER_PROMPTS.keyNumber);
    for (const digit of '0639981234') await page.keyboard.press(digit);
    await page.keyboard.press('#');
    expect(await page.getByTestId('touches').textContent()).toBe('••••••••••••••#');
    await page
      .locator('#appelante')
      .screenshot({ path: path.join(SCREENSHOTS, 'appelante-rappel-au-clavier.png') });

    await transcript(page).getByText('Numéro tapé (10 chiffres, masqué)').waitFor();
    expect(await transcript(page).textContent()).not.toContain('0639981234');
    await page.getByText('Appel terminé').waitFor();
    await page.getByTestId('taches').locator('li').first().waitFor({ timeout: 20_000 });
    await page.locator('#ecoutante').screenshot({ path: path.join(SCREENSHOTS, 'ecoutante-taches.png') });

    const said = await spoken(page);
    const order = [
      CALLER_PROMPTS.welcome,
      closed,
      CALLER_PROMPTS.offerCallback,
      CALLER_PROMPTS.askMessage,
      CALLER_PROMPTS.askWindow,
      CALLER_PROMPTS.askNumber,
      CALLER_PROMPTS.keyNumber,
    ].map((text) => said.indexOf(text));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await opsRow(page, 'out_of_hours').waitFor();
    await page.context().close();
  });

  it('a hang-up in the queue is counted as missed', async () => {
    const page = await consolePage();
    await dial(page, nextOpenDay('11:00'), 1);
    await page.getByRole('button', { name: 'Accepter l’appel' }).waitFor();
    await page.getByRole('button', { name: 'Raccrocher' }).click();
    await page.getByText('Appel terminé').waitFor();
    await opsRow(page, 'missed_in_queue').waitFor();
    await metricTotal(page, 'CallsMissedInQueue', '1');
    expect(await page.getByRole('button', { name: 'Accepter l’appel' }).count()).toBe(0);
    expect((await spoken(page)).slice(0, 2)).toEqual([
      CALLER_PROMPTS.welcome,
      CALLER_PROMPTS.emergencyNumbers,
    ]);
    await page.context().close();
  });

  it('each language is spoken with the browser voice for its code: her offer, then her emergency numbers', async () => {
    const page = await consolePage();
    await dial(page, nextOpenDay('10:00'), 1);
    await page.getByRole('button', { name: 'Accepter l’appel' }).waitFor();
    const languages = stageConfig().callerLanguages.languages;
    const offers = languages.map((language) => CALLER_PROMPT_TRANSLATIONS[language.code].offer(language.key));
    for (const offer of offers) await untilSpoken(page, offer);
    const arabic = languages.find((language) => language.code === 'ar');
    if (arabic === undefined) throw new Error('the stage offers no Arabic');
    // The next minute's offers: her key, pressed while they play (any language key interrupts them).
    const first = offers[0] ?? '';
    await until(
      'the offers again',
      async () => (await spoken(page)).filter((text) => text === first).length > 1,
    );
    await page.keyboard.press(arabic.key);
    const emergency = CALLER_PROMPT_TRANSLATIONS.ar.emergencyNumbers;
    await until('her emergency numbers', async () =>
      (await spoken(page)).some((text) => text.includes(emergency)),
    );

    const said = await spokenIn(page);
    expect(said[0]).toEqual({ text: CALLER_PROMPTS.welcome, lang: 'fr-FR', voice: 'Amélie' });
    for (const [index, language] of languages.entries()) {
      expect(said.find((utterance) => utterance.text === offers[index])).toEqual({
        text: offers[index],
        lang: language.code,
        voice: `voix-${language.code}`,
      });
    }
    expect(said.find((utterance) => utterance.text.includes(emergency))).toMatchObject({
      lang: 'ar',
      voice: 'voix-ar',
    });
    await page.getByRole('button', { name: 'Raccrocher' }).click();
    await page.getByText('Appel terminé').waitFor();
    await page.context().close();
  });

  it('call-intake failing, speech muted: the caller still reaches the queue, and the transcript shows it all', async () => {
    const page = await consolePage();
    await page.getByRole('button', { name: 'Couper la voix' }).click();
    await page.getByLabel('Panne simulée de l’enregistrement d’appel (call-intake)').selectOption('error');
    await dial(page, nextOpenDay('15:00'), 1);
    await page.getByRole('button', { name: 'Accepter l’appel' }).waitFor();
    const lines = await transcript(page).locator('li').allTextContents();
    expect(lines.some((line) => line.includes(CALLER_PROMPTS.welcome))).toBe(true);
    expect(lines.some((line) => line.includes(CALLER_PROMPTS.emergencyNumbers))).toBe(true);
    expect(await spoken(page)).toEqual([]);
    await page.getByRole('button', { name: 'Raccrocher' }).click();
    await page.getByText('Appel terminé').waitFor();
    await page.context().close();
  });
});

describe('the console server', () => {
  const request = (route: string, init: RequestInit = {}) =>
    fetch(new URL(route, consoleLine.console.url), init).then((response) => response.status);
  const post = (route: string, body: string) =>
    request(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('serves the page with the pages’ security headers', async () => {
    const response = await fetch(consoleLine.console.url);
    const expected = securityHeaders({ connect: [] });
    for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name)).toBe(value);
    expect(await response.text()).not.toMatch(/<script>|<style|style="/);
  });

  it('refuses bad requests with a 4xx and keeps serving', async () => {
    const { contactId } = (await (
      await fetch(new URL('/api/calls', consoleLine.console.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ staffed: 0, at: nextChristmas() }),
      })
    ).json()) as { contactId: string };
    const statuses = [
      await post('/api/calls', '{}'),
      await post('/api/calls', '{"staffed":-1}'),
      await post('/api/calls', '{"staffed":1,"at":"demain"}'),
      await post('/api/calls', '{"staffed":1,"at":"2026-02-30T10:00"}'),
      await post('/api/calls', '{"staffed":1,"fault":"meltdown"}'),
      await post('/api/calls', 'not json'),
      await post('/api/calls', JSON.stringify({ staffed: 1, padding: 'x'.repeat(20_000) })),
      await post(`/api/calls/${contactId}/keys`, '{"key":"A"}'),
      await post(`/api/calls/${contactId}/keys`, '{"key":"12"}'),
      await post(`/api/calls/${contactId}/hangup`, '{"by":"nobody"}'),
      await post(`/api/calls/${contactId}/accept`, '{}'),
      await post(`/api/calls/${contactId}/qualification`, '{"fields":{"callType":"real"}}'),
      await post(`/api/calls/${contactId}/qualification`, '{"fields":{"../x":"real"}}'),
      await post('/api/calls/no-such-call/keys', '{"key":"1"}'),
      await request('/api/nothing'),
      await request('/api/calls', { method: 'GET' }),
      await request('/', { method: 'DELETE' }),
      await request('/..%2f..%2fpackage.json'),
      await request('/reports/..%2f..%2fpackage.json'),
      await request('/assets/missing.js'),
    ];
    expect(statuses).toEqual([
      400, 400, 400, 400, 400, 400, 413, 400, 400, 400, 409, 409, 400, 404, 404, 405, 405, 404, 404, 404,
    ]);
    await post(`/api/calls/${contactId}/hangup`, '{"by":"caller"}');
    expect(await request('/api/views')).toBe(200);
  });
});
