import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogsPort } from './cold-starts';

/**
 * The AWS implementation of the logs port. CloudFormation names the Line stack's log groups after the
 * stack, so the stack name is the prefix. The filter keeps the report lines of both log formats: the
 * text REPORT line and the JSON `platform.report` event.
 */
export const REPORT_FILTER = '?"REPORT RequestId" ?"platform.report"';

export function awsLogs(client: CloudWatchLogsClient): LogsPort {
  return {
    async logGroups(prefix) {
      const names: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }),
        );
        names.push(
          ...(page.logGroups ?? []).flatMap((group) => (group.logGroupName ? [group.logGroupName] : [])),
        );
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      return names;
    },
    async reportLines(logGroup, sinceMs, limit) {
      const lines: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new FilterLogEventsCommand({
            logGroupName: logGroup,
            startTime: sinceMs,
            filterPattern: REPORT_FILTER,
            nextToken,
          }),
        );
        lines.push(...(page.events ?? []).flatMap((event) => (event.message ? [event.message] : [])));
        nextToken = page.nextToken;
      } while (nextToken !== undefined && lines.length < limit);
      return lines.slice(0, limit);
    },
  };
}
