import { Logger } from '@aws-lambda-powertools/logger';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { parseCallbackRequest, parseSealedCallbackRequest } from '#domain/callbacks/request';
import { prod } from '../../../config/stages/prod';
import { requestLineCallback } from '../../../functions/request-callback/request-callback';
import { contactSealer, openSealedContact } from '../../../functions/shared/callbacks/queue-envelope';
import { localDataKeyUnwrapper } from '../../../functions/shared/callbacks/queue-envelope-keys';
import { callbackRequestId } from '../../../functions/shared/callbacks/request-id';
import { recordingMetricSink } from '../../../functions/shared/emit-metric';
import { loadLocalEnvelopeKey } from '../../../local/runtime/callback-envelope-key';
import { captureLogs, type LogCapture, spellings } from '../../support/log-capture';

const QUEUE_URL = 'https://sqs.eu-central-1.amazonaws.com/123456789012/callbacks';
const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'eu-central-1' });
const NOW = new Date('2026-03-02T20:15:00.000Z');

function flowEvent(parameters: Record<string, string>, address = '+33612345678', contactId = 'c-123') {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: contactId,
        InitialContactId: contactId,
        Channel: 'VOICE',
        CustomerEndpoint: { Address: address, Type: 'TELEPHONE_NUMBER' },
        Attributes: {},
      },
      Parameters: parameters,
    },
  };
}

const envelopeKey = loadLocalEnvelopeKey();
const seal = contactSealer(envelopeKey.publicKey);
const unwrap = localDataKeyUnwrapper(envelopeKey.privateKey);

let logs: LogCapture;
const deps = () => ({
  sqs,
  queueUrl: QUEUE_URL,
  seal,
  partners: prod.partners,
  logger: new Logger({ serviceName: 'premier-pas' }),
  metrics: recordingMetricSink(),
  now: () => NOW,
});

beforeEach(() => {
  sqsMock.reset();
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** The request sent, unsealed as dispatch-callback would; the body itself holds no number in clear. */
const sentRequest = async () => {
  const input = sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input;
  const body = input?.MessageBody ?? 'null';
  expect(body).not.toMatch(/\+33\d|phoneNumber/);
  const { sealedContact, ...sealed } = parseSealedCallbackRequest(JSON.parse(body));
  const contact = await openSealedContact(sealedContact, sealed, unwrap);
  return { input, request: parseCallbackRequest({ ...sealed, ...contact }) };
};

describe('requestLineCallback', () => {
  it('queues a request for the line with the calling number', async () => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const result = await requestLineCallback(
      flowEvent({ numberSource: 'calling', mayLeaveMessage: 'no', safeWindow: 'morning' }),
      deps(),
    );
    expect(result).toEqual({ status: 'stored' });
    const { input, request } = await sentRequest();
    expect(input?.QueueUrl).toBe(QUEUE_URL);
    expect(request).toMatchObject({
      requestId: callbackRequestId('c-123', 'line'),
      contactId: 'c-123',
      partnerId: 'line',
      phoneNumber: '+33612345678',
      safeToCall: true,
      mayLeaveMessage: false,
      safeWindows: ['weekday-morning', 'saturday-morning'],
      language: 'fr',
      createdAt: NOW.toISOString(),
      // The line's SLA is 24 hours in the prod stage (config/stages/prod.ts).
      dueBy: '2026-03-03T20:15:00.000Z',
    });
    expect(input?.MessageAttributes?.requestId?.StringValue).toBe(request.requestId);
    expect(input?.MessageDeduplicationId).toBeUndefined();
  });

  it.each([
    ['0612345678', '+33612345678'],
    ['0033145678901', '+33145678901'],
    ['33712345678', '+33712345678'],
  ])('normalizes the keyed number %s to %s', async (keyed, e164) => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const result = await requestLineCallback(
      flowEvent({ numberSource: 'keyed', keyedNumber: keyed, mayLeaveMessage: 'yes', safeWindow: 'anytime' }),
      deps(),
    );
    expect(result).toEqual({ status: 'stored' });
    const { request } = await sentRequest();
    expect(request.phoneNumber).toBe(e164);
    expect(request.mayLeaveMessage).toBe(true);
    expect(logs.text()).not.toContain(keyed);
  });

  it.each(['061234567', '06123456789', '1234567890', '0812345678', '', '06*2345678', '0044612345678'])(
    'answers invalid_number for the keyed number "%s" and sends nothing',
    async (keyed) => {
      const result = await requestLineCallback(
        flowEvent({
          numberSource: 'keyed',
          keyedNumber: keyed,
          mayLeaveMessage: 'no',
          safeWindow: 'afternoon',
        }),
        deps(),
      );
      expect(result).toEqual({ status: 'invalid_number' });
      expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(0);
    },
  );

  it.each(['+442071234567', 'anonymous', ''])(
    'answers invalid_number for the calling number "%s"',
    async (address) => {
      const result = await requestLineCallback(
        flowEvent({ numberSource: 'calling', mayLeaveMessage: 'no', safeWindow: 'anytime' }, address),
        deps(),
      );
      expect(result).toEqual({ status: 'invalid_number' });
    },
  );

  it('answers failed and emits the fallback metric when SQS fails', async () => {
    sqsMock.on(SendMessageCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalError' }));
    const failing = deps();
    const result = await requestLineCallback(
      flowEvent({ numberSource: 'calling', mayLeaveMessage: 'no', safeWindow: 'anytime' }),
      failing,
    );
    expect(result).toEqual({ status: 'failed' });
    expect(failing.metrics.recorded).toEqual([
      { key: 'flowLambdaFallbacks', value: 1, dimensions: { function: 'request-callback' } },
    ]);
  });

  it('answers failed within its budget when SQS hangs', async () => {
    sqsMock.on(SendMessageCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();
    const result = await requestLineCallback(
      flowEvent({ numberSource: 'calling', mayLeaveMessage: 'no', safeWindow: 'anytime' }),
      { ...deps(), budgetMs: 100 },
    );
    expect(result).toEqual({ status: 'failed' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers failed with the field names when the flow passes unexpected parameters', async () => {
    const result = await requestLineCallback(
      flowEvent({ numberSource: 'shouted', mayLeaveMessage: 'no', safeWindow: 'anytime' }),
      deps(),
    );
    expect(result).toEqual({ status: 'failed' });
    expect(logs.text()).toContain('Details.Parameters.numberSource');
    expect(await requestLineCallback('garbage', deps())).toEqual({ status: 'failed' });
  });

  it('accepts parameter values in any casing and ignores unknown fields', async () => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const event = flowEvent({
      numberSource: 'Calling',
      mayLeaveMessage: 'YES',
      safeWindow: 'Afternoon',
      extra: 'x',
    });
    expect(await requestLineCallback({ ...event, Unknown: 1 }, deps())).toEqual({ status: 'stored' });
  });

  it('gives the same requestId when Connect invokes twice for one contact', async () => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const event = flowEvent({ numberSource: 'calling', mayLeaveMessage: 'no', safeWindow: 'anytime' });
    await requestLineCallback(event, deps());
    await requestLineCallback(event, deps());
    const ids = sqsMock
      .commandCalls(SendMessageCommand)
      .map((call) => JSON.parse(call.args[0].input.MessageBody ?? '{}').requestId);
    expect(new Set(ids).size).toBe(1);
  });

  afterEach(() => {
    for (const spelling of spellings('+33612345678')) expect(logs.text()).not.toContain(spelling);
  });
});
