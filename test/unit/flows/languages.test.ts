import type { SQSClient } from '@aws-sdk/client-sqs';
import { parseCallbackRequest, parseSealedCallbackRequest } from '#domain/callbacks/request';
import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { CALLER_PROMPT_TRANSLATIONS } from '#domain/texts/caller-prompts-translations';
import { languageNote, partnerNotice } from '#domain/texts/partner-messages';
import { prod as config } from '../../../config/stages/prod';
import { requestLineCallback } from '../../../functions/request-callback/request-callback';
import { contactSealer, openSealedContact } from '../../../functions/shared/callbacks/queue-envelope';
import { localDataKeyUnwrapper } from '../../../functions/shared/callbacks/queue-envelope-keys';
import { type DefinedFlow, FRENCH_VOICE } from '../../../infra/flows/builder';
import { FRENCH_ONLY, type LanguageFlowOptions } from '../../../infra/flows/language-paths';
import { FLOW_NAMES, type LineFlowRefs, lineFlows } from '../../../infra/flows/line-flows';
import { runCall } from '../../../local/flow-interpreter/interpreter';
import type { CallScenario, LambdaOutcome } from '../../../local/flow-interpreter/interpreter-types';
import type { DeployedFlow, TemplateFlows } from '../../../local/flow-interpreter/template-flows';
import { loadLocalEnvelopeKey } from '../../../local/runtime/callback-envelope-key';

/**
 * The other languages through the interpreter: one journey per configured language (queued, her key,
 * her emergency numbers in her voice, a callback request with a keyed number that reaches the
 * association with her language), French callers unchanged, and a refused voice falling back to French.
 */

const arn = (name: string) => `arn:aws:connect:eu-central-1:000000000000:instance/local/contact-flow/${name}`;
const CALL_INTAKE = 'arn:aws:lambda:eu-central-1:000000000000:function:call-intake';
const REQUEST_CALLBACK = 'arn:aws:lambda:eu-central-1:000000000000:function:request-callback';
const refs: LineFlowRefs = {
  callIntakeFunctionArn: CALL_INTAKE,
  requestCallbackFunctionArn: REQUEST_CALLBACK,
  listenersQueueArn: 'arn:aws:connect:eu-central-1:000000000000:instance/local/queue/listeners',
  hoursOfOperationArn: 'arn:aws:connect:eu-central-1:000000000000:instance/local/operating-hours/hours',
  customerQueueFlowArn: arn('customerQueue'),
  agentWhisperFlowArn: arn('agentWhisper'),
  lineClosedFlowArn: arn('lineClosed'),
  noListenerFlowArn: arn('noListener'),
  callbackRequestFlowArn: arn('callbackRequest'),
};

function templateFlows(languages: LanguageFlowOptions): TemplateFlows {
  const defined: Record<string, DefinedFlow> = lineFlows(refs, config.weekdayHours, languages);
  const deployed = Object.entries(defined).map(
    ([role, flow]): DeployedFlow => ({
      logicalId: role,
      role: role as DeployedFlow['role'],
      arn: arn(role),
      name: flow.name,
      type: flow.type,
      document: flow.document,
    }),
  );
  return {
    byRole: Object.fromEntries(deployed.map((flow) => [flow.role, flow])) as TemplateFlows['byRole'],
    byArn: new Map(deployed.map((flow) => [flow.arn, flow])),
    allFlowArns: new Set(deployed.map((flow) => flow.arn)),
    functionsByArn: new Map([
      [CALL_INTAKE, 'call-intake'],
      [REQUEST_CALLBACK, 'request-callback'],
    ]),
    instanceArn: 'arn:aws:connect:eu-central-1:000000000000:instance/local',
  };
}

const envelopeKey = loadLocalEnvelopeKey();
const unwrap = localDataKeyUnwrapper(envelopeKey.privateKey);

/** A queued body as dispatch-callback reads it: the sealed number and code word opened. */
async function unsealed(body: string): Promise<unknown> {
  const { sealedContact, ...rest } = parseSealedCallbackRequest(JSON.parse(body));
  return { ...rest, ...(await openSealedContact(sealedContact, rest, unwrap)) };
}

