import { STAGES } from '../support/stages';
import { synthesizeTemplates } from '../support/synth';
import { type CfnLintFinding, formatFinding, lintTemplates } from './cfn-lint';

/**
 * cfn-lint (the CloudFormation resource schemas, region by region) over every stack of every stage:
 * what `cdk synth` accepts but CloudFormation would refuse at deploy time. Rules we ignore are in
 * `.cfnlintrc.yaml`, each with its reason.
 */

// A template cfn-lint must fault (E3031, an apostrophe in a view description) and would warn about
// (W3005, which the config ignores): proves cfn-lint ran, read the config, and its output was parsed.
const CANARY_NAME = 'canary';
const CANARY = {
  Resources: {
    Instance: {
      Type: 'AWS::Connect::Instance',
      Properties: {
        IdentityManagementType: 'CONNECT_MANAGED',
        Attributes: { InboundCalls: true, OutboundCalls: false },
      },
    },
    View: {
      Type: 'AWS::Connect::View',
      DependsOn: ['Instance'],
      Properties: {
        InstanceArn: { 'Fn::GetAtt': ['Instance', 'Arn'] },
        Name: 'Canary',
        Description: "Type de l'appel",
        Template: {},
        Actions: ['Done'],
      },
    },
  },
};

const isCanary = (finding: CfnLintFinding) => finding.Filename.endsWith(`${CANARY_NAME}.json`);

describe('cfn-lint', () => {
  let findings: CfnLintFinding[];

  beforeAll(() => {
    const templates = STAGES.flatMap((stage) =>
      synthesizeTemplates(stage).map(({ stackName, template }) => ({
        name: stackName,
        region: stage.region,
        template,
      })),
    );
    const region = STAGES[0]?.region ?? 'eu-central-1';
    findings = lintTemplates([...templates, { name: CANARY_NAME, region, template: CANARY }]);
  }, 180_000);

  it('runs with the config: the canary gets its error and not the ignored warning', () => {
    expect(findings.filter(isCanary).map((finding) => finding.Rule.Id)).toEqual(['E3031']);
  });

  it('finds nothing in any stage template', () => {
    expect(findings.filter((finding) => !isCanary(finding)).map(formatFinding)).toEqual([]);
  });
});
