import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASYNC_SDK_TIMEOUTS, FLOW_SDK_TIMEOUTS } from '../../../functions/shared/clients/budgets';
import { asyncDynamo, flowDynamo } from '../../../functions/shared/clients/dynamodb';
import { flowSqs } from '../../../functions/shared/clients/sqs';
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
/** The AWS service packages a module imports (lib-dynamodb rides on client-dynamodb). */
const servicePackages = (source: string) =>
  importSpecifiers(source).filter((specifier) =>
    /^@aws-sdk\/client-|^@aws-crypto\/client-node$/.test(specifier),
  );

describe('SDK clients', () => {
  it('budgets.ts imports nothing, so any module may read a budget without bundling a client', () => {
    expect(importSpecifiers(read(path.join(CLIENTS_DIR, 'budgets.ts')))).toEqual([]);
  });

  it('each client module holds the clients of one AWS service', () => {
    const modules = sourceFiles(CLIENTS_DIR).filter((file) => !/budgets|transport/.test(file));
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
});
