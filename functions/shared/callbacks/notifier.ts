import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StartTaskContactCommandInput } from '@aws-sdk/client-connect';
import type { PartnerId } from '#domain/partners';
import { callbackTask } from '#domain/texts/listener-messages';
import { partnerNotice } from '#domain/texts/partner-messages';
import type { SnsPublish } from '../clients/sns';

/**
 * Tells a partner, or the line's listeners, that a callback request awaits them. Notices carry the
 * requestId, the due date and the portal link, never personal data.
 */

export interface CallbackNotice {
  readonly requestId: string;
  readonly partnerId: PartnerId;
  readonly dueBy: string;
  /** `new` at dispatch, `overdue` when callback-watch re-notifies. */
  readonly kind: 'new' | 'overdue';
  /** 0 for `new`, then the re-notification count: with the requestId, the notice's idempotency key. */
  readonly sequence: number;
  /** The caller's language (ISO 639-1): another than French asks the association for an interpreter. */
  readonly language?: string;
}

export interface CallbackNotifier {
  notify(notice: CallbackNotice): Promise<void>;
}

/** The partner message: the due date in Paris time and the portal link, nothing personal. */
export function noticeText(notice: CallbackNotice, portalUrl: string): { subject: string; message: string } {
  const link = `${portalUrl.replace(/\/$/, '')}/callbacks/${notice.requestId}`;
  return partnerNotice(notice.kind, notice.dueBy, link, notice.language);
}

/** The Connect task name and description for the line's listeners: the reference, no number. */
export function lineTaskText(notice: CallbackNotice): { name: string; description: string } {
  return callbackTask(notice.kind, notice.requestId, notice.dueBy);
}

/** How the line's own requests are notified: a Connect task, or its topic (callback-watch reminders). */
export type LineNoticeChannel = 'task' | 'topic';

/**
 * Starts a Connect task. A port, so that this module bundles no Connect code into functions that only
 * publish to SNS (callback-watch); connect-tasks.ts adapts the Connect client for dispatch-callback.
 */
export type StartConnectTask = (input: StartTaskContactCommandInput) => Promise<unknown>;

export interface AwsNotifierProps {
  readonly publish: SnsPublish;
  /** Topic of each partner association, and of the line for reminders. */
  readonly topicArns: Readonly<Partial<Record<PartnerId, string>>>;
  /** Required when `lineChannel` is `task`. */
  readonly tasks?: {
    readonly startTask: StartConnectTask;
    readonly instanceId: string;
    /** The flow that places tasks in the listeners' queue. */
    readonly taskFlowId: string;
  };
  readonly lineChannel: LineNoticeChannel;
  readonly portalUrl: string;
}

/** Thrown for a partner without a topic: a deploy mistake, the message is retried then parked. */
export class MissingTopicError extends Error {
  override readonly name = 'MissingTopicError';
  constructor(readonly partnerId: string) {
    super(`No SNS topic configured for partner ${partnerId}`);
  }
}

/** SNS for partner associations; a Connect task (ClientToken = requestId and sequence) for the line. */
export function awsNotifier(props: AwsNotifierProps): CallbackNotifier {
  const tasks = props.tasks;
  if (props.lineChannel === 'task' && tasks === undefined)
    throw new Error('Line tasks need a Connect instance and flow');
  return {
    async notify(notice) {
      if (notice.partnerId === 'line' && tasks !== undefined && props.lineChannel === 'task') {
        const text = lineTaskText(notice);
        await tasks.startTask({
          InstanceId: tasks.instanceId,
          ContactFlowId: tasks.taskFlowId,
          Name: text.name,
          Description: text.description,
          References: { requestId: { Type: 'STRING', Value: notice.requestId } },
          Attributes: { requestId: notice.requestId, dueBy: notice.dueBy },
          // Connect's own idempotency: a redelivered message never creates a second task.
          ClientToken: `${notice.requestId}:${notice.sequence}`,
        });
        return;
      }
      const topicArn = props.topicArns[notice.partnerId];
      if (topicArn === undefined) throw new MissingTopicError(notice.partnerId);
      const text = noticeText(notice, props.portalUrl);
      await props.publish({
        TopicArn: topicArn,
        Subject: text.subject,
        Message: text.message,
        MessageAttributes: { requestId: { DataType: 'String', StringValue: notice.requestId } },
      });
    },
  };
}

