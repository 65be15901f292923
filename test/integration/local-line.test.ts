import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import type { CfnResource } from '../../local/runtime/cfn-template';
import { registerHandler } from '../../local/runtime/lambda-runtime';
import { drainQueue } from '../../local/runtime/sqs-poller';
import { lineClients, withLocalLine } from '../support/local-line';

const line = withLocalLine();
const clients = lineClients(line);
afterAll(() => clients.destroy());

const templateResources = (type: string): [string, CfnResource][] =>
  line.templates.flatMap(({ template }) =>
    Object.entries(template.Resources ?? {}).filter(([, resource]) => resource.Type === type),
  );

describe('provisioning from the synthesized app', () => {
  it('creates every table of the template with its keys, GSIs and TTL', async () => {
    const tables = [
      ...templateResources('AWS::DynamoDB::Table'),
      ...templateResources('AWS::DynamoDB::GlobalTable'),
    ];
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const [logicalId, resource] of tables) {
      const props = resource.Properties ?? {};
      const local = line.tables.byLogicalId[logicalId];
      expect(local).toBeDefined();
      const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: local?.tableName }));
      expect(Table?.KeySchema).toEqual(props.KeySchema);
      expect(new Set(Table?.AttributeDefinitions?.map((definition) => JSON.stringify(definition)))).toEqual(
        new Set((props.AttributeDefinitions as unknown[]).map((definition) => JSON.stringify(definition))),
      );
      const expectedIndexes = (
        (props.GlobalSecondaryIndexes as Record<string, unknown>[] | undefined) ?? []
      ).map((index) => ({
        name: index.IndexName,
        keys: index.KeySchema,
        projection: (index.Projection as { ProjectionType: string }).ProjectionType,
      }));
      const localIndexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        name: index.IndexName,
        keys: index.KeySchema,
        projection: index.Projection?.ProjectionType,
      }));
      expect(localIndexes).toEqual(expectedIndexes);
      const ttl = props.TimeToLiveSpecification as { AttributeName: string } | undefined;
      const { TimeToLiveDescription } = await clients.dynamo.send(
        new DescribeTimeToLiveCommand({ TableName: local?.tableName }),
      );
      expect(TimeToLiveDescription?.AttributeName).toBe(ttl?.AttributeName);
      if (ttl) expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
    }
  });

  it('gives the calls, callbacks and idempotency tables the keys of the shared contract', () => {
    expect(line.tables.calls.keySchema).toEqual([{ AttributeName: 'contactId', KeyType: 'HASH' }]);
    expect(line.tables.calls.globalSecondaryIndexes).toContain('byDay');
    expect(line.tables.calls.ttlAttribute).toBe('expiresAt');
    expect(line.tables.callbacks.globalSecondaryIndexes).toContain('byPartnerStatus');
    expect(line.tables.idempotency.ttlAttribute).toBe('expiration');
    expect(line.env.CALLS_TABLE_NAME).toBe(line.tables.calls.tableName);
  });

  it('creates every queue with its visibility timeout and the DLQ redrive of the template', async () => {
    const queues = templateResources('AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThanOrEqual(2);
    for (const [logicalId, resource] of queues) {
      const props = resource.Properties ?? {};
      const local = line.queues.byLogicalId[logicalId];
      expect(local).toBeDefined();
      const { Attributes } = await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: local?.url, AttributeNames: ['All'] }),
      );
      expect(Attributes?.VisibilityTimeout).toBe(String(props.VisibilityTimeout ?? 30));
      const redrive = props.RedrivePolicy as
        | { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] }; maxReceiveCount: number }
        | undefined;
      if (redrive === undefined) {
        expect(Attributes?.RedrivePolicy).toBeUndefined();
        continue;
      }
      const deadLetterQueue = line.queues.byLogicalId[redrive.deadLetterTargetArn['Fn::GetAtt'][0]];
      const policy = JSON.parse(Attributes?.RedrivePolicy ?? '{}') as Record<string, unknown>;
      expect(policy.deadLetterTargetArn).toBe(deadLetterQueue?.arn);
      // SQS spells the count as a number, fauxqs as a string.
      expect(Number(policy.maxReceiveCount)).toBe(redrive.maxReceiveCount);
    }
    expect(line.env.CALLBACK_QUEUE_URL).toBe(line.queues.callback.url);
    expect(line.queues.callback.maxReceiveCount).toBeGreaterThanOrEqual(5);
  });
});

