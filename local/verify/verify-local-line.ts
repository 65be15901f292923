import { SQSClient } from '@aws-sdk/client-sqs';
import type { StageConfig } from '#domain/stage';
import { stageConfig as namedStageConfig } from '../../config/stages';
import { createLocalCallRunner } from '../flow-interpreter/local-call';
import { type LocalLine, startLocalLine } from '../runtime/line';
import { synthesizeStageTemplates } from '../runtime/synthesize-app';
import { localSmoke } from './local-smoke';
import { localTestCases } from './local-test-cases';
import { runVerify, type VerifyReport } from './run-verify';

/** The part of a running local line verify needs (a started LocalLine, or the integration tests' one). */
export type VerifiedLine = Pick<LocalLine, 'env' | 'queues' | 'resources'>;

/**
 * `npm run verify -- --local` once the line runs: the deployed test cases through the local executor,
 * the smoke checks against the emulated queues and the local partner API. The line's env must already
 * be applied to process.env (handlers read it when they load).
 */
export async function verifyOnLocalLine(
  line: VerifiedLine,
  options: { readonly write: (text: string) => void; readonly stageConfig?: StageConfig },
): Promise<VerifyReport> {
  const config = options.stageConfig ?? namedStageConfig();
  const stacks = synthesizeStageTemplates(config);
  const runner = createLocalCallRunner(line, { stageConfig: config, templates: [stacks.data, stacks.line] });
  const sqs = new SQSClient({
    region: line.env.AWS_REGION,
    endpoint: line.env.AWS_ENDPOINT_URL_SQS,
    credentials: { accessKeyId: line.env.AWS_ACCESS_KEY_ID, secretAccessKey: line.env.AWS_SECRET_ACCESS_KEY },
  });
  try {
    return await runVerify({
      testCases: localTestCases(runner),
      smoke: localSmoke({ sqs, queues: line.queues, observability: stacks.observability }),
      write: options.write,
    });
  } finally {
    sqs.destroy();
  }
}

/**
 * `npm run verify -- --local`: starts a fresh local line (its own emulators, so the queues start empty),
 * verifies it, and stops it, leaving no emulator behind.
 */
export async function verifyLocally(options: {
  readonly write: (text: string) => void;
  readonly stageConfig?: StageConfig;
}): Promise<VerifyReport> {
  options.write('Starting the local line (DynamoDB Local, SQS emulator)…\n');
  const line = await startLocalLine({
    ...(options.stageConfig === undefined ? {} : { stageConfig: options.stageConfig }),
    onProgress: (message) => options.write(`  ${message}\n`),
  });
  try {
    line.applyEnv();
    return await verifyOnLocalLine(line, options);
  } finally {
    await line.stop();
  }
}
