import {
  type ConnectClient,
  GetTestCaseExecutionSummaryCommand,
  ListInstancesCommand,
  ListTestCaseExecutionRecordsCommand,
  ListTestCasesCommand,
  StartTestCaseExecutionCommand,
  type TestCaseExecutionStatus,
} from '@aws-sdk/client-connect';
import { journeyTestCases } from './journey-cases';
import type { TestCaseOutcome, TestCasePort, VerifyTestCase } from './verify-ports';

/**
 * The test cases on Amazon Connect: StartTestCaseExecution, then GetTestCaseExecutionSummary until the
 * execution is over; the failed records (ListTestCaseExecutionRecords) are its failed assertions.
 */

const RUNNING: readonly (TestCaseExecutionStatus | undefined)[] = ['INITIATED', 'IN_PROGRESS', undefined];

export interface AwsTestCasesOptions {
  readonly connect: ConnectClient;
  /** The stage's Connect instance alias (config `instanceAlias`). */
  readonly instanceAlias: string;
  /** @default 5 s */
  readonly pollIntervalMs?: number;
  /** An execution still running after this is reported as an error. @default 10 min */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

async function instanceIdOf(connect: ConnectClient, alias: string): Promise<string> {
  let NextToken: string | undefined;
  do {
    const page = await connect.send(new ListInstancesCommand({ NextToken }));
    const found = page.InstanceSummaryList?.find((instance) => instance.InstanceAlias === alias);
    if (found?.Id !== undefined) return found.Id;
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  throw new Error(`no Connect instance with the alias ${alias} in this account and region`);
}

/** The Connect implementation of the test-case port. */
export function awsTestCases(options: AwsTestCasesOptions): TestCasePort {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let resolved: Promise<{ instanceId: string; idsByName: Map<string, string> }> | undefined;
  const lookUp = () => {
    resolved ??= (async () => {
      const instanceId = await instanceIdOf(options.connect, options.instanceAlias);
      const idsByName = new Map<string, string>();
      let NextToken: string | undefined;
      do {
        const page = await options.connect.send(
          new ListTestCasesCommand({ InstanceId: instanceId, NextToken }),
        );
        for (const summary of page.TestCaseSummaryList ?? [])
          if (summary.Name !== undefined && summary.Id !== undefined) idsByName.set(summary.Name, summary.Id);
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      return { instanceId, idsByName };
    })();
    return resolved;
  };

  return {
    list: async () => journeyTestCases(),
    async run(testCase: VerifyTestCase): Promise<TestCaseOutcome> {
      const { instanceId, idsByName } = await lookUp();
      const testCaseId = idsByName.get(testCase.name);
      const started = Date.now();
      const outcome = (status: TestCaseOutcome['status'], failedAssertions: readonly string[]) => ({
        journey: testCase.journey,
        status,
        durationMs: Date.now() - started,
        failedAssertions,
      });
      if (testCaseId === undefined)
        return outcome('ERROR', [`no test case named "${testCase.name}" is deployed`]);
      const execution = await options.connect.send(
        new StartTestCaseExecutionCommand({ InstanceId: instanceId, TestCaseId: testCaseId }),
      );
      const executionId = execution.TestCaseExecutionId;
      if (executionId === undefined)
        return outcome('ERROR', ['StartTestCaseExecution returned no execution id']);
      const deadline = started + (options.timeoutMs ?? 600_000);
      let status: TestCaseExecutionStatus | undefined = execution.Status;
      while (RUNNING.includes(status)) {
        if (Date.now() > deadline)
          return outcome('ERROR', [`still ${status ?? 'starting'} after the timeout`]);
        await sleep(options.pollIntervalMs ?? 5_000);
        const summary = await options.connect.send(
          new GetTestCaseExecutionSummaryCommand({
            InstanceId: instanceId,
            TestCaseId: testCaseId,
            TestCaseExecutionId: executionId,
          }),
        );
        status = summary.Status;
      }
      if (status === 'PASSED') return outcome('PASSED', []);
      const records = await options.connect.send(
        new ListTestCaseExecutionRecordsCommand({
          InstanceId: instanceId,
          TestCaseId: testCaseId,
          TestCaseExecutionId: executionId,
          Status: 'FAILED',
        }),
      );
      return outcome(
        status === 'STOPPED' ? 'STOPPED' : 'FAILED',
        (records.ExecutionRecords ?? []).map(
          (record) => `${record.ObservationId ?? '?'}: ${record.Record ?? ''}`,
        ),
      );
    },
  };
}