describe('SQS event source', () => {
  it('deletes what succeeded, keeps failed messages, and the emulator redrives them to the DLQ', async () => {
    const suffix = Date.now().toString(36);
    const dlq = await clients.sqs.send(new CreateQueueCommand({ QueueName: `test-dlq-${suffix}` }));
    const dlqArn = (
      await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes?.QueueArn;
    const queue = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: `test-queue-${suffix}`,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '2' }) },
      }),
    );
    const queueArn = (
      await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes?.QueueArn;
    for (const body of ['ok-1', 'fail-1', 'ok-2', 'fail-2']) {
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.QueueUrl, MessageBody: body }));
    }
    const seen: string[] = [];
    const unregister = registerHandler('test-consumer', async (event) => {
      const records = (event as SQSEvent).Records;
      seen.push(...records.map((record) => record.body));
      return {
        batchItemFailures: records
          .filter((record) => record.body.startsWith('fail'))
          .map((record) => ({ itemIdentifier: record.messageId })),
      };
    });
    try {
      const summary = await drainQueue({
        queueUrl: queue.QueueUrl ?? '',
        queueArn: queueArn ?? '',
        functionName: 'test-consumer',
        failedMessageVisibilitySeconds: 0,
        sqs: clients.sqs,
      });
      expect(summary.deleted).toBe(2);
      // Each failing message was delivered maxReceiveCount (2) times before the redrive.
      expect(seen.filter((body) => body === 'fail-1')).toHaveLength(2);
      expect(seen.filter((body) => body === 'ok-1')).toHaveLength(1);
      const dlqDepth = await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: dlq.QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      expect(dlqDepth.Attributes?.ApproximateNumberOfMessages).toBe('2');
    } finally {
      unregister();
    }
  });
});

describe('npm run invoke', () => {
  const invoke = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'local/cli/invoke.ts', ...args],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        // Attaches to this run's line (PREMIER_PAS_LINE_FILE) instead of starting one.
        env: { ...process.env },
        timeout: 60_000,
      },
    );

  it('prints the handler result as the last line of stdout and exits 0', () => {
    const run = invoke('call-intake', 'events/contact-flow/call-intake.json');
    expect(run.stderr).toContain('using the running local line');
    // stderr in the assertion, so a failure shows why.
    expect(`exit ${run.status}\n${run.stderr}`).toMatch(/^exit 0\n/);
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toEqual({ lineState: 'ok', recorded: 'true' });
  });

  it('exits 2 with a clear message on an unknown function, a missing file or bad JSON', () => {
    const unknown = invoke('no-such-function', 'events/contact-flow/call-intake.json');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown function "no-such-function"');

    const missing = invoke('call-intake', 'events/does-not-exist.json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read the event file events/does-not-exist.json: ENOENT');

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'invoke-')), 'bad.json');
    fs.writeFileSync(file, '{ not json');
    const bad = invoke('call-intake', file);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is not valid JSON');

    const usage = invoke('call-intake');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run invoke');
  });

  it('exits 1 and prints the Lambda error shape when the handler rejects the event', () => {
    const run = invoke('contact-events', 'events/contact-flow/call-intake.json');
    expect(run.status).toBe(1);
    const last = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { errorType?: string };
    expect(typeof last.errorType).toBe('string');
  });

  it('prints its usage on --help and exits 0', () => {
    const run = invoke('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run invoke');
  });
});
