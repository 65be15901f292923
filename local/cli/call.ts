import { createLocalCallRunner } from '../flow-interpreter/local-call';
import { formatTranscript, summarize } from '../flow-interpreter/transcript';
import { type LocalLine, startLocalLine } from '../runtime/line';
import { synthesizeLineTemplates } from '../runtime/synthesize-app';
import { CALL_USAGE, parseCallArgs, UsageError } from './call-args';

/**
 * `npm run call`: one simulated call through the deployed flows on the local line.
 * Prints the transcript, then one JSON line (outcome, prompts, lambdas…). Exit 0 when the call ran,
 * 1 when the line or the flows failed, 2 on bad arguments.
 */
async function main(argv: readonly string[]): Promise<number> {
  let command: ReturnType<typeof parseCallArgs>;
  try {
    command = parseCallArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${CALL_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (command.help) {
    process.stdout.write(`${CALL_USAGE}\n`);
    return 0;
  }
  const progress = (message: string) => process.stderr.write(`[local line] ${message}\n`);
  let line: LocalLine | undefined;
  try {
    progress('synthesizing the app…');
    const templates = synthesizeLineTemplates();
    line = await startLocalLine({ templates, onProgress: progress });
    line.applyEnv();
    const runner = createLocalCallRunner(line, { templates });
    progress('calling…');
    const transcript = await runner.run(command.scenario);
    if (!command.json) process.stdout.write(`${formatTranscript(transcript)}\n`);
    process.stdout.write(`${JSON.stringify(summarize(transcript))}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Call failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await line?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
