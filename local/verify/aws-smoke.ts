import { ListQueuesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { signedOutCallCheck } from './partner-api-check';
import { emptyQueuesCheck } from './queue-check';
import type { SmokePort } from './verify-ports';

/**
 * The smoke checks on AWS. Queues through SQS; the partner API with a plain HTTPS call. No CloudWatch,
 * CloudFormation or API Gateway client is installed in this project: the alarms and the dashboard are
 * reported NOT_CHECKED (a gap, never a pass), and the partner API URL must be given.
 */

export interface AwsSmokeOptions {
  readonly sqs: SQSClient;
  /** CloudFormation names the Line stack's queues after it: `<stack>-<logical id>-<suffix>`. */
  readonly lineStackName: string;
  /** The partner API's base URL (the Line stack output). @default not checked */
  readonly partnerApiUrl?: string;
}

const MISSING_CLIENT = (client: string, where: string) =>
  `@aws-sdk/${client} is not installed in this project; check ${where} by hand`;

/** The AWS implementation of the smoke port. */
export function awsSmoke(options: AwsSmokeOptions): SmokePort {
  return {
    alarms: async () => ({
      check: 'alarms',
      status: 'NOT_CHECKED',
      detail: MISSING_CLIENT('client-cloudwatch', 'the alarms in the CloudWatch console'),
    }),
    dashboard: async () => ({
      check: 'dashboard',
      status: 'NOT_CHECKED',
      detail: MISSING_CLIENT('client-cloudwatch', 'the dashboard in the CloudWatch console'),
    }),
    async queues() {
      const urls: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await options.sqs.send(
          new ListQueuesCommand({ QueueNamePrefix: `${options.lineStackName}-`, NextToken }),
        );
        urls.push(...(page.QueueUrls ?? []));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      return emptyQueuesCheck(
        options.sqs,
        urls.map((url) => ({ name: url.split('/').at(-1) ?? url, url })),
      );
    },
    partnerApi: async () =>
      options.partnerApiUrl === undefined
        ? {
            check: 'partnerApi',
            status: 'NOT_CHECKED',
            detail: 'pass --partner-api-url (no CloudFormation client is installed to read the stack output)',
          }
        : signedOutCallCheck(options.partnerApiUrl),
  };
}
