import { resourcesOf, synthesizeLine } from '../support/synth';

/** The callback queue carries numbers: its own policy lets only dispatch-callback take messages off it. */
const { line } = synthesizeLine();

it('denies receiving from the callback queue to every principal but dispatch-callback', () => {
  const functions = resourcesOf(line, 'AWS::Lambda::Function') as Record<
    string,
    { Metadata?: Record<string, string>; Properties?: { Role?: { 'Fn::GetAtt': [string, string] } } }
  >;
  const dispatch = Object.values(functions).find(
    (fn) => fn.Metadata?.['premier-pas:function'] === 'dispatch-callback',
  );
  const roleId = dispatch?.Properties?.Role?.['Fn::GetAtt'][0];
  expect(roleId).toMatch(/DispatchCallback/);
  const statements = Object.values(resourcesOf(line, 'AWS::SQS::QueuePolicy')).flatMap(
    (policy) => (policy.Properties?.PolicyDocument as { Statement?: unknown[] } | undefined)?.Statement ?? [],
  );
  expect(statements).toContainEqual(
    expect.objectContaining({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CallbacksQueue/), 'Arn'] },
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [roleId, 'Arn'] } } },
    }),
  );
});
