import { Match } from 'aws-cdk-lib/assertions';
import { QUALIFICATION_FIELDS } from '#domain/qualification/schema';
import { QUALIFICATION_RESULTS } from '#domain/texts/listener-messages';
import { GUIDE_FLOW_NAME, listenerGuideFlow } from '../../infra/constructs/listener-workspace';
import { MONTHLY_REPORT_SCHEDULE } from '../../infra/constructs/monthly-report';
import { callTypeViewContent, formViewContent } from '../../infra/constructs/qualification-view';
import { FlowBuilder } from '../../infra/flows/builder';
import { validateFlows } from '../../infra/flows/validator';
import { renderJoinedJson, resourcesOf, synthesizeLine } from '../support/synth';

const { line, stacks } = synthesizeLine();

const REFS = {
  qualifyCallFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:qualify',
  callTypeViewArn: 'arn:view/type:$LATEST',
  formViewArn: 'arn:view/form:$LATEST',
  resultViewArn: 'arn:view/result:$LATEST',
};

describe('listener workspace: views', () => {
  it('deploys the three views, the form generated from the schema with every field', () => {
    const views = resourcesOf(line, 'AWS::Connect::View');
    expect(Object.keys(views)).toHaveLength(3);
    const form = Object.values(views).find((view) => view.Properties?.Name === 'Qualification-Formulaire');
    expect(form?.Properties?.Template).toEqual(JSON.parse(JSON.stringify(formViewContent().Template)));
    expect(form?.Properties?.Actions).toEqual(['Submit', 'Back']);
    const text = JSON.stringify(form?.Properties?.Template);
    for (const field of QUALIFICATION_FIELDS.filter((f) => f.id !== 'callType')) {
      expect(text).toContain(`"Name":"${field.id}"`);
    }
    const callType = Object.values(views).find((view) => view.Properties?.Name === 'Qualification-TypeAppel');
    expect(callType?.Properties?.Actions).toEqual([...callTypeViewContent().Actions]);
  });
});

describe('listener workspace: guide flow', () => {
  it('passes the flow validator, and a broken guide fails it', () => {
    const guide = listenerGuideFlow(REFS);
    expect(validateFlows([guide])).toEqual([]);
    const broken = new FlowBuilder(GUIDE_FLOW_NAME, 'CONTACT_FLOW')
      .showView(
        'Form',
        { viewArn: 'v', timeLimitSeconds: 60 },
        { actions: { Submit: 'Nowhere' }, noMatch: 'End', error: 'End', timeout: 'End' },
      )
      .disconnect('End')
      .build('Form', 'broken');
    expect(validateFlows([broken]).map((issue) => issue.rule)).toContain('transition-target');
  });

  it('shows the call type, then the form; sends every field to qualify-call; loops back on a refusal', () => {
    const { document } = listenerGuideFlow(REFS);
    const byId = new Map(document.Actions.map((action) => [action.Identifier, action]));
    const callType = byId.get('CallType');
    expect(callType?.Type).toBe('ShowView');
    expect(callType?.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([
      ['real', 'Form'],
      ['silent', 'QualifyShort'],
      ['wrongNumber', 'QualifyShort'],
      ['abusive', 'QualifyShort'],
    ]);
    expect(byId.get('QualifyShort')?.Parameters.LambdaInvocationAttributes).toEqual({
      callContactId: '$.Attributes.callContactId',
      callType: '$.Views.Action',
    });
    const full = byId.get('QualifyFull')?.Parameters.LambdaInvocationAttributes as Record<string, string>;
    for (const field of QUALIFICATION_FIELDS.filter((f) => f.id !== 'callType')) {
      expect(full[field.id]).toBe(`$.Views.ViewResultData.${field.id}`);
    }
    // Answers (the callback number) stay out of the guide transcript and of the flow logs.
    expect(byId.get('Form')?.Parameters.SensitiveDataConfiguration).toEqual({
      HideResponseOn: ['TRANSCRIPT'],
    });
    expect(document.StartAction).toBe('LoggingOff');
    expect(byId.get('LoggingOff')?.Parameters).toEqual({ FlowLoggingBehavior: 'Disabled' });
    expect(byId.get('Status')?.Transitions.Conditions?.[0]).toEqual({
      NextAction: 'Form',
      Condition: { Operator: 'Equals', Operands: ['invalid'] },
    });
    expect(byId.get('QualifyFull')?.Transitions.Errors).toEqual([
      { NextAction: 'Unreachable', ErrorType: 'NoMatchingError' },
    ]);
  });

  it('words what the listener reads from domain/texts, and names the listeners as a team', () => {
    const guide = listenerGuideFlow(REFS);
    const unreachable = guide.document.Actions.find((action) => action.Identifier === 'Unreachable');
    expect(unreachable?.Parameters.ViewData).toEqual({ message: QUALIFICATION_RESULTS.unreachable });
    expect(guide.description).toBe(
      'Qualification anonyme de l’appel par l’équipe d’écoute (guide pas à pas).',
    );
  });

  it('is deployed with the views and qualify-call resolved, and set as the DefaultAgentUI flow of the main flow', () => {
    const flows = resourcesOf(line, 'AWS::Connect::ContactFlow');
    const guide = Object.entries(flows).find(([, flow]) => flow.Properties?.Name === GUIDE_FLOW_NAME);
    expect(guide).toBeDefined();
    const content = renderJoinedJson(guide?.[1].Properties?.Content);
    expect(JSON.stringify(guide?.[1].Properties?.Content)).toMatch(
      /\{"Fn::Join":\[":",\[\{"Fn::GetAtt":\["ListenerWorkspaceFormView\w+","ViewArn"\]\},"\$LATEST"\]\]\}/,
    );
    expect(content).toMatch(/"LambdaFunctionARN":"<ListenerWorkspaceQualifyCall\w+\.Arn>"/);
    const main = Object.values(flows).find((flow) => flow.Properties?.Name === 'Un premier pas - Accueil');
    const mainContent = renderJoinedJson(main?.Properties?.Content);
    expect(mainContent).toContain(`"DefaultAgentUI":"<${guide?.[0]}.ContactFlowArn>"`);
    expect(mainContent).toContain('"callContactId":"$.ContactId"');
  });

  it('gives qualify-call UpdateItem on the calls table, send on the callback queue, and a Connect integration', () => {
    const fn = stacks.line.listenerWorkspace.qualifyCall.function;
    const logicalId = stacks.line.getLogicalId(fn.node.defaultChild as never);
    line.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 3,
      Environment: {
        Variables: Match.objectLike({
          CALLS_TABLE_NAME: Match.anyValue(),
          CALLBACK_QUEUE_URL: Match.anyValue(),
        }),
      },
    });
    line.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      IntegrationType: 'LAMBDA_FUNCTION',
      IntegrationArn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
    });
    const policies = JSON.stringify(resourcesOf(line, 'AWS::IAM::Policy'));
    expect(policies).toContain('"dynamodb:UpdateItem"');
    expect(stacks.line.functions).toContain(stacks.line.listenerWorkspace.qualifyCall);
  });
});