/** request-callback's own logic answers, with an SQS client that keeps what it is sent. */
function lineWithRealRequestCallback() {
  const sent: unknown[] = [];
  const sqs = {
    send: async (command: { input: { MessageBody?: string } }) => {
      sent.push(await unsealed(command.input.MessageBody ?? '{}'));
      return {};
    },
  } as unknown as SQSClient;
  const logger = { error() {}, info() {}, warn() {}, appendKeys() {} };
  const port = {
    async invoke(name: string, event: unknown): Promise<LambdaOutcome> {
      if (name === 'call-intake') return { ok: true, result: { lineState: 'ok' }, durationMs: 5 };
      const result = await requestLineCallback(event, {
        sqs,
        queueUrl: 'http://127.0.0.1/queue/callbacks',
        seal: contactSealer(envelopeKey.publicKey),
        partners: config.partners,
        logger: logger as never,
        metrics: { emit() {} },
      });
      return { ok: true, result, durationMs: 5 };
    },
  };
  return { port, sent };
}

const OPEN = new Date('2026-03-10T10:00:00+01:00');
const CLOSED = new Date('2026-03-10T20:00:00+01:00');

async function call(scenario: CallScenario, languages: LanguageFlowOptions = config.callerLanguages) {
  const lambdas = lineWithRealRequestCallback();
  const transcript = await runCall(
    {
      flows: templateFlows(languages),
      lambdas: lambdas.port,
      contactEvents: { send: async () => undefined },
      hours: config,
    },
    scenario,
  );
  return { transcript, sent: lambdas.sent };
}

/** Message allowed (1), afternoon (2), another number (2), then the number and #. */
const CALLBACK_KEYS = ['1', '1', '2', '2', '0612345678#'];

describe.each(config.callerLanguages.languages.map((language) => [language.code, language] as const))(
  'a caller who speaks %s',
  (_, language) => {
    const texts = CALLER_PROMPT_TRANSLATIONS[language.code];
    const voice = language.voice.kind === 'polly' ? language.voice.voiceId : 'recorded';

    it('queued, presses her key, hears the emergency numbers in her voice and leaves a callback that reaches the association with her language', async () => {
      const { transcript, sent } = await call({
        at: OPEN,
        staffed: 1,
        answerAfterSeconds: 3600,
        keys: [language.key, ...CALLBACK_KEYS],
      });
      // The French welcome and emergency numbers first, in Léa's voice.
      expect(transcript.prompts.slice(0, 2)).toEqual([
        CALLER_PROMPTS.welcome,
        CALLER_PROMPTS.emergencyNumbers,
      ]);
      expect(transcript.voices.slice(0, 2)).toEqual([FRENCH_VOICE.voice, FRENCH_VOICE.voice]);
      const emergency = transcript.prompts.indexOf(`${texts.emergencyNumbers} ${texts.aboutLine}`);
      expect(emergency).toBeGreaterThan(1);
      expect(transcript.voices[emergency]).toBe(voice);
      // Every prompt of her callback request is in her language and her voice.
      for (const prompt of [
        texts.callbackIntro,
        texts.askMessage,
        texts.askWindow,
        texts.askNumber,
        texts.keyNumber,
      ]) {
        const index = transcript.prompts.indexOf(prompt);
        expect(index).toBeGreaterThan(emergency);
        expect(transcript.voices[index]).toBe(voice);
      }
      expect(transcript.prompts).toContain(
        `${texts.callbackStored} ${texts.emergencyNumbers} ${texts.goodbye}`,
      );
      expect(transcript.outcome).toBe('callback-stored');

      const [message] = sent;
      const request = parseCallbackRequest(message);
      expect(request).toEqual(
        expect.objectContaining({
          partnerId: config.callerLanguages.interpreterPartnerId,
          language: language.code,
          phoneNumber: '+33612345678',
          mayLeaveMessage: true,
          safeWindows: ['weekday-afternoon'],
        }),
      );
      // What the association reads with it.
      expect(partnerNotice('new', request.dueBy, 'https://portail/x', request.language).message).toContain(
        languageNote(language.code),
      );
    });

    it('when the line is closed, presses her key and hears the emergency numbers in her voice', async () => {
      const { transcript } = await call({ at: CLOSED, staffed: 0, keys: [language.key, '-'] });
      const emergency = transcript.prompts.indexOf(`${texts.emergencyNumbers} ${texts.aboutLine}`);
      expect(transcript.voices[emergency]).toBe(voice);
      expect(transcript.prompts.at(-1)).toBe(`${texts.emergencyNumbers} ${texts.goodbye}`);
      expect(transcript.outcome).toBe('disconnected-by-line');
    });
  },
);

