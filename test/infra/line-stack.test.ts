import type { CfnResource } from 'aws-cdk-lib';
import { Capture, Match } from 'aws-cdk-lib/assertions';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { LISTENER_PERMISSIONS } from '../../infra/constructs/listeners';
import { renderJoinedJson, resourcesOf, type SynthesizedLine, synthesizeLine } from '../support/synth';

interface TemplateResource {
  readonly Type: string;
  readonly Metadata?: Record<string, unknown>;
  readonly Properties?: Record<string, unknown>;
}

/** Logical id of the Lambda built from `functions/<folder>`. */
function functionLogicalId(synth: SynthesizedLine, folder: string): string {
  const functions = synth.line.findResources('AWS::Lambda::Function', {
    Metadata: { [FUNCTION_METADATA_KEY]: folder },
  });
  const ids = Object.keys(functions);
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

describe('LineStack', () => {
  let synth: SynthesizedLine;
  let instanceId: string;
  beforeAll(() => {
    synth = synthesizeLine();
    instanceId = Object.keys(resourcesOf(synth.line, 'AWS::Connect::Instance'))[0] as string;
  });

  describe('Connect instance', () => {
    it('uses Connect-managed identities, inbound and outbound calls, flow logs, and no contact analysis', () => {
      synth.line.resourceCountIs('AWS::Connect::Instance', 1);
      synth.line.hasResourceProperties('AWS::Connect::Instance', {
        IdentityManagementType: 'CONNECT_MANAGED',
        InstanceAlias: 'un-premier-pas-94',
        Attributes: Match.objectLike({
          InboundCalls: true,
          OutboundCalls: true,
          ContactflowLogs: true,
          ContactLens: false,
        }),
      });
    });

    it('has no storage for call recordings anywhere', () => {
      synth.line.resourceCountIs('AWS::Connect::InstanceStorageConfig', 0);
    });

    it('chains every Connect resource so CloudFormation never calls Connect in parallel', () => {
      const connectResources = Object.entries(
        synth.line.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[] }>,
      )
        .filter(([, resource]) => resource.Type.startsWith('AWS::Connect::'))
        .map(([logicalId, resource]) => ({ logicalId, dependsOn: resource.DependsOn ?? [] }));
      const ids = new Set(connectResources.map((resource) => resource.logicalId));
      // Each resource but the instance waits for exactly one Connect resource, and none is waited on twice.
      const predecessors = connectResources
        .filter((resource) => resource.logicalId !== instanceId)
        .map((resource) => resource.dependsOn.filter((id) => ids.has(id)));
      expect(predecessors.every((list) => list.length >= 1)).toBe(true);
      const chained = predecessors.map((list) => list.at(-1));
      expect(new Set(chained).size).toBe(chained.length);
      expect(connectResources.length).toBeGreaterThan(10);
    });
  });

  describe('hours of operation', () => {
    it('opens the configured weekdays 09:00 to 17:00 in Europe/Paris', () => {
      synth.line.hasResourceProperties('AWS::Connect::HoursOfOperation', {
        Name: 'Écoute',
        TimeZone: 'Europe/Paris',
        Config: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({
          Day: day,
          StartTime: { Hours: 9, Minutes: 0 },
          EndTime: { Hours: 17, Minutes: 0 },
        })),
      });
    });

    it('closes on each French public holiday of the configured years, Easter-based ones right', () => {
      const overrides = new Capture();
      synth.line.hasResourceProperties('AWS::Connect::HoursOfOperation', {
        HoursOfOperationOverrides: overrides,
      });
      const list = overrides.asArray() as {
        OverrideName: string;
        OverrideType: string;
        EffectiveFrom: string;
        EffectiveTill: string;
        OverrideConfig: { Day: string }[];
      }[];

      expect(list).toHaveLength(33);
      expect(list.every((override) => override.OverrideType === 'CLOSED')).toBe(true);
      expect(list.every((override) => override.EffectiveFrom === override.EffectiveTill)).toBe(true);
      const closedOn = (date: string) => list.find((override) => override.EffectiveFrom === date);
      expect(closedOn('2026-04-06')).toMatchObject({
        OverrideName: 'Lundi de Pâques 2026',
        OverrideConfig: [
          { Day: 'MONDAY', StartTime: { Hours: 0, Minutes: 0 }, EndTime: { Hours: 23, Minutes: 59 } },
        ],
      });
      expect(closedOn('2026-05-14')).toMatchObject({
        OverrideName: 'Ascension 2026',
        OverrideConfig: [{ Day: 'THURSDAY' }],
      });
      expect(closedOn('2026-05-25')).toMatchObject({
        OverrideName: 'Lundi de Pentecôte 2026',
        OverrideConfig: [{ Day: 'MONDAY' }],
      });
      expect(closedOn('2027-03-29')).toMatchObject({ OverrideName: 'Lundi de Pâques 2027' });
      expect(closedOn('2028-06-05')).toMatchObject({ OverrideName: 'Lundi de Pentecôte 2028' });
      expect(closedOn('2026-12-25')).toMatchObject({ OverrideConfig: [{ Day: 'FRIDAY' }] });
    });
  });

  describe('listeners', () => {
    it('has the listeners queue on the line hours', () => {
      const hoursId = Object.keys(resourcesOf(synth.line, 'AWS::Connect::HoursOfOperation'))[0] as string;
      synth.line.hasResourceProperties('AWS::Connect::Queue', {
        Name: 'Ecoute',
        HoursOfOperationArn: { 'Fn::GetAtt': [hoursId, 'HoursOfOperationArn'] },
        InstanceArn: { 'Fn::GetAtt': [instanceId, 'Arn'] },
      });
    });

    it('routes one voice call at a time from that queue', () => {
      const queueId = Object.keys(resourcesOf(synth.line, 'AWS::Connect::Queue'))[0] as string;
      synth.line.hasResourceProperties('AWS::Connect::RoutingProfile', {
        MediaConcurrencies: Match.arrayWith([{ Channel: 'VOICE', Concurrency: 1 }]),
        DefaultOutboundQueueArn: { 'Fn::GetAtt': [queueId, 'QueueArn'] },
        QueueConfigs: Match.arrayWith([
          Match.objectLike({
            QueueReference: { Channel: 'VOICE', QueueArn: { 'Fn::GetAtt': [queueId, 'QueueArn'] } },
          }),
        ]),
      });
    });

    it('gives listeners a security profile with the agent workspace and outbound calls only', () => {
      synth.line.resourceCountIs('AWS::Connect::SecurityProfile', 1);
      synth.line.hasResourceProperties('AWS::Connect::SecurityProfile', {
        Permissions: [...LISTENER_PERMISSIONS],
      });
    });

    it('creates each configured listener with a generated password that never appears in the template', () => {
      const users = resourcesOf(synth.line, 'AWS::Connect::User');
      expect(Object.values(users).map((user) => user.Properties?.Username)).toEqual([
        'ecoutante1',
        'ecoutante2',
        'ecoutante3',
        'ecoutante4',
      ]);
      for (const user of Object.values(users)) {
        const password = JSON.stringify(user.Properties?.Password);
        expect(password).toMatch(/\{\{resolve:secretsmanager:/);
        expect(user.Properties).toMatchObject({ PhoneConfig: { PhoneType: 'SOFT_PHONE' } });
      }
    });
  });

  describe('functions', () => {
    it('runs every line function on nodejs22.x and arm64; only CDK’s deploy-time handlers are not ours', () => {
      const functions = Object.entries(
        synth.line.toJSON().Resources as Record<string, TemplateResource>,
      ).filter(([, resource]) => resource.Type === 'AWS::Lambda::Function');
      const ours = functions.filter(([, fn]) => fn.Metadata?.[FUNCTION_METADATA_KEY] !== undefined);
      const others = functions.filter(([, fn]) => fn.Metadata?.[FUNCTION_METADATA_KEY] === undefined);

      expect(ours.map(([, fn]) => fn.Metadata?.[FUNCTION_METADATA_KEY]).sort()).toEqual(
        expect.arrayContaining([
          'call-intake',
          'contact-events',
          'phone-number-association',
          'request-callback',
        ]),
      );
      for (const [logicalId, fn] of ours) {
        expect({
          logicalId,
          runtime: fn.Properties?.Runtime,
          architectures: fn.Properties?.Architectures,
        }).toEqual({
          logicalId,
          runtime: 'nodejs22.x',
          architectures: ['arm64'],
        });
      }
      expect(others.map(([logicalId]) => logicalId).sort()).toEqual([
        // AwsCustomResource: the partner API's CORS, once the portal's distribution exists (HttpApiCors).
        expect.stringMatching(/^AWS679f53fac002430cb0da5b7982bd2287/),
        expect.stringMatching(/^CallbackPipelineDispatchQueueEnvelopeProviderframeworkonEvent/),
        // BucketDeployment: uploads the partner portal.
        expect.stringMatching(/^CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/),
        expect.stringMatching(/^PhoneNumberProviderframeworkonEvent/),
      ]);
    });

    it('cuts call-intake at 3 s or less and gives it its table, and no secret', () => {
      const callIntake = synth.line.findResources('AWS::Lambda::Function', {
        Metadata: { [FUNCTION_METADATA_KEY]: 'call-intake' },
      });
      const props = Object.values(callIntake)[0]?.Properties as {
        Timeout: number;
        Environment: { Variables: Record<string, unknown> };
      };

      expect(props.Timeout).toBeLessThanOrEqual(3);
      expect(Object.keys(props.Environment.Variables)).toContain('CALLS_TABLE_NAME');
      expect(Object.keys(props.Environment.Variables)).not.toContain('CALLER_KEY_SECRET_ARN');
    });

    it('associates each flow Lambda with the instance', () => {
      for (const folder of ['call-intake', 'request-callback']) {
        synth.line.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
          InstanceId: { 'Fn::GetAtt': [instanceId, 'Arn'] },
          IntegrationType: 'LAMBDA_FUNCTION',
          IntegrationArn: { 'Fn::GetAtt': [functionLogicalId(synth, folder), 'Arn'] },
        });
      }
    });

    it('lets connect.amazonaws.com invoke flow Lambdas only from this instance and account', () => {
      const permissions = synth.line.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'connect.amazonaws.com' },
      });
      for (const permission of Object.values(permissions)) {
        expect(permission.Properties).toMatchObject({
          Action: 'lambda:InvokeFunction',
          SourceArn: { 'Fn::GetAtt': [instanceId, 'Arn'] },
          SourceAccount: '111122223333',
        });
      }
      const invoked = Object.values(permissions).map(
        (permission) => (permission.Properties.FunctionName as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0],
      );
      expect(invoked).toEqual(
        expect.arrayContaining([
          functionLogicalId(synth, 'call-intake'),
          functionLogicalId(synth, 'request-callback'),
        ]),
      );
      // Every function Connect may invoke is associated with the instance, and nothing else is invocable.
      const associated = Object.values(resourcesOf(synth.line, 'AWS::Connect::IntegrationAssociation')).map(
        (association) =>
          (association.Properties?.IntegrationArn as { 'Fn::GetAtt': string[] } | undefined)?.[
            'Fn::GetAtt'
          ][0],
      );
      expect([...invoked].sort()).toEqual([...associated].sort());
    });
  });

  describe('queues', () => {
    it('encrypts every queue at rest and gives every non-DLQ a DLQ after at least 5 receives', () => {
      const queues = resourcesOf(synth.line, 'AWS::SQS::Queue');
      const deadLetterTargets = new Set(
        Object.values(queues)
          .map(
            (queue) =>
              queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: { 'Fn::GetAtt': string[] } },
          )
          .filter((policy) => policy !== undefined)
          .map((policy) => policy.deadLetterTargetArn?.['Fn::GetAtt'][0]),
      );
      expect(Object.keys(queues).length).toBeGreaterThanOrEqual(3);
      for (const [logicalId, queue] of Object.entries(queues)) {
        const sse =
          queue.Properties?.KmsMasterKeyId !== undefined || queue.Properties?.SqsManagedSseEnabled === true;
        expect({ logicalId, sse }).toEqual({ logicalId, sse: true });
        const isDeadLetterQueue = deadLetterTargets.has(logicalId) || /DeadLetters/.test(logicalId);
        if (!isDeadLetterQueue) {
          expect(queue.Properties?.RedrivePolicy).toEqual({
            deadLetterTargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
            maxReceiveCount: expect.any(Number),
          });
          const { maxReceiveCount } = (queue.Properties?.RedrivePolicy ?? {}) as { maxReceiveCount?: number };
          expect(maxReceiveCount).toBeGreaterThanOrEqual(5);
        }
      }
    });

    it('encrypts the callback queue, its DLQ and the contact-events DLQ with the data key', () => {
      const line = synth.stacks.line;
      for (const queue of [
        line.callbackQueue.queue,
        line.callbackQueue.deadLetterQueue,
        line.contactEventsRule.deadLetterQueue,
      ]) {
        const logicalId = line.getLogicalId(queue.node.defaultChild as CfnResource);
        expect(resourcesOf(synth.line, 'AWS::SQS::Queue')[logicalId]?.Properties?.KmsMasterKeyId).toEqual({
          'Fn::ImportValue': expect.stringContaining('DataKey'),
        });
      }
    });

    it('sizes the callback queue visibility for a 30 s consumer (6 x 30 s) and refuses plain HTTP', () => {
      synth.line.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: 180,
        RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
      });
      const policies = resourcesOf(synth.line, 'AWS::SQS::QueuePolicy');
      const queues = resourcesOf(synth.line, 'AWS::SQS::Queue');
      const enforced = Object.values(policies).filter((policy) =>
        JSON.stringify(policy.Properties?.PolicyDocument).includes('"aws:SecureTransport":"false"'),
      );
      expect(enforced.length).toBe(Object.keys(queues).length);
    });
  });

  describe('contact events', () => {
    it('sends this instance’s Connect contact events to contact-events, with a DLQ and retries', () => {
      synth.line.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.connect'],
          'detail-type': ['Amazon Connect Contact Event'],
          detail: { instanceArn: [{ 'Fn::GetAtt': [instanceId, 'Arn'] }] },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [functionLogicalId(synth, 'contact-events'), 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } },
            RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          }),
        ],
      });
    });

    it('parks contact-events invocations that still fail after Lambda retries in the same DLQ', () => {
      synth.line.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionLogicalId(synth, 'contact-events') },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('ContactEventsRuleDeadLetters'), 'Arn'] },
          },
        },
      });
    });
  });

  describe('flows and phone number', () => {
    it('deploys a main flow whose content is valid JSON invoking call-intake', () => {
      const mainFlow = synth.stacks.line.flows.mainFlow;
      const flows = resourcesOf(synth.line, 'AWS::Connect::ContactFlow');
      const main = flows[synth.stacks.line.resolve(mainFlow.logicalId) as string];
      const content = renderJoinedJson(main?.Properties?.Content);
      const document = JSON.parse(content) as {
        Actions: { Type: string; Parameters: Record<string, unknown> }[];
      };

      const invocations = document.Actions.filter((action) => action.Type === 'InvokeLambdaFunction');
      expect(invocations.map((action) => action.Parameters.LambdaFunctionARN)).toContain(
        `<${functionLogicalId(synth, 'call-intake')}.Arn>`,
      );
    });

    it('claims a French DID on the instance', () => {
      synth.line.hasResourceProperties('AWS::Connect::PhoneNumber', {
        TargetArn: { 'Fn::GetAtt': [instanceId, 'Arn'] },
        CountryCode: 'FR',
        Type: 'DID',
      });
    });

    it('associates the number with the main flow through the custom resource', () => {
      const published = synth.stacks.line.phoneNumber.phoneNumber;
      const phoneId = synth.stacks.line.resolve(published?.logicalId) as string;
      const mainFlowId = synth.stacks.line.resolve(synth.stacks.line.flows.mainFlow.logicalId) as string;
      synth.line.hasResourceProperties('Custom::PhoneNumberContactFlowAssociation', {
        InstanceArn: { 'Fn::GetAtt': [instanceId, 'Arn'] },
        PhoneNumberArn: { 'Fn::GetAtt': [phoneId, 'PhoneNumberArn'] },
        ContactFlowArn: { 'Fn::GetAtt': [mainFlowId, 'ContactFlowArn'] },
      });
      synth.line.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Allow',
              Action: [
                'connect:AssociatePhoneNumberContactFlow',
                'connect:DisassociatePhoneNumberContactFlow',
              ],
              Resource: [
                { 'Fn::GetAtt': [mainFlowId, 'ContactFlowArn'] },
                { 'Fn::GetAtt': [phoneId, 'PhoneNumberArn'] },
              ],
            },
          ]),
        },
      });
    });
  });
});
