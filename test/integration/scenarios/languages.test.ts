import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { CALLER_PROMPT_TRANSLATIONS } from '#domain/texts/caller-prompts-translations';
import { languageNote } from '#domain/texts/partner-messages';
import { prod } from '../../../config/stages/prod';
import type { CallTranscript } from '../../../local/flow-interpreter/interpreter-types';
import { createLocalCallRunner, type LocalCallRunner } from '../../../local/flow-interpreter/local-call';
import { type PartnerApiServer, startPartnerApiServer } from '../../../local/runtime/partner-api-server';
import { signPartnerToken } from '../../../local/runtime/partner-issuer';
import { drainQueue } from '../../../local/runtime/sqs-poller';
import { applyCallbackLocalEnv, createTestQueues, type TestQueues } from '../../support/callback-queues';
import { lineClients, withLocalLine } from '../../support/local-line';

/**
 * One journey per language on the local line: the synthesized flows in the interpreter, the real
 * request-callback on the SQS emulator, then dispatch-callback and the partner API: queued, she presses
 * her key, hears the emergency numbers in her language and voice, leaves a callback with a keyed
 * number, and the association reads the request with her language.
 */

const line = withLocalLine();
applyCallbackLocalEnv();
const clients = lineClients(line);
let runner: LocalCallRunner;
let queues: TestQueues;
let api: PartnerApiServer;

beforeAll(async () => {
  runner = createLocalCallRunner(line);
  queues = await createTestQueues(clients.sqs, { visibilitySeconds: 30, maxReceiveCount: 5 });
  api = await startPartnerApiServer();
}, 120_000);

afterAll(async () => {
  await api.close();
  clients.destroy();
});

/** The callback request request-callback queued for this contact, read without hiding other tests' messages. */
async function queuedRequest(contactId: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: line.env.CALLBACK_QUEUE_URL,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 1,
      }),
    );
    const found = Messages.find((message) => message.Body?.includes(contactId) === true);
    if (found?.Body !== undefined) return found.Body;
  }
  return undefined;
}

const TUESDAY_10H = new Date('2026-03-10T10:00:00+01:00');
const PARTNER = prod.callerLanguages.interpreterPartnerId;

describe.each(prod.callerLanguages.languages.map((language) => [language.code, language] as const))(
  'a caller who speaks %s, on the local line',
  (_, language) => {
    jest.setTimeout(60_000);
    const texts = CALLER_PROMPT_TRANSLATIONS[language.code];

    it('queued, presses her key, hears her emergency numbers, leaves a keyed number, and the association reads her language', async () => {
      const transcript: CallTranscript = await runner.run({
        at: TUESDAY_10H,
        staffed: 1,
        answerAfterSeconds: 3600,
        // Her key at the first offer; message allowed, any time, another number, the number.
        keys: [language.key, '1', '1', '3', '2', '0612345678#'],
      });
      expect(transcript.prompts.slice(0, 2)).toEqual([
        CALLER_PROMPTS.welcome,
        CALLER_PROMPTS.emergencyNumbers,
      ]);
      const emergency = transcript.prompts.indexOf(`${texts.emergencyNumbers} ${texts.aboutLine}`);
      expect(emergency).toBeGreaterThan(1);
      expect(transcript.voices[emergency]).toBe(
        language.voice.kind === 'polly' ? language.voice.voiceId : '',
      );
      expect(transcript.prompts).toContain(texts.keyNumber);
      expect(transcript.outcome).toBe('callback-stored');
      expect(transcript.lambdas.filter((call) => call.functionName === 'request-callback')).toEqual([
        expect.objectContaining({
          ok: true,
          result: { status: 'stored' },
          parameters: expect.objectContaining({ language: language.code, partnerId: PARTNER }),
        }),
      ]);

      // The request goes through dispatch-callback to the association's list in the partner API.
      const body = await queuedRequest(transcript.contactId);
      expect(body).toBeDefined();
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: queues.url, MessageBody: body as string }));
      await drainQueue({
        queueUrl: queues.url,
        queueArn: queues.arn,
        functionName: 'dispatch-callback',
        failedMessageVisibilitySeconds: 0,
        sqs: clients.sqs,
        invokeOptions: { timeoutMs: 10_000 },
      });
      const token = await signPartnerToken({ groups: [PARTNER], username: 'alice' });
      const response = await fetch(`${api.url}/callbacks`, { headers: { authorization: `Bearer ${token}` } });
      const listed = (await response.json()) as { callbacks: Record<string, unknown>[] };
      const requestId = (JSON.parse(body as string) as { requestId: string }).requestId;
      expect(listed.callbacks).toContainEqual(
        expect.objectContaining({
          requestId,
          language: language.code,
          languageNote: languageNote(language.code),
        }),
      );
    });
  },
);
