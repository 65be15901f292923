import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalLine } from '../runtime/line';
import type { MetricsSink } from '../runtime/metrics-sink';

/**
 * What `npm start` hands to each demo act and service: the running line, clients on it, the metrics
 * sink, and a way to print progress. Acts and services import nothing from start.ts.
 */
export interface DemoContext {
  readonly line: LocalLine;
  /** DynamoDB on the line, for reading back what the handlers wrote. */
  readonly dynamo: DynamoDBDocumentClient;
  readonly metrics: MetricsSink;
  /** Prints one progress line under the current act. */
  say(message: string): void;
}

/** One step of the demo, played in order by `npm start`. */
export interface DemoAct {
  /** Short title shown as a heading, e.g. "A day of calls". */
  readonly title: string;
  run(context: DemoContext): Promise<void>;
}

/** A long-running part of the local line started before the acts (partner API, console…). */
export interface DemoService {
  readonly name: string;
  /** Starts it; returns its URL to print (or a line of its own, `announce`), and how to stop it. */
  start(
    context: DemoContext,
  ): Promise<{ readonly url?: string; readonly announce?: string; stop(): Promise<void> }>;
}
