import {
  AssociatePhoneNumberContactFlowCommand,
  ConnectClient,
  DisassociatePhoneNumberContactFlowCommand,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import {
  type AssociationEvent,
  AssociationPropertiesError,
  applyAssociationEvent,
  associationIds,
} from '../../functions/phone-number-association/association';

const INSTANCE_ID = '11111111-2222-3333-4444-555555555555';
const FLOW_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const PHONE_ID = '99999999-8888-7777-6666-555555555555';
const properties = {
  ServiceToken: 'arn:aws:lambda:eu-central-1:111122223333:function:provider',
  InstanceArn: `arn:aws:connect:eu-central-1:111122223333:instance/${INSTANCE_ID}`,
  PhoneNumberArn: `arn:aws:connect:eu-central-1:111122223333:phone-number/${PHONE_ID}`,
  ContactFlowArn: `arn:aws:connect:eu-central-1:111122223333:instance/${INSTANCE_ID}/contact-flow/${FLOW_ID}`,
};

describe('phone number association custom resource', () => {
  const connectMock = mockClient(ConnectClient);
  const connect = new ConnectClient({ region: 'eu-central-1' });
  beforeEach(() => connectMock.reset());

  it('associates the number with the flow on create, keyed by the phone number ARN', async () => {
    connectMock.on(AssociatePhoneNumberContactFlowCommand).resolves({});
    const event: AssociationEvent = { RequestType: 'Create', ResourceProperties: properties };

    const response = await applyAssociationEvent(event, connect);

    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      PhoneNumberId: PHONE_ID,
      ContactFlowId: FLOW_ID,
    });
    expect(response).toEqual({
      PhysicalResourceId: properties.PhoneNumberArn,
      Data: { ContactFlowId: FLOW_ID },
    });
  });

  it('re-associates on update, so a new main flow takes the calls', async () => {
    connectMock.on(AssociatePhoneNumberContactFlowCommand).resolves({});
    const newFlow = properties.ContactFlowArn.replace(FLOW_ID, 'ffffffff-0000-1111-2222-333333333333');

    await applyAssociationEvent(
      {
        RequestType: 'Update',
        PhysicalResourceId: properties.PhoneNumberArn,
        ResourceProperties: { ...properties, ContactFlowArn: newFlow },
      },
      connect,
    );

    expect(
      connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand)[0]?.args[0].input.ContactFlowId,
    ).toBe('ffffffff-0000-1111-2222-333333333333');
  });

  it('disassociates on delete and accepts a number that is already gone', async () => {
    connectMock
      .on(DisassociatePhoneNumberContactFlowCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));

    const response = await applyAssociationEvent(
      {
        RequestType: 'Delete',
        PhysicalResourceId: properties.PhoneNumberArn,
        ResourceProperties: properties,
      },
      connect,
    );

    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)[0]?.args[0].input).toEqual({
      InstanceId: INSTANCE_ID,
      PhoneNumberId: PHONE_ID,
    });
    expect(response.PhysicalResourceId).toBe(properties.PhoneNumberArn);
  });

  it('fails the delete on any other Connect error, so CloudFormation reports it', async () => {
    connectMock
      .on(DisassociatePhoneNumberContactFlowCommand)
      .rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));

    await expect(
      applyAssociationEvent(
        {
          RequestType: 'Delete',
          PhysicalResourceId: properties.PhoneNumberArn,
          ResourceProperties: properties,
        },
        connect,
      ),
    ).rejects.toThrow('slow down');
  });

  it('does not call Connect when deleting a create that never associated anything', async () => {
    const response = await applyAssociationEvent(
      {
        RequestType: 'Delete',
        PhysicalResourceId: 'request-id-of-failed-create',
        ResourceProperties: properties,
      },
      connect,
    );

    expect(connectMock.calls()).toHaveLength(0);
    expect(response.PhysicalResourceId).toBe('request-id-of-failed-create');
  });

  it('rejects properties that are not Connect ARNs with a message naming the field', () => {
    expect(() => associationIds({ ...properties, PhoneNumberArn: '+33100000000' })).toThrow(
      AssociationPropertiesError,
    );
    expect(() => associationIds({ ...properties, PhoneNumberArn: '+33100000000' })).toThrow(
      'PhoneNumberArn: PhoneNumberArn is not a Connect phone number ARN',
    );
  });

  it('rejects a flow of another instance', () => {
    const otherInstanceFlow = properties.ContactFlowArn.replace(
      `instance/${INSTANCE_ID}/`,
      'instance/00000000-0000-0000-0000-000000000000/',
    );

    expect(() => associationIds({ ...properties, ContactFlowArn: otherInstanceFlow })).toThrow(
      'belongs to another instance',
    );
  });
});
