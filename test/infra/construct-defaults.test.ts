import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CallbackWatch } from '../../infra/constructs/callback-watch';
import { ContactFlows } from '../../infra/constructs/contact-flows';
import { LineFunction } from '../../infra/constructs/line-function';
import { MonthlyReport } from '../../infra/constructs/monthly-report';
import { PartnerTopics } from '../../infra/constructs/partner-topics';

/** Each construct whose props have defaults, built once with them and once without. */

const ACCOUNT = { account: '111122223333', region: 'eu-central-1' };
const INSTANCE = `arn:aws:connect:eu-central-1:111122223333:instance/0d4a9c1e-5b7f-4e2a-8c3d-9f1e2a3b4c5d`;

function stack(): Stack {
  return new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test', { env: ACCOUNT });
}

describe('LineFunction', () => {
  it('defaults to 3 s, 256 MB, unreserved, with the Powertools settings', () => {
    const scope = stack();
    new LineFunction(scope, 'Fn', { name: 'call-intake', logRetentionDays: 14 });
    const template = Template.fromStack(scope);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 3,
      MemorySize: 256,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: Match.absent(),
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'premier-pas' }) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  it('takes what it is given, and adds the environment to its own', () => {
    const scope = stack();
    new LineFunction(scope, 'Fn', {
      name: 'call-intake',
      logRetentionDays: 30,
      timeout: Duration.seconds(9),
      memorySize: 1024,
      reservedConcurrentExecutions: 4,
      environment: { CALLS_TABLE_NAME: 'calls' },
    });
    Template.fromStack(scope).hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 9,
      MemorySize: 1024,
      ReservedConcurrentExecutions: 4,
      Environment: {
        Variables: Match.objectLike({ CALLS_TABLE_NAME: 'calls', POWERTOOLS_SERVICE_NAME: 'premier-pas' }),
      },
    });
  });

  it('refuses a log retention CloudWatch does not offer', () => {
    expect(() => new LineFunction(stack(), 'Fn', { name: 'call-intake', logRetentionDays: 45 })).toThrow(
      /45 is not a CloudWatch retention period/,
    );
  });
});

describe('CallbackWatch', () => {
  const build = (every?: Duration) => {
    const scope = stack();
    const table = new dynamodb.Table(scope, 'Callbacks', {
      partitionKey: { name: 'requestId', type: dynamodb.AttributeType.STRING },
    });
    new CallbackWatch(scope, 'Watch', {
      callbacksTable: table,
      partnerTopics: new PartnerTopics(scope, 'Topics', {
        partners: [{ id: 'line', name: 'Ligne', slaHours: 24, maxAttempts: 3 }],
      }),
      encryptionKey: new kms.Key(scope, 'Key'),
      logRetentionDays: 14,
      partners: [{ id: 'line', slaHours: 24, maxAttempts: 3 }],
      closedCallbacksDays: 30,
      partnerPortalUrl: 'https://portail.example',
      ...(every === undefined ? {} : { every }),
    });
    return Template.fromStack(scope);
  };

  it('runs every hour by default', () => {
    build().hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('runs as often as it is told', () => {
    build(Duration.minutes(15)).hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
    });
  });
});

describe('ContactFlows', () => {
  const props = {
    instanceArn: INSTANCE,
    listenersQueueArn: `${INSTANCE}/queue/7a1e9f3c-2d4b-4c6a-8e0f-1b2c3d4e5f60`,
    hoursOfOperationArn: `${INSTANCE}/operating-hours/8b2f0a4d-3e5c-4d7b-9f10-2c3d4e5f6071`,
    callIntakeFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:call-intake',
    requestCallbackFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:request-callback',
    weekdayHours: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] as const,
  };
  const mainFlowContent = (guideFlowArn?: string): string => {
    const scope = stack();
    const flows = new ContactFlows(scope, 'Flows', { ...props, ...(guideFlowArn ? { guideFlowArn } : {}) });
    return JSON.stringify(Template.fromStack(scope).toJSON().Resources[scope.getLogicalId(flows.mainFlow)]);
  };

  it('sets no agent-workspace guide by default', () => {
    expect(mainFlowContent()).not.toContain('DefaultAgentUI');
  });

  it('sets the guide flow as the agent-workspace flow when given', () => {
    const guide = `${INSTANCE}/contact-flow/guide`;
    const content = mainFlowContent(guide);
    expect(content).toContain('DefaultAgentUI');
    expect(content).toContain(guide);
  });
});

describe('MonthlyReport', () => {
  const build = (removalPolicy?: RemovalPolicy) => {
    const scope = stack();
    const statisticsTable = new dynamodb.Table(scope, 'Statistics', {
      partitionKey: { name: 'statId', type: dynamodb.AttributeType.STRING },
    });
    const report = new MonthlyReport(scope, 'Report', {
      statisticsTable,
      logRetentionDays: 14,
      ...(removalPolicy === undefined ? {} : { removalPolicy }),
    });
    const resources = Template.fromStack(scope).toJSON().Resources as Record<
      string,
      { DeletionPolicy?: string }
    >;
    return resources[scope.getLogicalId(report.bucket.node.defaultChild as never)]?.DeletionPolicy;
  };

  it('retains the reports by default', () => {
    expect(build()).toBe('Retain');
  });

  it('lets a test stage drop them', () => {
    expect(build(RemovalPolicy.DESTROY)).toBe('Delete');
  });
});