/** A line of the local outbox: a Connect task or an SNS notification as the local line records it. */
export interface OutboxEntry {
  readonly channel: 'task' | 'sns';
  readonly key: string;
  readonly at: string;
  readonly partnerId: PartnerId;
  readonly requestId: string;
  readonly subject: string;
  readonly message: string;
}

export const OUTBOX_FILE = 'callback-outbox.jsonl';

/** Reads the local outbox (tasks and notifications), in write order. */
export function readOutbox(dir: string): OutboxEntry[] {
  const file = path.join(dir, OUTBOX_FILE);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OutboxEntry);
}

/**
 * The local line's notifier: appends to `<dir>/callback-outbox.jsonl`. Tasks are deduplicated by their
 * ClientToken as Connect does; notifications are not, as SNS does not.
 */
export function fileOutboxNotifier(
  dir: string,
  portalUrl: string,
  lineChannel: LineNoticeChannel = 'task',
  now: () => Date = () => new Date(),
): CallbackNotifier {
  return {
    async notify(notice) {
      fs.mkdirSync(dir, { recursive: true });
      const key = `${notice.requestId}:${notice.sequence}`;
      const isTask = notice.partnerId === 'line' && lineChannel === 'task';
      if (isTask && readOutbox(dir).some((entry) => entry.channel === 'task' && entry.key === key)) return;
      const text = isTask
        ? (({ name, description }) => ({ subject: name, message: description }))(lineTaskText(notice))
        : noticeText(notice, portalUrl);
      const entry: OutboxEntry = {
        channel: isTask ? 'task' : 'sns',
        key,
        at: now().toISOString(),
        partnerId: notice.partnerId,
        requestId: notice.requestId,
        ...text,
      };
      fs.appendFileSync(path.join(dir, OUTBOX_FILE), `${JSON.stringify(entry)}\n`);
    },
  };
}

/**
 * The notifier of the stage: the local outbox when `LOCAL_OUTBOX_DIR` is set (the local line), else
 * SNS topics (`PARTNER_TOPIC_ARNS`, JSON by partner) and, for `lineChannel` `task`, Connect tasks for
 * the line (`CONNECT_INSTANCE_ID`, `CALLBACK_TASK_FLOW_ID`). The channel is the caller's choice in
 * code, not an env variable: the local line shares one environment between all functions.
 */
export function notifierFromEnv(
  clients: { publish: SnsPublish; startTask?: StartConnectTask },
  portalUrl: string,
  lineChannel: LineNoticeChannel,
  env: NodeJS.ProcessEnv = process.env,
): CallbackNotifier {
  // Compiled out of deployed bundles (BUNDLING's define): a cloud function never writes to a local outbox.
  const outbox = process.env.PREMIER_PAS_CLOUD_BUILD === 'true' ? undefined : env.LOCAL_OUTBOX_DIR;
  if (outbox !== undefined && outbox !== '') return fileOutboxNotifier(outbox, portalUrl, lineChannel);
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`Missing required environment variable ${name}`);
    return value;
  };
  return awsNotifier({
    publish: clients.publish,
    topicArns: JSON.parse(required('PARTNER_TOPIC_ARNS')) as Partial<Record<PartnerId, string>>,
    lineChannel,
    ...(lineChannel === 'task' && clients.startTask !== undefined
      ? {
          tasks: {
            startTask: clients.startTask,
            instanceId: required('CONNECT_INSTANCE_ID'),
            taskFlowId: required('CALLBACK_TASK_FLOW_ID'),
          },
        }
      : {}),
    portalUrl,
  });
}
