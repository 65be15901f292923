import * as path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { REPO_ROOT } from '../../infra/constructs/line-function';

/**
 * Counts the DynamoDB item writes the handlers send, by tapping the shared SDK clients of
 * functions/shared/clients/dynamodb.ts (the ones every handler uses), per command: a transaction
 * counts one write per item. The SDK's own retries of a request are not counted again.
 */

export interface WriteCounter {
  /** Item writes sent so far (conditional failures included). */
  readonly writes: () => number;
  /** Requests sent so far, by DynamoDB operation. */
  readonly byOperation: () => Readonly<Record<string, number>>;
}

const COMMAND_WRITES: Readonly<Record<string, (input: Record<string, unknown>) => number>> = {
  PutItemCommand: () => 1,
  UpdateItemCommand: () => 1,
  DeleteItemCommand: () => 1,
  TransactWriteItemsCommand: (input) => (input.TransactItems as unknown[] | undefined)?.length ?? 0,
  BatchWriteItemCommand: (input) =>
    Object.values((input.RequestItems as Record<string, unknown[]> | undefined) ?? {}).reduce(
      (sum, items) => sum + items.length,
      0,
    ),
};

/** Adds the tap to `clients`; call after the line's env is applied (the module reads it when loaded). */
export function countHandlerWrites(
  clients?: readonly Pick<DynamoDBClient, 'middlewareStack'>[],
): WriteCounter {
  const shared =
    clients ??
    (() => {
      const module = require(path.join(REPO_ROOT, 'functions', 'shared', 'clients', 'dynamodb.ts')) as {
        flowDynamo: Pick<DynamoDBClient, 'middlewareStack'>;
        asyncDynamoRaw: Pick<DynamoDBClient, 'middlewareStack'>;
      };
      return [module.flowDynamo, module.asyncDynamoRaw];
    })();
  let writes = 0;
  const operations: Record<string, number> = {};
  for (const client of shared) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '');
        const operation = command.replace(/Command$/, '');
        operations[operation] = (operations[operation] ?? 0) + 1;
        writes += COMMAND_WRITES[command]?.(args.input as Record<string, unknown>) ?? 0;
        return next(args);
      },
      { step: 'initialize', name: 'replayWriteCounter', override: true },
    );
  }
  return { writes: () => writes, byOperation: () => ({ ...operations }) };
}
