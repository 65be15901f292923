import type { SQSClient } from '@aws-sdk/client-sqs';
import type { StackTemplate } from '../runtime/cfn-template';
import type { LineQueues } from '../runtime/line';
import { startPartnerApiServer } from '../runtime/partner-api-server';
import { signedOutCallCheck } from './partner-api-check';
import { emptyQueuesCheck } from './queue-check';
import type { SmokePort, SmokeResult } from './verify-ports';

/**
 * The smoke checks on the local line. Queues on the SQS emulator; the partner API served by the local
 * server in front of the real handler; the alarms and the dashboard from the synthesized Observability
 * stack: a dead-letter alarm is in ALARM when its queue holds a message, other alarms have no data on
 * this machine (INSUFFICIENT_DATA, which verify accepts as on AWS).
 */

export interface LocalSmokeOptions {
  readonly sqs: SQSClient;
  readonly queues: LineQueues;
  /** The synthesized Observability stack (alarms, dashboard). */
  readonly observability: StackTemplate | undefined;
}

const isDeadLetterQueue = (logicalId: string) => /DeadLetters/.test(logicalId);

/** The local implementation of the smoke port. */
export function localSmoke(options: LocalSmokeOptions): SmokePort {
  const resources = Object.values(options.observability?.template.Resources ?? {});
  const queues = Object.values(options.queues.byLogicalId).map((queue) => ({
    name: queue.logicalId,
    url: queue.url,
  }));
  return {
    async alarms(): Promise<SmokeResult> {
      const alarms = resources.filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
      if (alarms.length === 0) return { check: 'alarms', status: 'FAILED', detail: 'no alarm is defined' };
      const deadLetters = await emptyQueuesCheck(
        options.sqs,
        queues.filter((queue) => isDeadLetterQueue(queue.name)),
      );
      return deadLetters.status === 'OK'
        ? {
            check: 'alarms',
            status: 'OK',
            detail: `${alarms.length} alarms: dead-letter alarms OK, the others INSUFFICIENT_DATA (no CloudWatch locally)`,
          }
        : { check: 'alarms', status: 'FAILED', detail: `dead-letter alarm in ALARM: ${deadLetters.detail}` };
    },
    queues: () => emptyQueuesCheck(options.sqs, queues),
    async partnerApi() {
      const server = await startPartnerApiServer();
      try {
        return await signedOutCallCheck(server.url);
      } finally {
        await server.close();
      }
    },
    async dashboard(): Promise<SmokeResult> {
      const dashboard = resources.find((resource) => resource.Type === 'AWS::CloudWatch::Dashboard');
      const body = JSON.stringify(dashboard?.Properties?.DashboardBody ?? '');
      return dashboard !== undefined && body.includes('widgets')
        ? { check: 'dashboard', status: 'OK', detail: 'defined in the Observability stack, with widgets' }
        : {
            check: 'dashboard',
            status: 'FAILED',
            detail: 'no dashboard with widgets in the Observability stack',
          };
    },
  };
}
