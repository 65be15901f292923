import { synthesizeLine } from '../support/synth';

/**
 * The line's state, pinned by logical ID. CloudFormation replaces a resource whose logical ID changes:
 * renaming a construct would create new empty tables, new keys (numbers encrypted under the old key
 * unreadable), a new Connect instance and would release the published phone number. A rename of any of
 * these must fail here first, and be done on purpose with the CDK's `overrideLogicalId`.
 */
const STATEFUL: Readonly<Record<'data' | 'line', Readonly<Record<string, string>>>> = {
  data: {
    DataKey17AFBB84: 'AWS::KMS::Key',
    CallsTableD3962D26: 'AWS::DynamoDB::Table',
    // The caller-key secret (CallerKeySecret71EE95AF) left on purpose: no key of a calling number is kept.
    StatisticsTableA0EC13A6: 'AWS::DynamoDB::Table',
    CallbacksTable99CE6AC0: 'AWS::DynamoDB::Table',
    IdempotencyTable22A5A209: 'AWS::DynamoDB::Table',
    AuditTableB07F8EEB: 'AWS::DynamoDB::Table',
  },
  line: {
    ConnectInstanceA41B2DEB: 'AWS::Connect::Instance',
    PhoneNumberFB2B257C: 'AWS::Connect::PhoneNumber',
    CallbackCallerNumber3436C736: 'AWS::Connect::PhoneNumber',
    CallbackPipelineDispatchPhoneKeyE19A79EC: 'AWS::KMS::Key',
    // Queued requests are sealed under it: a new key would leave them (4 days, 14 in the DLQ) unreadable.
    CallbackPipelineDispatchQueueEnvelopeKey9454B1F8: 'AWS::KMS::Key',
    CallbackPipelinePartnerApiUsers6D5006E1: 'AWS::Cognito::UserPool',
    MonthlyReportReportsKey81BB111D: 'AWS::KMS::Key',
    MonthlyReportReports54B07895: 'AWS::S3::Bucket',
    MonthlyReportAccessLogs2A8ED8BD: 'AWS::S3::Bucket',
    FlowLogsKeyBAB0B9A4: 'AWS::KMS::Key',
    FlowLogsGroupFE1E692E: 'AWS::Logs::LogGroup',
    // Only the built portal: retained so deleting the stack never fails on it; the distribution reads it.
    PartnerPortalBucketEA7F379C: 'AWS::S3::Bucket',
  },
};

const synthesized = synthesizeLine();

describe.each(Object.entries(STATEFUL))('the %s stack', (stack, resources) => {
  const template = synthesized[stack as 'data' | 'line'].toJSON() as {
    Resources: Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  };

  it.each(Object.entries(resources))('keeps %s (%s), retained', (logicalId, type) => {
    const resource = template.Resources[logicalId];
    expect(resource?.Type).toBe(type);
    expect(resource?.DeletionPolicy).toBe('Retain');
    expect(resource?.UpdateReplacePolicy).toBe('Retain');
  });

  it('has no stateful resource left unpinned', () => {
    const statefulTypes = new Set(Object.values(resources));
    const found = Object.entries(template.Resources)
      .filter(([, resource]) => statefulTypes.has(resource.Type) && resource.DeletionPolicy === 'Retain')
      .map(([logicalId]) => logicalId);
    expect(found.sort()).toEqual(Object.keys(resources).sort());
  });
});

describe('stacks that hold state', () => {
  it.each(['data', 'line'] as const)('%s has termination protection', (stack) => {
    expect(synthesized.stacks[stack].terminationProtection).toBe(true);
  });
});

describe('a number claimed beforehand', () => {
  const arn = 'arn:aws:connect:eu-central-1:111122223333:phone-number/0d4a9c1e-5b7f-4e2a-8c3d-9f1e2a3b4c5d';
  const withExisting = synthesizeLine({
    phoneNumber: { existingPhoneNumberArn: arn },
    callbackCallerNumber: { existingPhoneNumberArn: `${arn.slice(0, -4)}0000` },
  });

  it('is associated with the main flow, and the stack claims none', () => {
    withExisting.line.resourceCountIs('AWS::Connect::PhoneNumber', 0);
    withExisting.line.hasResourceProperties('Custom::PhoneNumberContactFlowAssociation', {
      PhoneNumberArn: arn,
    });
  });
});