describe('a French caller', () => {
  it('hears the same prompts before the queue and reaches it at the same second, languages or not', async () => {
    const scenario = { at: OPEN, staffed: 1, answerAfterSeconds: 30, contactId: 'c-fr' };
    const before = await call(scenario, FRENCH_ONLY);
    const after = await call(scenario);
    const untilQueue = (entries: typeof before.transcript.entries) =>
      entries.slice(0, entries.findIndex((entry) => entry.kind === 'queue') + 1);
    expect(untilQueue(after.transcript.entries)).toEqual(untilQueue(before.transcript.entries));
    const queued = untilQueue(after.transcript.entries).at(-1);
    expect(queued).toEqual(expect.objectContaining({ kind: 'queue', flow: FLOW_NAMES.mainInbound }));
    // Pinned: the second of the transcript at which she reaches the queue, as before any language.
    expect(queued?.atSeconds).toBe(untilQueue(before.transcript.entries).at(-1)?.atSeconds);
    // Pinned from the line before languages existed (main at aea65dc): welcome and emergency numbers, queued at 17 s.
    expect(queued?.atSeconds).toBe(17);
    expect(after.transcript.prompts.slice(0, 2)).toEqual([
      CALLER_PROMPTS.welcome,
      CALLER_PROMPTS.emergencyNumbers,
    ]);
    expect(after.transcript.voices.every((voice) => voice === FRENCH_VOICE.voice)).toBe(true);
  });

  it('still asks for a callback in French, for the line, with 1', async () => {
    const { transcript, sent } = await call({
      at: OPEN,
      staffed: 1,
      answerAfterSeconds: 3600,
      keys: ['1', '1', '3', '1'],
    });
    expect(transcript.outcome).toBe('callback-stored');
    expect(parseCallbackRequest(sent[0])).toEqual(
      expect.objectContaining({ partnerId: 'line', language: 'fr' }),
    );
  });
});

describe('a voice Connect refuses', () => {
  it('falls back to French and the call goes on in the queue', async () => {
    const arabic = config.callerLanguages.languages.find((language) => language.code === 'ar');
    const { transcript } = await call({
      at: OPEN,
      staffed: 1,
      answerAfterSeconds: 200,
      keys: [arabic?.key ?? '3'],
      failingVoices: ['Zeina'],
    });
    expect(transcript.entries).toContainEqual(expect.objectContaining({ text: 'Voix refusée: Zeina' }));
    expect(transcript.prompts).not.toContain(
      `${CALLER_PROMPT_TRANSLATIONS.ar.emergencyNumbers} ${CALLER_PROMPT_TRANSLATIONS.ar.aboutLine}`,
    );
    // Still queued, hearing French, until a listener answers.
    expect(transcript.outcome).toBe('answered');
    const afterRefusal = transcript.entries.findIndex((entry) => entry.text === 'Voix refusée: Zeina');
    expect(transcript.entries.slice(afterRefusal)).toContainEqual(
      expect.objectContaining({ kind: 'setting', text: `Voix: ${FRENCH_VOICE.voice}` }),
    );
    expect(transcript.voices.at(-1)).toBe(FRENCH_VOICE.voice);
  });
});
