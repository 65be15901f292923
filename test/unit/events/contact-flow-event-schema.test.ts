import { parseContactFlowEvent } from '../../../events/schemas/contact-flow-event';
import { NotAContactFlowEventError } from '../../../events/schemas/errors';
import { listSamples, readSample } from './sample-events';

describe('parseContactFlowEvent', () => {
  // Every flow Lambda's sample (call-intake, qualify-call…) is a contact flow event.
  test.each(listSamples('contact-flow'))('%s parses', (sample) => {
    const call = parseContactFlowEvent(readSample(sample));
    expect(call.contactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.channel).toMatch(/^[A-Z]+$/);
  });

  test('reads the documented shape, upper-cases the channel, keeps parameters', () => {
    const call = parseContactFlowEvent(readSample('contact-flow/call-intake.json'));
    expect(call).toMatchObject({
      contactId: '5f1c2a7e-0b8e-4a3a-9c63-2f6f4c1e9a01',
      initiationMethod: 'INBOUND',
      customerAddress: '+33199001234',
      instanceArn: expect.stringContaining(':instance/'),
      parameters: {},
    });
  });

  test('camelCase keys and channel "Voice" read the same', () => {
    const call = parseContactFlowEvent(readSample('contact-flow/call-intake-withheld-number.json'));
    expect(call).toMatchObject({
      customerAddress: 'anonymous',
      channel: 'VOICE',
      parameters: { origin: 'main-flow' },
    });
  });

  test.each([
    ['null', null],
    ['an EventBridge event', readSample('contact-events/answered/initiated.json')],
    [
      'a flow event without ContactId',
      { Name: 'ContactFlowEvent', Details: { ContactData: { Channel: 'VOICE' } } },
    ],
    ['another Name', { Name: 'SomethingElse', Details: { ContactData: { ContactId: 'c-1' } } }],
  ])('rejects %s with a typed error that quotes no value', (_label, input) => {
    expect(() => parseContactFlowEvent(input)).toThrow(NotAContactFlowEventError);
    const planted = {
      Name: 'ContactFlowEvent',
      Details: { ContactData: { ContactId: 7, CustomerEndpoint: { Address: '+33612345678' } } },
    };
    expect(() => parseContactFlowEvent(planted)).toThrow(/Details\.ContactData\.ContactId/);
    try {
      parseContactFlowEvent(planted);
    } catch (error) {
      expect((error as Error).message).not.toContain('+33612345678');
    }
  });
});
