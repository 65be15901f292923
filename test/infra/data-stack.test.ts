import { Match } from 'aws-cdk-lib/assertions';
import { type SynthesizedLine, synthesizeLine } from '../support/synth';

describe('DataStack', () => {
  let synth: SynthesizedLine;
  beforeAll(() => {
    synth = synthesizeLine();
  });

  it('has termination protection', () => {
    expect(synth.stacks.data.terminationProtection).toBe(true);
  });

  it('has two customer keys, the data key and the caller-key secret key, rotated and retained', () => {
    const keys = synth.data.findResources('AWS::KMS::Key');
    expect(Object.keys(keys).sort()).toEqual(['DataKey17AFBB84']);
    for (const key of Object.values(keys)) {
      expect(key).toMatchObject({
        Properties: { EnableKeyRotation: true },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  it('encrypts every table with the customer key, with PITR, TTL, on demand, retained, no physical name', () => {
    const keyId = 'DataKey17AFBB84';
    const tables = synth.data.findResources('AWS::DynamoDB::Table');

    expect(Object.keys(tables)).toHaveLength(5);
    for (const table of Object.values(tables)) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: {
            SSEEnabled: true,
            SSEType: 'KMS',
            KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
          },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          TimeToLiveSpecification: { Enabled: true, AttributeName: expect.any(String) },
          DeletionProtectionEnabled: true,
        },
      });
      expect(table.Properties.TableName).toBeUndefined();
    }
  });

  it('has the calls table keyed on contactId, with the byDay index and expiresAt TTL', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'contactId', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byDay',
          KeySchema: [
            { AttributeName: 'day', KeyType: 'HASH' },
            { AttributeName: 'initiatedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'contactId', AttributeType: 'S' },
        { AttributeName: 'day', AttributeType: 'S' },
        { AttributeName: 'initiatedAt', AttributeType: 'S' },
      ]),
    });
  });

  it('has the callbacks table keyed on requestId, with the byPartnerStatus index and expiresAt TTL', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'requestId', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byPartnerStatus',
          KeySchema: [
            { AttributeName: 'partnerStatus', KeyType: 'HASH' },
            { AttributeName: 'dueBy', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('has the audit table keyed on requestId and entryId, with expiresAt TTL', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'requestId', KeyType: 'HASH' },
        { AttributeName: 'entryId', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
    });
  });

  it('has the idempotency table as Powertools expects it (id, expiration)', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      GlobalSecondaryIndexes: Match.absent(),
    });
  });

  it('has the statistics table keyed on a random statId, with a byDay index and expiresAt TTL', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'statId', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byDay',
          KeySchema: [{ AttributeName: 'day', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      AttributeDefinitions: [
        { AttributeName: 'statId', AttributeType: 'S' },
        { AttributeName: 'day', AttributeType: 'S' },
      ],
    });
  });

  it('holds no caller-key secret: nothing derived from a calling number is kept', () => {
    synth.data.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });
});
