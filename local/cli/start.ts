import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLineConsole } from '../console/console-server';
import { DEMO_ACTS, DEMO_SERVICES } from '../demo/acts';
import type { DemoContext } from '../demo/types';
import { type LocalLine, startLocalLine } from '../runtime/line';
import { DEFAULT_LINE_FILE, writeLineFile } from '../runtime/line-description';
import { captureStdout, type MetricTotal, POWERTOOLS_EMPTY_METRICS_NOTICE } from '../runtime/metrics-sink';
import { startTemplateQueuePollers } from '../runtime/sqs-poller';

const USAGE = `Usage: npm start [-- --demo] [--verbose]

Runs the line on this machine: DynamoDB Local and the SQS emulator on 127.0.0.1, provisioned from
the synthesized CDK app, with the real handlers wired as the template wires them (EventBridge rule,
SQS event sources). Then plays the demo: a day of calls through call-intake and contact-events,
printing each call record from the calls table and the metric totals.

  --demo      exit when the demo is done (exit code 0), leaving no emulator behind
  --verbose   print the handlers' logs
  --help      this text

Without --demo the line stays up until Ctrl-C, \`npm run invoke\` uses it (${DEFAULT_LINE_FILE}), and
the line console serves on 127.0.0.1 (printed as \`line console: http://127.0.0.1:PORT/\`): dial the
line in the browser, answer and qualify as a listener, watch the call records and metrics.`;

function printMetrics(totals: readonly MetricTotal[]): void {
  if (totals.length === 0) {
    console.log('  (no metrics emitted)');
    return;
  }
  const width = Math.max(...totals.map((total) => total.name.length));
  for (const total of totals) {
    const dimensions = Object.entries(total.byDimensions)
      .map(([key, sum]) => `${key}: ${sum}`)
      .join(', ');
    console.log(
      `  ${total.name.padEnd(width)}  ${String(total.sum).padStart(6)} ${total.unit}${dimensions ? `  (${dimensions})` : ''}`,
    );
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let values: { demo?: boolean; verbose?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        demo: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`start: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const started = Date.now();
  const stops: (() => Promise<void>)[] = [];
  let line: LocalLine | undefined;
  let shuttingDown: Promise<void> | undefined;
  const shutdown = () => {
    shuttingDown ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      if (fs.existsSync(DEFAULT_LINE_FILE)) fs.rmSync(DEFAULT_LINE_FILE, { force: true });
      await line?.stop();
    })();
    return shuttingDown;
  };
  const onSignal = () => {
    console.log('\nstopping the local line…');
    void shutdown().then(() => {
      console.log('stopped: no emulator left running.');
      process.exit(0);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  console.log('▶ starting the local line');
  try {
    line = await startLocalLine({
      emulators: { handleSignals: false },
      logLevel: values.verbose ? 'INFO' : 'WARN',
      onProgress: (message) => console.log(`  ${message}`),
    });
  } catch (error) {
    console.error(`start: the local line did not start: ${(error as Error).message}`);
    return 3;
  }
  line.applyEnv();
  const capture = captureStdout(undefined, {
    metrics: 'drop',
    logs: values.verbose ? 'pass' : 'drop',
    muteStderr: values.verbose ? [] : [POWERTOOLS_EMPTY_METRICS_NOTICE],
  });
  stops.push(async () => capture.restore());
  const raw = new DynamoDBClient({});
  stops.push(async () => raw.destroy());
  const context: DemoContext = {
    line,
    dynamo: DynamoDBDocumentClient.from(raw),
    metrics: capture.sink,
    say: (message) => console.log(`  ${message}`),
  };

  try {
    // SQS event sources of the template (e.g. dispatch-callback on the callback queue).
    for (const { label, poller } of startTemplateQueuePollers(line)) {
      stops.push(async () => void (await poller.stop()));
      console.log(`  polling ${label}`);
    }
    for (const service of DEMO_SERVICES) {
      const running = await service.start(context);
      stops.push(() => running.stop());
      // A service with a line of its own (the partner portal) prints it as is, unindented.
      console.log(running.announce ?? `  ${service.name}${running.url ? ` on ${running.url}` : ''}`);
    }
    console.log(`  line ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    for (const [index, act] of DEMO_ACTS.entries()) {
      console.log(`\n▶ act ${index + 1}/${DEMO_ACTS.length}: ${act.title}`);
      await act.run(context);
    }
    console.log('\n▶ metric totals (EMF printed by the handlers)');
    printMetrics(capture.sink.totals());
  } catch (error) {
    console.error(
      `start: the demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    await shutdown();
    return 1;
  }

  if (values.demo) {
    await shutdown();
    console.log(`\ndemo done in ${((Date.now() - started) / 1000).toFixed(1)} s; emulators stopped.`);
    return 0;
  }
  writeLineFile(line);
  // The line console (local/console, web/line-console): call the line, answer as a listener, watch ops.
  try {
    const lineConsole = await startLineConsole({
      line,
      metrics: capture.sink,
      onProgress: (message) => console.log(`  ${message}`),
    });
    stops.push(() => lineConsole.close());
    console.log(`line console: ${lineConsole.url}`);
  } catch (error) {
    console.error(`start: the line console did not start: ${(error as Error).message}`);
  }
  console.log('\n▶ the line is up');
  console.log(`  DynamoDB ${line.env.AWS_ENDPOINT_URL_DYNAMODB}   SQS/SNS ${line.env.AWS_ENDPOINT_URL_SQS}`);
  console.log('  try: npm run invoke -- call-intake events/contact-flow/call-intake.json');
  console.log('  Ctrl-C stops it.');
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
