import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyLineEnv } from '../../local/runtime/line';
import { type LineDescription, readLineFile } from '../../local/runtime/line-description';

/**
 * The running local line, as integration tests see it.
 *
 * Pattern, in a test file:
 *
 *   import { withLocalLine } from './local-line';
 *   const line = withLocalLine(); // applies the line's env to process.env
 *   // Handlers read their env when their module loads, and imports are hoisted above this point:
 *   // load handlers after the call, through invokeFunction (it requires lazily) or require().
 *   import { invokeFunction } from '../../local/runtime/lambda-runtime';
 *   const result = await invokeFunction('call-intake', event, { functionConfig: line.resources.functions['call-intake'] });
 *   // or: const { handler } = require('../../functions/call-intake/handler') as typeof import('../../functions/call-intake/handler');
 *
 * Tables and queues are shared by every test file: use fresh ids (ulid/randomUUID) per test.
 */

/** Environment variable holding the path of the JSON file written by global-setup.ts. */
export const LINE_FILE_VARIABLE = 'PREMIER_PAS_LINE_FILE';

/** What global-setup.ts shares with the test workers: env, templates, tables, queues, functions, emulators. */
export type SharedLine = LineDescription;

let shared: SharedLine | undefined;

/**
 * Reads the line started by global-setup.ts and applies its env to process.env.
 * Call it at the top of the test file, before any handler module is loaded.
 * @throws Error when the file is run outside the integration project (no global setup).
 */
export function withLocalLine(): SharedLine {
  if (shared === undefined) {
    const file = process.env[LINE_FILE_VARIABLE];
    const description = file === undefined ? undefined : readLineFile(file);
    if (description === undefined) {
      throw new Error(
        `No local line: ${LINE_FILE_VARIABLE} is unset. Run integration tests through jest's integration project ` +
          '(npm run test:integration, or npx jest test/integration/<file>), whose globalSetup starts the line.',
      );
    }
    shared = description;
  }
  applyLineEnv(shared.env);
  return shared;
}

/** SDK clients pointed at the line's emulators, for arranging and asserting in tests. Destroy them after. */
export function lineClients(line: SharedLine = withLocalLine()): {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  destroy(): void;
} {
  const config = {
    region: line.env.AWS_REGION,
    credentials: { accessKeyId: line.env.AWS_ACCESS_KEY_ID, secretAccessKey: line.env.AWS_SECRET_ACCESS_KEY },
  };
  const raw = new DynamoDBClient({ ...config, endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB });
  const dynamo = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const sqs = new SQSClient({ ...config, endpoint: line.env.AWS_ENDPOINT_URL_SQS });
  return {
    dynamo,
    sqs,
    destroy: () => {
      raw.destroy();
      sqs.destroy();
    },
  };
}
