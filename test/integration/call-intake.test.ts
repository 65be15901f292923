import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { lineClients, withLocalLine } from '../support/local-line';
import { readSample } from '../unit/events/sample-events';

// The line's env must be applied before any handler or shared client module loads.
const line = withLocalLine();
const { invokeFunction } =
  require('../../local/runtime/lambda-runtime') as typeof import('../../local/runtime/lambda-runtime');
const { captureStdout } =
  require('../../local/runtime/metrics-sink') as typeof import('../../local/runtime/metrics-sink');
const { flowDynamo } =
  require('../../functions/shared/clients/dynamodb') as typeof import('../../functions/shared/clients/dynamodb');
const { parseCallRecord } = require('#domain/call-record') as typeof import('#domain/call-record');

const clients = lineClients(line);
afterAll(() => clients.destroy());

const NUMBER_DIGITS = '199001234';

/** The call-intake sample with a fresh ContactId, so tests sharing the table never collide. */
function intakeEvent(sample = 'contact-flow/call-intake.json'): { event: unknown; contactId: string } {
  const contactId = randomUUID();
  // Both samples hold one contact id (under ContactId/contactId, InitialContactId…): swap it everywhere.
  const text = JSON.stringify(readSample(sample));
  const sampleId = /"(?:ContactId|contactId)":"([^"]+)"/.exec(text)?.[1];
  if (sampleId === undefined) throw new Error(`${sample} has no contact id`);
  return { event: JSON.parse(text.replaceAll(sampleId, contactId)), contactId };
}

async function readCall(contactId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await clients.dynamo.send(
    new GetCommand({ TableName: line.env.CALLS_TABLE_NAME, Key: { contactId }, ConsistentRead: true }),
  );
  return Item;
}

async function invokeCapturing(event: unknown) {
  const logs: string[] = [];
  const capture = captureStdout(undefined, { logs: (entry) => logs.push(entry) });
  try {
    const invocation = await invokeFunction('call-intake', event, {
      functionConfig: line.resources.functions['call-intake'],
    });
    return { invocation, logs, metrics: capture.sink };
  } finally {
    capture.restore();
  }
}

describe('call-intake on the local line', () => {
  test('records the call start in the real calls table, with nothing derived from the number', async () => {
    const { event, contactId } = intakeEvent();

    const { invocation, logs } = await invokeCapturing(event);

    expect(invocation).toMatchObject({ ok: true, result: { lineState: 'ok', recorded: 'true' } });
    const item = await readCall(contactId);
    const record = parseCallRecord(item);
    expect(record).toMatchObject({ contactId, channel: 'VOICE', initiationMethod: 'INBOUND', revision: 1 });
    expect(record.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A call item lives a fortnight at most; its statistics move out under a random id.
    expect(record.expiresAt).toBe(Math.floor(Date.parse(record.initiatedAt ?? '') / 1000) + 14 * 86_400);
    expect(item).not.toHaveProperty('callerKey');
    expect(JSON.stringify(item)).not.toContain(NUMBER_DIGITS);
    expect(logs.join('\n')).not.toContain(NUMBER_DIGITS);
  });

  test('a repeated invocation keeps the first start', async () => {
    const { event, contactId } = intakeEvent();
    await invokeFunction('call-intake', event);
    const first = await readCall(contactId);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const again = await invokeFunction('call-intake', event);

    expect(again).toMatchObject({ ok: true, result: { recorded: 'true' } });
    const second = await readCall(contactId);
    expect({ ...second, revision: undefined }).toEqual({ ...first, revision: undefined });
    expect(second?.revision).toBe(2);
  });

  test('a withheld number is recorded without a caller key', async () => {
    const { event, contactId } = intakeEvent('contact-flow/call-intake-withheld-number.json');
    await expect(invokeFunction('call-intake', event)).resolves.toMatchObject({
      ok: true,
      result: { recorded: 'true' },
    });
    const item = await readCall(contactId);
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('callerKey');
  });

  test('a malformed event answers safe defaults, writes nothing, and counts a fallback', async () => {
    const contactId = randomUUID();
    const malformed = { Name: 'NotAFlowEvent', Details: { ContactData: { ContactId: contactId } } };

    const { invocation, metrics } = await invokeCapturing(malformed);

    expect(invocation).toMatchObject({ ok: true, result: { lineState: 'degraded', recorded: 'false' } });
    expect(await readCall(contactId)).toBeUndefined();
    expect(metrics.totals().find((total) => total.name === 'FlowLambdaFallbacks')).toMatchObject({
      sum: 1,
      byDimensions: { 'function=call-intake': 1 },
    });
  });
});

describe('call-intake when DynamoDB fails (fault injected into the flow client)', () => {
  const faultName = 'injectedDynamoFault';
  afterEach(() => {
    flowDynamo.middlewareStack.remove(faultName);
  });

  test.each([
    [
      'throttled',
      () =>
        Promise.reject(
          Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' }),
        ),
    ],
    // Never answers: only the abort signal or call-intake's own deadline can end it.
    ['hanging', () => new Promise(() => {})],
  ])('%s: answers safe defaults within 1 s and writes nothing', async (_label, fault) => {
    flowDynamo.middlewareStack.add(() => () => fault() as never, {
      step: 'finalizeRequest',
      name: faultName,
    });
    const { event, contactId } = intakeEvent();

    const { invocation, metrics } = await invokeCapturing(event);

    expect(invocation).toMatchObject({ ok: true, result: { lineState: 'degraded', recorded: 'false' } });
    expect(invocation.durationMs).toBeLessThan(1_000);
    expect(metrics.sum('FlowLambdaFallbacks')).toBe(1);
    flowDynamo.middlewareStack.remove(faultName);
    expect(await readCall(contactId)).toBeUndefined();
  });
});
