import { STAGES } from '../support/stages';
import { type SynthesizedTemplate, synthesizeTemplates } from '../support/synth';
import { connectLimitIssues, LIMITED_TYPES, REFERENCE_BOUND } from './connect-limits';

describe.each(STAGES.map((stage) => [stage.stage, stage] as const))(
  'Connect limits, stage %s',
  (_, stage) => {
    let templates: SynthesizedTemplate[];
    beforeAll(() => {
      templates = synthesizeTemplates(stage);
    }, 120_000);

    it('holds every limited resource type, so the check below is not vacuous', () => {
      const resources = templates.flatMap(({ template }) => Object.values(template.Resources ?? {}));
      const present = new Set(resources.map((resource) => resource.Type));
      for (const type of LIMITED_TYPES) expect(present).toContain(type);
    });

    it('keeps names, descriptions and flow content within what Connect accepts', () => {
      const issues = templates.flatMap(({ stackName, template }) =>
        connectLimitIssues(template).map((issue) => `${stackName}: ${issue}`),
      );
      expect(issues).toEqual([]);
    });
  },
);

describe('connectLimitIssues', () => {
  const resource = (Type: string, Properties: Record<string, unknown>) => ({
    Resources: { R: { Type, Properties } },
  });

  it('reports a flow name too long and a flow content too big once its references are resolved', () => {
    const references = Array.from({ length: 130 }, () => ({ 'Fn::GetAtt': ['Queue', 'Arn'] }));
    const issues = connectLimitIssues(
      resource('AWS::Connect::ContactFlow', {
        Name: 'x'.repeat(128),
        Content: { 'Fn::Join': ['', ['{"Actions":[]}', ...references]] },
      }),
    );
    expect(issues).toEqual([
      'R (AWS::Connect::ContactFlow) Name: up to 128 characters; the limit is 127',
      `R (AWS::Connect::ContactFlow) Content: up to ${14 + 130 * REFERENCE_BOUND} bytes (each reference counted as ${REFERENCE_BOUND}); the limit is 256000`,
    ]);
  });

  it('reports an apostrophe in a view description, and an empty queue description', () => {
    expect(
      connectLimitIssues(resource('AWS::Connect::View', { Name: 'Vue', Description: 'Type d’appel' })),
    ).toEqual([
      expect.stringContaining('R (AWS::Connect::View) Description: "Type d’appel" has characters outside'),
    ]);
    expect(connectLimitIssues(resource('AWS::Connect::Queue', { Name: 'File', Description: '' }))).toEqual([
      'R (AWS::Connect::Queue) Description: 0 characters; at least 1 are required',
    ]);
  });

  it('accepts French letters, digits and the allowed punctuation', () => {
    const view = resource('AWS::Connect::View', {
      Name: 'Qualification-Résultat',
      Description: 'Écoute, qualification: étape 2/3',
    });
    expect(connectLimitIssues(view)).toEqual([]);
  });
});
