import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { LISTENER_WHISPER } from '#domain/texts/listener-messages';
import { openSealedContact } from '../../../functions/shared/callbacks/queue-envelope';
import { localDataKeyUnwrapper } from '../../../functions/shared/callbacks/queue-envelope-keys';
import { validateFlow } from '../../../infra/flows/validator';
import type { CallScenario, CallTranscript } from '../../../local/flow-interpreter/interpreter-types';
import { createLocalCallRunner, type LocalCallRunner } from '../../../local/flow-interpreter/local-call';
import { lineClients, withLocalLine } from '../../support/local-line';

/**
 * Caller journeys end to end: the synthesized flows run in the interpreter, Lambdas are the real
 * handlers on DynamoDB Local and the SQS emulator, and contact events go through the template's
 * EventBridge rule to contact-events, whose call records we read back.
 */

const line = withLocalLine();
const clients = lineClients(line);
let runner: LocalCallRunner;
const transcripts: CallTranscript[] = [];

beforeAll(() => {
  runner = createLocalCallRunner(line);
}, 120_000);

afterAll(() => clients.destroy());

async function call(scenario: CallScenario): Promise<CallTranscript> {
  const transcript = await runner.run(scenario);
  transcripts.push(transcript);
  return transcript;
}

async function callRecord(contactId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await clients.dynamo.send(
    new GetCommand({ TableName: line.env.CALLS_TABLE_NAME, Key: { contactId }, ConsistentRead: true }),
  );
  return Item;
}

/** Callback requests on the queue for this contact, read without hiding other tests' messages. */
async function callbackMessages(contactId: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let attempt = 0; attempt < 5 && found.length === 0; attempt += 1) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: line.env.CALLBACK_QUEUE_URL,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of Messages) {
      const body = JSON.parse(message.Body ?? '{}') as Record<string, unknown>;
      if (JSON.stringify(body).includes(contactId)) found.push(body);
    }
  }
  return found;
}

const TUESDAY_10H = new Date('2026-03-10T10:00:00+01:00');
const closedDays = [
  ['a weekday evening', '2026-03-10T19:30:00+01:00'],
  ['a Sunday', '2026-03-08T11:00:00+01:00'],
  ['14 July', '2026-07-14T10:00:00+02:00'],
  ['Easter Monday', '2026-04-06T10:00:00+02:00'],
  ['Whit Monday', '2026-05-25T10:00:00+02:00'],
] as const;

const lambda = (transcript: CallTranscript, name: string) =>
  transcript.lambdas.filter((entry) => entry.functionName === name);

