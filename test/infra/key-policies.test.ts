import { STAGES } from '../support/stages';
import { type CloudFormationTemplate, renderJoinedJson, synthesizeTemplates } from '../support/synth';

/**
 * Who can read what each key protects, from the synthesized key policies of every stack of every
 * stage. A principal that can Decrypt with a key (or ReEncrypt from it, or CreateGrant on it, which
 * both lead to the plaintext), other than the ones allowed below with their reason, fails the build.
 * IAM policies alone cannot add a reader: a key policy that does not name the account for an action
 * leaves IAM no say in it.
 */

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the helpers below check its shape.
type Json = any;

/** Actions that reveal plaintext: Decrypt itself, re-encryption out of the key, a grant. */
const READING_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:CreateGrant'];

/** Who may read with each key (by logical id, the same in every stage), and why. */
const ALLOWED_READERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  CallbackPipelineDispatchPhoneKeyE19A79EC: {
    'function:partner-api': 'opens a callback for its association (POST /callbacks/{id}/open)',
    'role:BreakGlassRoleC6BA1B81':
      'break-glass, MFA only, alarmed on every use (docs/runbook.md); the line has no other way in',
  },
  CallbackPipelineDispatchQueueEnvelopeKey9454B1F8: {
    'function:dispatch-callback':
      'unwraps the data key of each queued request (RSAES_OAEP_SHA_256 only), then re-encrypts the number under the phone key',
  },
  DataKey17AFBB84: {
    account:
      'tables, queues and listener passwords: DynamoDB, SQS and Secrets Manager act for the functions, whose IAM grants are checked table by table; no phone number in clear is under this key',
    'service:events.amazonaws.com': 'EventBridge delivers failed contact events to the encrypted DLQ',
  },
  FlowLogsKeyBAB0B9A4: {
    account: 'ops read the flow logs of the line (no keyed digits: logging is off while they are entered)',
    'service:logs.<region>.amazonaws.com':
      'CloudWatch Logs encrypts and reads the flow-log group, that group only',
  },
  CallbackPipelinePartnerTopicsKey93FBD0A6: {
    account: 'partner notifications carry ids and a link, never a number; SNS acts for the publishers',
  },
  MonthlyReportReportsKey81BB111D: {
    account: 'the département reads the anonymous monthly reports',
  },
  AlarmTopicKey57B0D3A7: {
    account: 'alarm notifications carry no personal data',
    'service:cloudwatch.amazonaws.com': 'CloudWatch publishes alarms to the encrypted topic',
    'service:events.amazonaws.com': 'EventBridge publishes the phone-key alarm to the encrypted topic',
  },
};

const matches = (pattern: string, action: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);

const normalize = (label: string): string =>
  label
    .replace(/PremierPas-[A-Za-z0-9]+-/g, 'PremierPas-<stage>-')
    .replace(/\d{12}/g, '<account>')
    .replace(/[a-z]{2}-[a-z]+-\d|<AWS::Region>/g, '<region>');

/** A readable name for each principal of a statement, a role's ARN condition taking the account's place. */
function principalsOf(statement: Json, functionByRole: ReadonlyMap<string, string>): string[] {
  const principalArn =
    statement.Condition?.ArnEquals?.['aws:PrincipalArn'] ??
    statement.Condition?.ArnLike?.['aws:PrincipalArn'];
  const labels: string[] = [];
  for (const [kind, values] of Object.entries(statement.Principal as Record<string, unknown>)) {
    for (const value of [values].flat()) {
      if (kind === 'Service') {
        labels.push(`service:${normalize(renderJoinedJson(value))}`);
        continue;
      }
      const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt !== undefined) {
        const name = functionByRole.get(getAtt[0]);
        labels.push(name === undefined ? `role:${getAtt[0]}` : `function:${name}`);
        continue;
      }
      const arn = renderJoinedJson(value);
      if (!arn.endsWith(':root')) labels.push(normalize(arn));
      else if (principalArn !== undefined)
        labels.push(normalize(renderJoinedJson(principalArn).replace(/^.*:/, '')));
      else labels.push('account');
    }
  }
  return labels;
}

function functionsByRole(template: CloudFormationTemplate): Map<string, string> {
  const byRole = new Map<string, string>();
  for (const resource of Object.values(template.Resources ?? {}) as Json[]) {
    const name = resource.Metadata?.['premier-pas:function'];
    const role = resource.Properties?.Role?.['Fn::GetAtt']?.[0];
    if (resource.Type === 'AWS::Lambda::Function' && name !== undefined && role !== undefined)
      byRole.set(role, name);
  }
  return byRole;
}

/** Every principal that may read with each key of the template, by key logical id. */
function readersByKey(template: CloudFormationTemplate): Map<string, Set<string>> {
  const functionByRole = functionsByRole(template);
  const readers = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::KMS::Key') continue;
    const found = new Set<string>();
    for (const statement of (resource.Properties as Json).KeyPolicy.Statement as Json[]) {
      if (statement.Effect !== 'Allow') continue;
      const actions: string[] = [statement.Action].flat();
      const reads = READING_ACTIONS.some((action) => actions.some((pattern) => matches(pattern, action)));
      if (reads) for (const label of principalsOf(statement, functionByRole)) found.add(label);
    }
    readers.set(id, found);
  }
  return readers;
}

