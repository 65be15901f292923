import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { lineClients, withLocalLine } from '../../support/local-line';

// The callback queue is shared with other test files: this file never receives from it.
// The line's env must be in place before any handler module loads: handlers are required lazily below.
const line = withLocalLine();
const { invokeFunction } =
  require('../../../local/runtime/lambda-runtime') as typeof import('../../../local/runtime/lambda-runtime');
const { guideEvent } =
  require('../../../local/demo/qualified-month') as typeof import('../../../local/demo/qualified-month');

const clients = lineClients(line);
afterAll(() => clients.destroy());

const SUBMISSION = {
  callType: 'real',
  callerRole: 'closeOne',
  gender: 'woman',
  ageBand: ['26-35'],
  commune: ['94081'],
  violenceTypes: ['psychological', 'economic'],
  childrenExposed: 'unknown',
  firstCall: 'returning',
  orientations: ['line3919'],
  partnerCallback: 'apcars94',
  callbackPhone: '0639981299',
  callbackSafeToCall: 'yes',
  callbackMayLeaveMessage: 'no',
  callbackSafeWindows: ['weekday-evening'],
};

const qualify = (contactId: string, fields: Record<string, unknown>) =>
  invokeFunction<Record<string, string>>('qualify-call', guideEvent(contactId, fields), {
    functionConfig: line.resources.functions['qualify-call'],
  });

const readCall = async (contactId: string) =>
  (await clients.dynamo.send(new GetCommand({ TableName: line.env.CALLS_TABLE_NAME, Key: { contactId } })))
    .Item;

describe('qualify-call on DynamoDB Local', () => {
  it('a duplicate submission during the call leaves one qualification on it, next to what it already holds', async () => {
    const contactId = randomUUID();
    await clients.dynamo.send(
      new PutCommand({
        TableName: line.env.CALLS_TABLE_NAME,
        Item: {
          contactId,
          day: '2026-11-12',
          initiatedAt: '2026-11-12T09:00:00.000Z',
          // Still in progress (no outcome yet): the qualification stays until the call ends.
          connectedToAgentAt: '2026-11-12T09:01:00.000Z',
          expiresAt: 1,
        },
      }),
    );
    const first = await qualify(contactId, SUBMISSION);
    const second = await qualify(contactId, SUBMISSION);
    expect(first).toMatchObject({ ok: true, result: { status: 'stored' } });
    expect(second).toMatchObject({ ok: true, result: { status: 'stored' } });

    const item = await readCall(contactId);
    expect(item?.qualification).toEqual({
      schemaVersion: 1,
      callType: 'real',
      callerRole: 'closeOne',
      gender: 'woman',
      ageBand: '26-35',
      commune: '94081',
      violenceTypes: ['psychological', 'economic'],
      childrenExposed: 'unknown',
      firstCall: 'returning',
      orientations: ['line3919'],
      partnerCallback: 'apcars94',
    });
    // What contact-events and call-intake wrote is untouched, including the record's own expiry.
    expect(item).toMatchObject({
      day: '2026-11-12',
      connectedToAgentAt: '2026-11-12T09:01:00.000Z',
      expiresAt: 1,
    });
    // The callback number went to the callback path only.
    expect(JSON.stringify(item)).not.toContain('39981299');
  });

  it('a correction replaces the qualification rather than adding a second one', async () => {
    const contactId = randomUUID();
    await qualify(contactId, SUBMISSION);
    await qualify(contactId, { callType: 'silent' });
    const item = await readCall(contactId);
    expect(item?.qualification).toEqual({ schemaVersion: 1, callType: 'silent' });
    expect(typeof item?.expiresAt).toBe('number');
  });

  it('a refused form stores nothing', async () => {
    const contactId = randomUUID();
    const result = await qualify(contactId, { ...SUBMISSION, commune: ['75056'] });
    expect(result).toMatchObject({ ok: true, result: { status: 'invalid', errorFields: 'commune' } });
    expect(await readCall(contactId)).toBeUndefined();
  });
});
