import {
  awsNotifier,
  type CallbackNotice,
  MissingTopicError,
} from '../../../functions/shared/callbacks/notifier';
import type { SnsPublishInput } from '../../../functions/shared/clients/sns';

/*
 * The AWS notifier: a partner's notice goes to its SNS topic, the line's own requests become Connect
 * tasks (idempotent by ClientToken) or go to the line's topic. Notices carry the reference, the due
 * date and the portal link, never a number.
 */

const NOTICE: CallbackNotice = {
  requestId: 'req-42',
  partnerId: 'cidff94',
  dueBy: '2026-12-04T17:00:00.000Z',
  kind: 'new',
  sequence: 0,
};
const TOPICS = {
  cidff94: 'arn:aws:sns:eu-central-1:123456789012:cidff94',
  line: 'arn:aws:sns:eu-central-1:123456789012:line',
};

function harness(lineChannel: 'task' | 'topic') {
  const published: SnsPublishInput[] = [];
  const tasks: Record<string, unknown>[] = [];
  const notifier = awsNotifier({
    publish: async (input) => {
      published.push(input);
      return { MessageId: 'm' };
    },
    topicArns: TOPICS,
    lineChannel,
    ...(lineChannel === 'task'
      ? {
          tasks: {
            startTask: async (input) => {
              tasks.push({ ...input });
              return {};
            },
            instanceId: 'instance-1',
            taskFlowId: 'flow-1',
          },
        }
      : {}),
    portalUrl: 'https://portail.example/',
  });
  return { notifier, published, tasks };
}

describe('awsNotifier', () => {
  it("publishes a partner's notice to its topic, with the portal link and the requestId attribute", async () => {
    const { notifier, published, tasks } = harness('task');
    await notifier.notify(NOTICE);
    expect(tasks).toEqual([]);
    expect(published).toEqual([
      expect.objectContaining({
        TopicArn: TOPICS.cidff94,
        MessageAttributes: { requestId: { DataType: 'String', StringValue: 'req-42' } },
      }),
    ]);
    expect(published[0]?.Message).toContain('https://portail.example/callbacks/req-42');
  });

  it("starts a Connect task for the line's own request, keyed by requestId and sequence", async () => {
    const { notifier, published, tasks } = harness('task');
    await notifier.notify({ ...NOTICE, partnerId: 'line', kind: 'overdue', sequence: 2 });
    expect(published).toEqual([]);
    expect(tasks).toEqual([
      expect.objectContaining({
        InstanceId: 'instance-1',
        ContactFlowId: 'flow-1',
        ClientToken: 'req-42:2',
        References: { requestId: { Type: 'STRING', Value: 'req-42' } },
      }),
    ]);
  });

  it("publishes the line's reminders to its topic when the channel is the topic (callback-watch)", async () => {
    const { notifier, published } = harness('topic');
    await notifier.notify({ ...NOTICE, partnerId: 'line', kind: 'overdue', sequence: 1 });
    expect(published.map((input) => input.TopicArn)).toEqual([TOPICS.line]);
  });

  it('refuses a partner without a topic: a deploy mistake, retried then parked', async () => {
    const { notifier } = harness('task');
    await expect(notifier.notify({ ...NOTICE, partnerId: 'apce94' })).rejects.toBeInstanceOf(
      MissingTopicError,
    );
  });
});