describe('the reader check', () => {
  it('sees a wildcard, a conditioned role and a service as readers, and an admin-only statement as none', () => {
    const root = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] };
    const readers = readersByKey({
      Resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Describe*', 'kms:PutKeyPolicy'] },
                {
                  Effect: 'Allow',
                  Principal: { AWS: 'arn:aws:iam::111122223333:role/Other' },
                  Action: 'kms:*',
                },
                { Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:ReEncrypt*' },
                {
                  Effect: 'Allow',
                  Principal: { AWS: root },
                  Action: 'kms:Decrypt',
                  Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Reader' } },
                },
              ],
            },
          },
        },
      },
    });
    expect([...(readers.get('Key') ?? [])].sort()).toEqual([
      'arn:aws:iam::<account>:role/Other',
      'role/Reader',
      'service:logs.amazonaws.com',
    ]);
  });
});

describe.each(STAGES.map((stage) => [stage.stage, stage] as const))('key policies of %s', (_name, stage) => {
  const templates = synthesizeTemplates(stage);
  const keys = new Map(templates.flatMap(({ template }) => [...readersByKey(template)]));

  it('are all listed here, each with the readers it allows', () => {
    expect([...keys.keys()].sort()).toEqual(Object.keys(ALLOWED_READERS).sort());
  });

  it.each(Object.keys(ALLOWED_READERS))('%s lets no one else read', (keyId) => {
    expect([...(keys.get(keyId) ?? [])].sort()).toEqual(Object.keys(ALLOWED_READERS[keyId] ?? {}).sort());
  });

  it('lets the phone key be used only with a callback contact encryption context', () => {
    const phoneKey = templates
      .map(({ template }) => template.Resources?.CallbackPipelineDispatchPhoneKeyE19A79EC)
      .find((resource) => resource !== undefined) as Json;
    const uses = (phoneKey.Properties.KeyPolicy.Statement as Json[]).filter((statement) =>
      [statement.Action].flat().some((action: string) => /Decrypt|GenerateDataKey/.test(action)),
    );
    expect(uses.map((statement) => statement.Sid).sort()).toEqual([
      'BreakGlassDecryptsCallbackContacts',
      'DispatchCallbackEncryptsCallbackContacts',
      'PartnerApiDecryptsCallbackContacts',
    ]);
    for (const statement of uses) {
      expect(statement.Condition).toEqual({
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['purpose', 'requestId', 'partnerId'] },
        Null: {
          'kms:EncryptionContext:purpose': 'false',
          'kms:EncryptionContext:requestId': 'false',
          'kms:EncryptionContext:partnerId': 'false',
        },
        StringEquals: { 'kms:EncryptionContext:purpose': 'premier-pas:callback-contact' },
      });
    }
  });

  describe('the queue-envelope key', () => {
    const resources = Object.assign({}, ...templates.map(({ template }) => template.Resources ?? {})) as Json;
    const envelopeKey = resources.CallbackPipelineDispatchQueueEnvelopeKey9454B1F8;
    const statements = envelopeKey.Properties.KeyPolicy.Statement as Json[];
    const functionByRole = new Map(templates.flatMap(({ template }) => [...functionsByRole(template)]));

    it('is an RSA_3072 encryption key, which KMS cannot rotate, retained with the stack', () => {
      expect(envelopeKey.Properties).toMatchObject({ KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' });
      expect(envelopeKey.Properties.EnableKeyRotation).not.toBe(true);
      expect(envelopeKey.DeletionPolicy).toBe('Retain');
    });

    it('lets dispatch-callback Decrypt with RSAES_OAEP_SHA_256 only, and no one Encrypt', () => {
      const decrypts = statements.filter((statement) =>
        [statement.Action].flat().some((action: string) => matches(action, 'kms:Decrypt')),
      );
      expect(decrypts.map((statement) => principalsOf(statement, functionByRole))).toEqual([
        ['function:dispatch-callback'],
      ]);
      expect(decrypts[0].Condition).toEqual({
        StringEquals: { 'kms:EncryptionAlgorithm': 'RSAES_OAEP_SHA_256' },
      });
      const encrypts = statements.filter((statement) =>
        [statement.Action].flat().some((action: string) => matches(action, 'kms:Encrypt')),
      );
      expect(encrypts).toEqual([]);
    });

    it('gives its public half to the deploy-time reader alone', () => {
      const readsPublicKey = statements.filter((statement) =>
        [statement.Action].flat().some((action: string) => matches(action, 'kms:GetPublicKey')),
      );
      expect(readsPublicKey.map((statement) => principalsOf(statement, functionByRole))).toEqual([
        ['function:queue-envelope-public-key'],
      ]);
    });

    it('is not usable by the producers: their roles hold no KMS action on it', () => {
      const producerRoles = [...functionByRole]
        .filter(([, name]) => name === 'request-callback' || name === 'qualify-call')
        .map(([role]) => role);
      expect(producerRoles).toHaveLength(2);
      const keyRef = 'CallbackPipelineDispatchQueueEnvelopeKey9454B1F8';
      for (const policy of Object.values(resources) as Json[]) {
        if (policy.Type !== 'AWS::IAM::Policy') continue;
        const roles = (policy.Properties.Roles as Json[]).map((role) => role.Ref);
        if (!roles.some((role: string) => producerRoles.includes(role))) continue;
        expect(JSON.stringify(policy.Properties.PolicyDocument)).not.toContain(keyRef);
      }
      // Their environment carries the public key, from the deploy-time custom resource.
      for (const resource of Object.values(resources) as Json[]) {
        const name = resource.Metadata?.['premier-pas:function'];
        if (name !== 'request-callback' && name !== 'qualify-call') continue;
        expect(resource.Properties.Environment.Variables.CALLBACK_ENVELOPE_PUBLIC_KEY).toEqual({
          'Fn::GetAtt': [
            expect.stringMatching(/^CallbackPipelineDispatchQueueEnvelopePublicKey/),
            'PublicKey',
          ],
        });
      }
    });
  });
});
