import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { putEvent } from '../runtime/eventbridge-delivery';
import { invokeFunction } from '../runtime/lambda-runtime';
import type { DemoAct, DemoContext } from './types';

/**
 * A day of simulated calls through the real handlers: call-intake from the flow, then the contact
 * events Connect would send, routed by the template's EventBridge rule to contact-events.
 * Each call replays the real-shaped samples of events/ with a fresh contact id and the local instance.
 */

const EVENT_ORDER = ['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'COMPLETED'];
const SAMPLE_ACCOUNT = '111122223333';

interface DemoCall {
  readonly label: string;
  /** Folder of events/contact-events/. */
  readonly samples: string;
  /** Deliver the events shuffled and each twice, as EventBridge may. */
  readonly shuffledWithDuplicates?: boolean;
}

const DAY: readonly DemoCall[] = [
  { label: 'answered by a listener', samples: 'answered' },
  { label: 'caller hung up while queued', samples: 'missed-in-queue' },
  { label: 'caller hung up in the welcome message', samples: 'abandoned-in-ivr' },
  { label: 'called while the line was closed', samples: 'out-of-hours' },
  {
    label: 'answered, events out of order and duplicated',
    samples: 'answered',
    shuffledWithDuplicates: true,
  },
];

type ContactEvent = EventBridgeEvent<string, Record<string, unknown>>;

/** Replaces every occurrence of the sample's ids with this call's, so calls never collide. */
function rewrite<T>(value: T, replacements: ReadonlyMap<string, string>): T {
  let text = JSON.stringify(value);
  for (const [from, to] of replacements) text = text.split(from).join(to);
  return JSON.parse(text) as T;
}

function loadSamples(folder: string): ContactEvent[] {
  const dir = path.join(REPO_ROOT, 'events', 'contact-events', folder);
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ContactEvent)
    .sort(
      (a, b) =>
        EVENT_ORDER.indexOf(String(a.detail.eventType)) - EVENT_ORDER.indexOf(String(b.detail.eventType)),
    );
}

function shuffledTwice<T>(items: readonly T[]): T[] {
  const doubled = [...items, ...items];
  for (let index = doubled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [doubled[index], doubled[other]] = [doubled[other] as T, doubled[index] as T];
  }
  return doubled;
}

async function playCall(call: DemoCall, context: DemoContext): Promise<void> {
  const { line } = context;
  const samples = loadSamples(call.samples);
  const first = samples[0];
  if (first === undefined) throw new Error(`no sample events in events/contact-events/${call.samples}`);
  const sampleContactId = String(first.detail.contactId);
  const sampleInstanceArn = String(first.detail.instanceArn);
  const contactId = randomUUID();
  const replacements = new Map([
    [sampleContactId, contactId],
    [sampleInstanceArn, line.env.CONNECT_INSTANCE_ARN],
    [SAMPLE_ACCOUNT, '000000000000'],
  ]);

  const intakeSample = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'events', 'contact-flow', 'call-intake.json'), 'utf8'),
  ) as { Details: { ContactData: { ContactId: string; InstanceARN: string } } };
  const intakeEvent = rewrite(
    intakeSample,
    new Map([
      [intakeSample.Details.ContactData.ContactId, contactId],
      [intakeSample.Details.ContactData.InstanceARN, line.env.CONNECT_INSTANCE_ARN],
      [SAMPLE_ACCOUNT, '000000000000'],
    ]),
  );
  const intake = await invokeFunction('call-intake', intakeEvent, {
    ...(line.resources.functions['call-intake']
      ? { functionConfig: line.resources.functions['call-intake'] }
      : {}),
  });
  context.say(
    intake.ok
      ? `call-intake → ${JSON.stringify(intake.result)} (${intake.durationMs.toFixed(0)} ms)`
      : `call-intake failed: ${intake.error.name}: ${intake.error.message}`,
  );

  const events = samples.map((sample) => rewrite(sample, replacements));
  const deliveries = call.shuffledWithDuplicates ? shuffledTwice(events) : events;
  for (const event of deliveries) {
    const results = await putEvent(event, line.resources.eventRules, line.resources.functions);
    if (results.length === 0) context.say(`${String(event.detail.eventType)}: no rule matched`);
    for (const delivery of results) {
      if (!delivery.invocation.ok) {
        context.say(
          `${String(event.detail.eventType)} → ${delivery.functionName} failed: ${delivery.invocation.error.message}`,
        );
      }
    }
  }
  context.say(
    `${deliveries.length} contact events: ${deliveries.map((event) => String(event.detail.eventType)).join(', ')}`,
  );

  const stored = await context.dynamo.send(
    new GetCommand({ TableName: line.tables.calls.tableName, Key: { contactId }, ConsistentRead: true }),
  );
  context.say(`record: ${JSON.stringify(stored.Item ?? null)}`);
}

export const callsDay: DemoAct = {
  title: 'A day of calls: answered, missed in queue, abandoned in the IVR, out of hours',
  async run(context) {
    for (const [index, call] of DAY.entries()) {
      context.say(`call ${index + 1}/${DAY.length}: ${call.label}`);
      await playCall(call, context);
    }
  },
};
