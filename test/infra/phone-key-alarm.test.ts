import { Match } from 'aws-cdk-lib/assertions';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { synthesizeLine } from '../support/synth';

/**
 * The break-glass role (named, MFA only, one hour) and the alarm on any use of the phone key that is
 * not partner-api's: the two halves of "a number is read only by the association it was sent to".
 */

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions below check its shape.
type Json = any;

const synthesized = synthesizeLine();
const lineResources = synthesized.line.toJSON().Resources as Record<string, Json>;
const partnerApiRole = Object.values(lineResources).find(
  (resource) =>
    resource.Type === 'AWS::Lambda::Function' && resource.Metadata?.[FUNCTION_METADATA_KEY] === 'partner-api',
)?.Properties.Role['Fn::GetAtt'][0] as string;

describe('break-glass role', () => {
  it('is named for the runbook, assumable by the account with MFA only, for an hour', () => {
    synthesized.line.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'PremierPas-prod-BreakGlass',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            Principal: { AWS: Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
          }),
        ],
      },
    });
  });
});

describe('phone-key alarm', () => {
  const rules = synthesized.observability.findResources('AWS::Events::Rule');
  const rule = Object.values(rules).find((candidate: Json) =>
    candidate.Properties.EventPattern?.source?.includes('aws.kms'),
  ) as Json;

  it('watches Decrypt, policy and grant changes on the phone key, from CloudTrail', () => {
    const pattern = rule.Properties.EventPattern;
    expect(pattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(pattern.detail.eventSource).toEqual(['kms.amazonaws.com']);
    expect(pattern.detail.eventName).toEqual(['Decrypt', 'PutKeyPolicy', 'CreateGrant']);
    expect(JSON.stringify(pattern.detail.resources.ARN)).toContain('PhoneKey');
  });

  it('ignores partner-api, and only partner-api', () => {
    const either = rule.Properties.EventPattern.detail.$or;
    const exempt = either[0].userIdentity.sessionContext.sessionIssuer.arn[0]['anything-but'];
    expect(JSON.stringify(exempt)).toContain(partnerApiRole);
    expect(either[1]).toEqual({ userIdentity: { type: [{ 'anything-but': 'AssumedRole' }] } });
  });

  it('alerts the alarm topic, which EventBridge may encrypt to', () => {
    const topicId = Object.keys(synthesized.observability.findResources('AWS::SNS::Topic'))[0];
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { Ref: topicId }, InputTransformer: expect.anything() }),
    ]);
    synthesized.observability.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Action: Match.arrayWith(['kms:GenerateDataKey*']),
          }),
        ]),
      },
    });
  });
});
