import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { prod as config } from '../../config/stages/prod';
import { buildApp } from '../../infra/build-app';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { PartnerTopics } from '../../infra/constructs/partner-topics';

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions below check its shape.
type TemplateJson = any;

const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const { line } = buildApp(app, config);
const template = Template.fromStack(line);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties?: TemplateJson; Metadata?: TemplateJson }
>;

const functionId = (name: string) => {
  const id = Object.entries(resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::Lambda::Function' && resource.Metadata?.[FUNCTION_METADATA_KEY] === name,
  )?.[0];
  if (id === undefined) throw new Error(`No function ${name}`);
  return id;
};
const roleOf = (name: string) => resources[functionId(name)]?.Properties.Role['Fn::GetAtt'][0] as string;
/** Every policy statement attached to the role of each function, by function folder name. */
const statementsByFunction = () => {
  const byRole = new Map<string, TemplateJson[]>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    for (const role of resource.Properties.Roles) {
      const id = role.Ref as string;
      byRole.set(id, [...(byRole.get(id) ?? []), ...resource.Properties.PolicyDocument.Statement]);
    }
  }
  const names = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function')
    .map((resource) => resource.Metadata?.[FUNCTION_METADATA_KEY] as string | undefined)
    .filter((name): name is string => name !== undefined);
  return new Map(names.map((name) => [name, byRole.get(roleOf(name)) ?? []]));
};
const actionsOf = (statement: TemplateJson): string[] => [statement.Action].flat();
const phoneKeyId = Object.entries(resources).find(
  ([, resource]) =>
    resource.Type === 'AWS::KMS::Key' &&
    String(resource.Properties?.Description).includes('callback phone numbers'),
)?.[0];

describe('callback pipeline grants', () => {
  it('has a dedicated phone-number key with rotation', () => {
    expect(phoneKeyId).toBeDefined();
    expect(resources[phoneKeyId ?? '']?.Properties.EnableKeyRotation).toBe(true);
  });

  it('lets only dispatch-callback (encrypt) and partner-api (decrypt) use the phone-number key', () => {
    const users = new Map<string, string[]>();
    for (const [name, statements] of statementsByFunction()) {
      const onKey = statements.filter((statement) =>
        JSON.stringify(statement.Resource).includes(`"${phoneKeyId}"`),
      );
      if (onKey.length > 0) users.set(name, onKey.flatMap(actionsOf).sort());
    }
    expect(Object.fromEntries(users)).toEqual({
      'dispatch-callback': ['kms:GenerateDataKey'],
      'partner-api': ['kms:Decrypt'],
    });
  });

  it('lets the audit writers PutItem on the audit table, and nothing else, and nobody else touch it', () => {
    const writers = new Map<string, string[]>();
    for (const [name, statements] of statementsByFunction()) {
      const onAudit = statements.filter(
        (statement) =>
          JSON.stringify(statement.Resource).includes('AuditTable') &&
          actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
      );
      if (onAudit.length > 0) writers.set(name, onAudit.flatMap(actionsOf).sort());
    }
    expect(Object.fromEntries(writers)).toEqual({
      'callback-watch': ['dynamodb:PutItem'],
      'dispatch-callback': ['dynamodb:PutItem'],
      'partner-api': ['dynamodb:PutItem'],
    });
  });

  it('lets only dispatch-callback StartTaskContact, on the task flow and new contacts', () => {
    const starters = [...statementsByFunction()]
      .filter(([, statements]) =>
        statements.some((statement) =>
          actionsOf(statement).some((action) => action.startsWith('connect:StartTask')),
        ),
      )
      .map(([name]) => name);
    expect(starters).toEqual(['dispatch-callback']);
    const statement = statementsByFunction()
      .get('dispatch-callback')
      ?.find((candidate) => actionsOf(candidate).includes('connect:StartTaskContact'));
    expect(JSON.stringify(statement.Resource)).toContain('ContactFlowArn');
  });

  it('consumes the callback queue with partial batch failures, visibility ≥ 6× the timeout', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId('dispatch-callback') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const timeout = resources[functionId('dispatch-callback')]?.Properties.Timeout as number;
    const queues = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::SQS::Queue' && resource.Properties?.RedrivePolicy !== undefined,
    );
    const callbackQueue = queues.find((queue) => queue.Properties.VisibilityTimeout >= 6 * timeout);
    expect(callbackQueue?.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
  });

  it('publishes to one KMS-encrypted topic per association', () => {
    const topics = Object.values(resources).filter((resource) => resource.Type === 'AWS::SNS::Topic');
    for (const partner of config.partners) {
      const topic = topics.find((candidate) =>
        String(candidate.Properties.DisplayName).endsWith(partner.name),
      );
      // Encrypted with the topics' own customer key, not the AWS-managed SNS key.
      const keyRef = topic?.Properties.KmsMasterKeyId as { 'Fn::GetAtt'?: [string, string] } | undefined;
      expect(resources[keyRef?.['Fn::GetAtt']?.[0] ?? '']?.Type).toBe('AWS::KMS::Key');
    }
  });

  it('never configures the local stand-ins on AWS', () => {
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const variables = Object.keys(resource.Properties.Environment?.Variables ?? {});
      expect(variables).not.toContain('PHONE_LOCAL_AES_KEY');
      expect(variables).not.toContain('LOCAL_OUTBOX_DIR');
    }
  });
});

describe('partner API', () => {
  it('requires MFA and has one group per association', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    for (const partner of config.partners) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: partner.id });
    }
  });

  it('puts every route behind the Cognito JWT authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: Match.anyValue(), Audience: Match.anyValue() },
    });
    const routes = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::ApiGatewayV2::Route',
    );
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual([
      'GET /callbacks',
      'GET /callbacks/{id}',
      'POST /callbacks/{id}/claim',
      'POST /callbacks/{id}/open',
      'POST /callbacks/{id}/outcome',
    ]);
    for (const route of routes) expect(route.Properties.AuthorizationType).toBe('JWT');
  });
});

describe('callback-watch', () => {
  it('runs on a schedule and reminds the line by topic, not by Connect task', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: Match.arrayWith([
        Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('callback-watch'), 'Arn'] } }),
      ]),
    });
    const variables = Object.keys(
      resources[functionId('callback-watch')]?.Properties.Environment.Variables ?? {},
    );
    expect(variables).toContain('PARTNER_TOPIC_ARNS');
    expect(variables).not.toContain('CONNECT_INSTANCE_ID');
  });
});

describe('partner topics', () => {
  it('subscribes the e-mail addresses each partner config lists, and no others', () => {
    const stack = new Stack(new App(), 'Topics');
    new PartnerTopics(stack, 'PartnerTopics', {
      partners: [
        {
          id: 'cidff94',
          name: 'CIDFF 94',
          slaHours: 48,
          maxAttempts: 3,
          notificationEmails: ['rappels@cidff94.test'],
        },
        { id: 'apce94', name: 'APCE 94', slaHours: 72, maxAttempts: 3 },
      ],
    });
    const topics = Template.fromStack(stack);
    topics.resourceCountIs('AWS::SNS::Topic', 2);
    topics.resourceCountIs('AWS::SNS::Subscription', 1);
    topics.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'rappels@cidff94.test',
      TopicArn: { Ref: Match.stringLikeRegexp('Topiccidff94') },
    });
  });
});
