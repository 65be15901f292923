import { synthesizeLine } from '../support/synth';

/**
 * What a callee's phone shows when the line calls back: the dedicated callback number, never the
 * published one, and no caller-ID name (docs/callback-safety.md).
 */

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions below check its shape.
type Json = any;

describe('callback caller ID', () => {
  const { line } = synthesizeLine();
  const numbers = line.findResources('AWS::Connect::PhoneNumber') as Record<string, Json>;
  const queue = Object.values(line.findResources('AWS::Connect::Queue') as Record<string, Json>)[0];

  it('claims a second number for callbacks, retained', () => {
    const described = Object.entries(numbers).map(([id, number]) => [id, number.Properties.Description]);
    expect(described).toHaveLength(2);
    const callback = Object.entries(numbers).find(([, number]) =>
      String(number.Properties.Description).includes('rappels'),
    );
    expect(callback?.[1].DeletionPolicy).toBe('Retain');
  });

  it('sets the listeners queue to show that number, with no name', () => {
    const callbackId = Object.entries(numbers).find(([, number]) =>
      String(number.Properties.Description).includes('rappels'),
    )?.[0];
    expect(queue.Properties.OutboundCallerConfig).toEqual({
      OutboundCallerIdNumberArn: { 'Fn::GetAtt': [callbackId, 'PhoneNumberArn'] },
    });
  });

  it('takes a number claimed beforehand, and refuses the published one', () => {
    const arn = (id: string) => `arn:aws:connect:eu-central-1:111122223333:phone-number/${id}`;
    const brought = synthesizeLine({
      phoneNumber: { existingPhoneNumberArn: arn('published') },
      callbackCallerNumber: { existingPhoneNumberArn: arn('callbacks') },
    });
    brought.line.hasResourceProperties('AWS::Connect::Queue', {
      OutboundCallerConfig: { OutboundCallerIdNumberArn: arn('callbacks') },
    });
    expect(() =>
      synthesizeLine({
        phoneNumber: { existingPhoneNumberArn: arn('published') },
        callbackCallerNumber: { existingPhoneNumberArn: arn('published') },
      }),
    ).toThrow('must not be the published number');
  });
});