describe('caller journeys on the local line', () => {
  jest.setTimeout(60_000);

  it('open and answered: emergency numbers, queue, whisper, and an answered call record', async () => {
    const transcript = await call({ at: TUESDAY_10H, staffed: 2, answerAfterSeconds: 45 });
    expect(transcript.outcome).toBe('answered');
    expect(transcript.prompts.slice(0, 2)).toEqual([CALLER_PROMPTS.welcome, CALLER_PROMPTS.emergencyNumbers]);
    expect(lambda(transcript, 'call-intake')).toEqual([expect.objectContaining({ ok: true })]);
    expect(transcript.whisper).toEqual([LISTENER_WHISPER.shortWait]);
    expect(transcript.events).toEqual(['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED']);
    expect(await callRecord(transcript.contactId)).toEqual(
      expect.objectContaining({ outcome: 'answered', waitSeconds: 45 }),
    );
  });

  it('open with no listener staffed: told so, emergency numbers, offered a callback', async () => {
    const transcript = await call({ at: TUESDAY_10H, staffed: 0 });
    expect(transcript.flows).toEqual(['Un premier pas - Accueil', 'Un premier pas - Aucune ecoutante']);
    expect(transcript.prompts).toEqual(
      expect.arrayContaining([
        CALLER_PROMPTS.noListener,
        CALLER_PROMPTS.offerCallback,
        CALLER_PROMPTS.goodbye,
      ]),
    );
    expect(transcript.prompts.filter((prompt) => prompt === CALLER_PROMPTS.emergencyNumbers)).toHaveLength(2);
    expect(transcript.outcome).toBe('disconnected-by-line');
    expect(transcript.queued).toBe(false);
  });

  it.each(closedDays)(
    'closed on %s: the hours, the emergency numbers, an out-of-hours record',
    async (_label, at) => {
      const transcript = await call({ at: new Date(at), staffed: 2 });
      expect(transcript.flows).toEqual(['Un premier pas - Accueil', 'Un premier pas - Ligne fermee']);
      expect(transcript.prompts).toContain(
        'La ligne est fermée pour le moment. La ligne est ouverte du lundi au vendredi, de 9 heures à 17 heures, sauf les jours fériés.',
      );
      // The hours, the emergency numbers and the callback offer; then the other languages, and goodbye.
      const hours = transcript.prompts.findIndex((prompt) => prompt.startsWith('La ligne est fermée'));
      expect(transcript.prompts.slice(hours + 1, hours + 3)).toEqual([
        CALLER_PROMPTS.emergencyNumbers,
        CALLER_PROMPTS.offerCallback,
      ]);
      expect(transcript.prompts.at(-1)).toBe(CALLER_PROMPTS.goodbye);
      expect(transcript.outcome).toBe('disconnected-by-line');
      expect(await callRecord(transcript.contactId)).toEqual(
        expect.objectContaining({ outcome: 'out_of_hours' }),
      );
    },
  );

  it.each([
    ['throws', 'error'],
    ['exceeds its time limit', 'timeout'],
    ['returns an invalid response', 'invalid'],
  ] as const)('call-intake %s: the caller still reaches the queue and a listener', async (_label, fault) => {
    const transcript = await call({ at: TUESDAY_10H, staffed: 1, faults: { 'call-intake': fault } });
    expect(lambda(transcript, 'call-intake')).toEqual([expect.objectContaining({ ok: false, fault })]);
    expect(transcript.prompts.slice(0, 2)).toEqual([CALLER_PROMPTS.welcome, CALLER_PROMPTS.emergencyNumbers]);
    expect(transcript.outcome).toBe('answered');
    expect(transcript.events).toContain('QUEUED');
  });

  it('a callback request while queued: pressing 1 leaves a request instead of waiting', async () => {
    // Message allowed (1), afternoon (2), this number (1).
    const transcript = await call({
      at: TUESDAY_10H,
      staffed: 1,
      answerAfterSeconds: 900,
      keys: ['1', '1', '2', '1'],
    });
    expect(transcript.outcome).toBe('callback-stored');
    expect(transcript.flows).toEqual(['Un premier pas - Accueil', 'Un premier pas - Attente']);
    expect(lambda(transcript, 'request-callback')).toEqual([
      expect.objectContaining({
        ok: true,
        result: { status: 'stored' },
        parameters: { numberSource: 'calling', mayLeaveMessage: 'yes', safeWindow: 'afternoon' },
      }),
    ]);
    expect(transcript.prompts).toContain(
      `${CALLER_PROMPTS.callbackStored} ${CALLER_PROMPTS.emergencyNumbers} ${CALLER_PROMPTS.goodbye}`,
    );
    expect(await callbackMessages(transcript.contactId)).toHaveLength(1);
  });

  it('a callback request after hours with a keyed number: logging off while keying, number never shown', async () => {
    const transcript = await call({
      at: new Date('2026-03-10T21:00:00+01:00'),
      staffed: 0,
      keys: ['1', '2', '3', '2', '0033612345678'],
    });
    expect(transcript.outcome).toBe('callback-stored');
    expect(lambda(transcript, 'request-callback')).toEqual([
      expect.objectContaining({
        ok: true,
        result: { status: 'stored' },
        parameters: {
          numberSource: 'keyed',
          keyedNumber: '(masqué)',
          mayLeaveMessage: 'no',
          safeWindow: 'anytime',
        },
      }),
    ]);
    const settings = transcript.entries
      .filter(
        (entry) =>
          entry.text.startsWith('Journal du flux') || entry.kind === 'input' || entry.kind === 'lambda',
      )
      .map((entry) => entry.text.replace(/→.*$/, '').trim());
    expect(settings.slice(-5)).toEqual([
      'Touche 2',
      'Journal du flux: Disabled',
      'Numéro tapé (13 chiffres, masqué)',
      'request-callback',
      'Journal du flux: Enabled',
    ]);
    expect(JSON.stringify(transcript)).not.toContain('612345678');
    // The request carries the number to dispatch-callback sealed (queue envelope): ciphertext only.
    const messages = await callbackMessages(transcript.contactId);
    expect(messages).toEqual([
      expect.objectContaining({ contactId: transcript.contactId, mayLeaveMessage: false }),
    ]);
    expect(JSON.stringify(messages)).not.toContain('612345678');
    const [{ sealedContact, requestId, partnerId }] = messages as [
      { sealedContact: unknown; requestId: string; partnerId: string },
    ];
    const opened = await openSealedContact(
      sealedContact,
      { requestId, partnerId },
      localDataKeyUnwrapper(line.env.CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY),
    );
    expect(opened).toEqual({ phoneNumber: '+33612345678' });
  });

  it('an invalid keyed number twice: the request is refused gracefully, with the emergency numbers', async () => {
    const transcript = await call({
      at: new Date('2026-03-10T21:00:00+01:00'),
      staffed: 0,
      keys: ['1', '1', '1', '2', '123', '0712'],
    });
    expect(lambda(transcript, 'request-callback').map((entry) => entry.result?.status)).toEqual([
      'invalid_number',
      'invalid_number',
    ]);
    expect(transcript.prompts.slice(-4)).toEqual([
      CALLER_PROMPTS.keyNumberAgain,
      CALLER_PROMPTS.numberStillInvalid,
      CALLER_PROMPTS.emergencyNumbers,
      CALLER_PROMPTS.goodbye,
    ]);
    expect(transcript.outcome).toBe('disconnected-by-line');
    expect(await callbackMessages(transcript.contactId)).toEqual([]);
  });

  it('the caller hangs up in the IVR: abandoned, recorded as such', async () => {
    const transcript = await call({ at: TUESDAY_10H, staffed: 2, hangUpAfter: { actionId: 'Welcome' } });
    expect(transcript.outcome).toBe('abandoned-in-ivr');
    expect(transcript.events).toEqual(['INITIATED', 'DISCONNECTED']);
    expect(await callRecord(transcript.contactId)).toEqual(
      expect.objectContaining({ outcome: 'abandoned_in_ivr' }),
    );
  });

  it('the caller gives up in queue: missed in queue', async () => {
    const transcript = await call({
      at: TUESDAY_10H,
      staffed: 1,
      answerAfterSeconds: 3_600,
      hangUpAfter: { actionId: 'Offer2' },
    });
    expect(transcript.outcome).toBe('missed-in-queue');
    expect(await callRecord(transcript.contactId)).toEqual(
      expect.objectContaining({ outcome: 'missed_in_queue' }),
    );
  });

  it('a withheld number asks for a keyed one instead', async () => {
    const transcript = await call({
      at: TUESDAY_10H,
      staffed: 0,
      callingNumber: null,
      keys: ['1', '2', '1', '1', '0612345678'],
    });
    expect(lambda(transcript, 'request-callback').map((entry) => entry.result?.status)).toEqual([
      'invalid_number',
      'stored',
    ]);
    expect(transcript.prompts).toContain(CALLER_PROMPTS.callingNumberUnavailable);
    expect(transcript.outcome).toBe('callback-stored');
  });

  it('request-callback fails: the caller hears it, and the emergency numbers', async () => {
    const transcript = await call({
      at: new Date('2026-03-10T21:00:00+01:00'),
      staffed: 0,
      keys: ['1', '1', '1', '1'],
      faults: { 'request-callback': 'error' },
    });
    expect(transcript.prompts.slice(-3)).toEqual([
      CALLER_PROMPTS.callbackFailed,
      CALLER_PROMPTS.emergencyNumbers,
      CALLER_PROMPTS.goodbye,
    ]);
    expect(transcript.outcome).toBe('disconnected-by-line');
  });

  it('the emergency numbers are heard before any queue, on every path', async () => {
    // Statically, over every path of the deployed flows.
    for (const flow of Object.values(runner.flows.byRole)) {
      expect(
        validateFlow(flow.name, flow.type, flow.document).filter(
          (issue) => issue.rule === 'emergency-numbers-first',
        ),
      ).toEqual([]);
    }
    // Dynamically, over a sweep of times, staffing, keys and faults, plus every journey above.
    const sweep: CallScenario[] = [];
    for (const at of [
      TUESDAY_10H,
      new Date('2026-03-10T19:30:00+01:00'),
      new Date('2026-07-14T10:00:00+02:00'),
    ]) {
      for (const staffed of [0, 1]) {
        for (const keys of [[], ['1', '9', '9', '9'], ['1', '2', '3', '2', '0612345678']]) {
          sweep.push({ at, staffed, keys, answerAfterSeconds: 130, faults: { 'call-intake': 'error' } });
        }
      }
    }
    for (const scenario of sweep) await call(scenario);
    expect(transcripts.length).toBeGreaterThanOrEqual(30);
    for (const transcript of transcripts) {
      expect({ contactId: transcript.contactId, before: transcript.emergencyNumbersBeforeQueue }).toEqual({
        contactId: transcript.contactId,
        before: true,
      });
      if (transcript.outcome !== 'abandoned-in-ivr')
        expect(transcript.prompts).toContain(CALLER_PROMPTS.emergencyNumbers);
    }
  }, 180_000);
});
