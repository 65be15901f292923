import type { CallState } from './call-state';
import type { ContactEventType } from './interpreter-types';

/**
 * Publishes a contact event as Connect would to EventBridge, with the contact as it stands: queue info
 * once queued, agent info once a listener answered, the disconnect time at the end.
 */
export async function emitContactEvent(call: CallState, eventType: ContactEventType): Promise<void> {
  const instanceArn = call.deps.flows.instanceArn;
  const at = new Date(call.clock.now).toISOString();
  const initiation = new Date(call.clock.startMs).toISOString();
  call.lastEventId += 1;
  const detail: Record<string, unknown> = {
    eventType,
    contactId: call.contactId,
    initialContactId: call.contactId,
    channel: 'VOICE',
    instanceArn,
    initiationMethod: 'INBOUND',
    initiationTimestamp: initiation,
    tags: { 'aws:connect:instanceId': instanceArn.split('/').at(-1) },
  };
  if (call.enqueuedAtMs !== undefined && call.targetQueueArn !== undefined) {
    detail.queueInfo = {
      queueArn: call.targetQueueArn,
      queueType: 'STANDARD',
      enqueueTimestamp: new Date(call.enqueuedAtMs).toISOString(),
    };
  }
  if (
    eventType === 'CONNECTED_TO_AGENT' ||
    (eventType === 'DISCONNECTED' && call.events.includes('CONNECTED_TO_AGENT'))
  ) {
    detail.agentInfo = {
      agentArn: `${instanceArn}/agent/local-listener`,
      connectedToAgentTimestamp: new Date(call.answerAtMs).toISOString(),
    };
  }
  if (eventType === 'DISCONNECTED') detail.disconnectTimestamp = at;
  call.events.push(eventType);
  call.note('Connect', 'event', eventType);
  await call.deps.contactEvents.send({
    version: '0',
    id: `${call.contactId.slice(0, 8)}-0000-4000-8000-${String(call.lastEventId).padStart(12, '0')}`,
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: instanceArn.split(':')[4] ?? '000000000000',
    time: at.replace(/\.\d{3}Z$/, 'Z'),
    region: instanceArn.split(':')[3] ?? 'eu-central-1',
    resources: [instanceArn, `${instanceArn}/contact/${call.contactId}`],
    detail,
  });
}