describe('monthly report infrastructure', () => {
  it('runs on the 1st of each month at 04:00 Paris time, with retries and a DLQ', () => {
    const { minute, hour, day } = MONTHLY_REPORT_SCHEDULE;
    line.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `cron(${minute} ${hour} ${day} * ? *)`,
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: Match.objectLike({
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
        DeadLetterConfig: { Arn: Match.anyValue() },
        Input: Match.stringLikeRegexp('aws.scheduler.scheduled-time'),
      }),
    });
    expect(stacks.line.deadLetterQueues).toContain(stacks.line.monthlyReport.deadLetterQueue);
  });

  it('writes to a versioned, KMS-encrypted, private, TLS-only bucket with access logs', () => {
    const reportsBucketId = stacks.line.getLogicalId(
      stacks.line.monthlyReport.bucket.node.defaultChild as never,
    );
    const logsBucketId = stacks.line.getLogicalId(
      stacks.line.monthlyReport.accessLogsBucket.node.defaultChild as never,
    );
    const bucket = resourcesOf(line, 'AWS::S3::Bucket')[reportsBucketId]?.Properties;
    expect(bucket).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
            BucketKeyEnabled: true,
          },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsBucketId }, LogFilePrefix: 'reports/' },
    });
    line.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: reportsBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    line.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('monthly'),
    });
  });

  it('lets monthly-report query only the byDay index and put report files only', () => {
    const role = stacks.line.monthlyReport.function.function.role;
    const policy = Object.values(resourcesOf(line, 'AWS::IAM::Policy')).find((candidate) =>
      JSON.stringify(candidate.Properties?.Roles).includes(
        stacks.line.getLogicalId(role?.node.defaultChild as never),
      ),
    );
    const statements = JSON.stringify(policy?.Properties?.PolicyDocument);
    expect(statements).toContain('"dynamodb:Query"');
    expect(statements).toContain('/index/byDay');
    expect(statements).not.toContain('index/*');
    expect(statements).toContain('"s3:PutObject"');
    expect(statements).not.toMatch(/s3:(Delete|Get|Abort)/);
  });
});
