import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ASYNC_SDK_TIMEOUTS, FLOW_SDK_TIMEOUTS } from '../../../functions/shared/clients/budgets';
import { asyncDynamo, flowDynamo } from '../../../functions/shared/clients/dynamodb';
import { flowSqs } from '../../../functions/shared/clients/sqs';
import { sdkTransport } from '../../../functions/shared/clients/transport';
import { importSpecifiers, REPO_ROOT } from '../../support/dependency-rules';

/**
 * One way to make SDK clients: functions/shared/clients/, one module per AWS service, so a function
 * bundles only the services it imports; the budgets beside them import no SDK code at all.
 */

const FUNCTIONS_DIR = path.join(REPO_ROOT, 'functions');
const CLIENTS_DIR = path.join(FUNCTIONS_DIR, 'shared', 'clients');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const read = (file: string) => fs.readFileSync(file, 'utf8');
const relative = (file: string) => path.relative(REPO_ROOT, file);
/** The AWS services a module calls: the service packages it imports (lib-dynamodb rides on
 * client-dynamodb), or the service of its signed requests. */
const servicePackages = (source: string) => [
  ...importSpecifiers(source).filter((specifier) => /^@aws-sdk\/client-/.test(specifier)),
  ...[...source.matchAll(/signedRequest\(\{ service: '([\w-]+)'/g)].map((match) => `signed:${match[1]}`),
];

describe('SDK clients', () => {
  it('budgets.ts imports nothing, so any module may read a budget without bundling a client', () => {
    expect(importSpecifiers(read(path.join(CLIENTS_DIR, 'budgets.ts')))).toEqual([]);
  });

  it('each client module holds the clients of one AWS service', () => {
    const modules = sourceFiles(CLIENTS_DIR).filter(
      (file) => !/budgets|transport|signed-request|aws-protocols/.test(file),
    );
    expect(modules.length).toBeGreaterThanOrEqual(6);
    const notOneService = modules
      .map((file) => ({ file: relative(file), services: servicePackages(read(file)) }))
      .filter((module) => module.services.length !== 1);
    expect(notOneService).toEqual([]);
  });

  it('no module outside functions/shared/clients/ builds an SDK client', () => {
    const building = sourceFiles(FUNCTIONS_DIR).filter(
      (file) =>
        !file.startsWith(CLIENTS_DIR) &&
        /\bnew \w+Client\(|\bgetClient\(|\bNodeHttpHandler\b/.test(read(file)),
    );
    expect(building.map(relative)).toEqual([]);
  });

  it('flow clients carry the flow budget, asynchronous ones the async budget', async () => {
    expect(await flowDynamo.config.maxAttempts()).toBe(FLOW_SDK_TIMEOUTS.maxAttempts);
    expect(await flowSqs.config.maxAttempts()).toBe(FLOW_SDK_TIMEOUTS.maxAttempts);
    expect(await asyncDynamo.config.maxAttempts()).toBe(ASYNC_SDK_TIMEOUTS.maxAttempts);
  });

  it('a flow client gives up on an endpoint that never answers, within its budget', async () => {
    // A real socket that accepts and stays silent: the request timeout must end each attempt.
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const client = new DynamoDBClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      ...sdkTransport(FLOW_SDK_TIMEOUTS),
    });
    try {
      const started = Date.now();
      await expect(
        client.send(new GetItemCommand({ TableName: 'calls', Key: { contactId: { S: 'c-1' } } })),
      ).rejects.toMatchObject({ name: 'TimeoutError' });
      // Two attempts of 400 ms and the SDK's backoff between them: well inside Connect's 8 s.
      expect(Date.now() - started).toBeLessThan(
        FLOW_SDK_TIMEOUTS.maxAttempts * FLOW_SDK_TIMEOUTS.requestTimeout + 1_500,
      );
    } finally {
      client.destroy();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
