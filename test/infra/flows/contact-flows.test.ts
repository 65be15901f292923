import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ContactFlows, type ContactFlowsProps } from '../../../infra/constructs/contact-flows';
import type { DefinedFlow } from '../../../infra/flows/builder';

const INSTANCE = 'arn:aws:connect:eu-central-1:111122223333:instance/0d4a9c1e-5b7f-4e2a-8c3d-9f1e2a3b4c5d';
const props: ContactFlowsProps = {
  instanceArn: INSTANCE,
  listenersQueueArn: `${INSTANCE}/queue/7a1e9f3c-2d4b-4c6a-8e0f-1b2c3d4e5f60`,
  hoursOfOperationArn: `${INSTANCE}/operating-hours/8b2f0a4d-3e5c-4d7b-9f10-2c3d4e5f6071`,
  callIntakeFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:call-intake',
  requestCallbackFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:request-callback',
  weekdayHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }],
};

function synth(amendFlow?: ContactFlowsProps['amendFlow']) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Flows', { env: { account: '111122223333', region: 'eu-central-1' } });
  const flows = new ContactFlows(stack, 'ContactFlows', { ...props, ...(amendFlow ? { amendFlow } : {}) });
  return { app, stack, flows };
}

const withoutEmergencyNumbers = (flow: DefinedFlow): DefinedFlow => ({
  ...flow,
  document: {
    ...flow.document,
    Actions: flow.document.Actions.map((action) =>
      action.Identifier === 'Welcome'
        ? { ...action, Transitions: { ...action.Transitions, NextAction: 'ListenersQueue' } }
        : action,
    ),
  },
});

describe('ContactFlows', () => {
  it('deploys the six flows, ACTIVE, with their Connect types', () => {
    const template = Template.fromStack(synth().stack);
    template.resourceCountIs('AWS::Connect::ContactFlow', 6);
    for (const [name, type] of [
      ['Un premier pas - Accueil', 'CONTACT_FLOW'],
      ['Un premier pas - Ligne fermee', 'CONTACT_FLOW'],
      ['Un premier pas - Aucune ecoutante', 'CONTACT_FLOW'],
      ['Un premier pas - Demande de rappel', 'CONTACT_FLOW'],
      ['Un premier pas - Attente', 'CUSTOMER_QUEUE'],
      ['Un premier pas - Annonce ecoutante', 'AGENT_WHISPER'],
    ]) {
      template.hasResourceProperties('AWS::Connect::ContactFlow', {
        Name: name,
        Type: type,
        State: 'ACTIVE',
        InstanceArn: INSTANCE,
      });
    }
  });

  it('renders the main flow as flow-language JSON with the other flows’ ARNs as CloudFormation references', () => {
    const { stack, flows } = synth();
    const content = stack.resolve(flows.mainFlow.content) as { 'Fn::Join': [string, unknown[]] };
    const parts = content['Fn::Join'][1];
    const text = parts.map((part) => (typeof part === 'string' ? part : '"ARN"')).join('');
    const document = JSON.parse(text.replaceAll('""ARN""', '"ARN"')) as {
      Version: string;
      Actions: { Type: string }[];
    };
    expect(document.Version).toBe('2019-10-30');
    expect(document.Actions.map((action) => action.Type)).toEqual(
      expect.arrayContaining([
        'InvokeLambdaFunction',
        'CheckHoursOfOperation',
        'CheckMetricData',
        'TransferContactToQueue',
      ]),
    );
    // Queue flow, whisper, closed and no-listener flows: four flows referenced by their CloudFormation ARN.
    const flowArns = parts.filter(
      (part) => typeof part === 'object' && JSON.stringify(part).includes('"ContactFlowArn"'),
    );
    expect(flowArns).toHaveLength(4);
    expect(text).toContain(props.callIntakeFunctionArn);
  });

  it('fails synth with the flow name and action id when a flow breaks a rule', () => {
    const { app } = synth((role, flow) => (role === 'mainInbound' ? withoutEmergencyNumbers(flow) : flow));
    expect(() => app.synth()).toThrow(
      /Flow "Un premier pas - Accueil", action "ToListeners": a path reaches the queue before the emergency numbers/,
    );
  });

  it('fails synth when a keyed number would be kept in a contact attribute', () => {
    const { app } = synth((role, flow) =>
      role === 'customerQueue'
        ? {
            ...flow,
            document: {
              ...flow.document,
              Actions: flow.document.Actions.map((action) =>
                action.Identifier === 'Waited1'
                  ? {
                      ...action,
                      Parameters: {
                        Attributes: { callbackNumber: '$.StoredCustomerInput' },
                        TargetContact: 'Current',
                      },
                    }
                  : action,
              ),
            },
          }
        : flow,
    );
    expect(() => app.synth()).toThrow(
      /Flow "Un premier pas - Attente", action "Waited1": a contact attribute is set from keyed input/,
    );
  });

  it('synthesizes cleanly when every flow is sound', () => {
    expect(() => synth().app.synth()).not.toThrow();
  });
});
