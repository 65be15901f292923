import {
  ConnectClient,
  GetTestCaseExecutionSummaryCommand,
  ListInstancesCommand,
  ListTestCaseExecutionRecordsCommand,
  ListTestCasesCommand,
  StartTestCaseExecutionCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { awsTestCases } from '../../../local/verify/aws-test-cases';

const connect = mockClient(ConnectClient);

beforeEach(() => {
  connect.reset();
  connect.on(ListInstancesCommand).resolves({
    InstanceSummaryList: [
      { Id: 'other', InstanceAlias: 'other' },
      { Id: 'instance-1', InstanceAlias: 'un-premier-pas-94' },
    ],
  });
  connect.on(ListTestCasesCommand).resolves({
    TestCaseSummaryList: [{ Id: 'tc-1', Name: 'premier-pas closed-evening' }],
  });
  connect.on(StartTestCaseExecutionCommand).resolves({ TestCaseExecutionId: 'ex-1', Status: 'INITIATED' });
});

const port = () =>
  awsTestCases({
    connect: new ConnectClient({ region: 'eu-central-1' }),
    instanceAlias: 'un-premier-pas-94',
    sleep: async () => {},
  });
const closedEvening = {
  name: 'premier-pas closed-evening',
  journey: 'closed-evening',
  staffing: 'irrelevant' as const,
};

describe('the Connect test-case port', () => {
  it('starts the execution on the line instance and polls it until it passes', async () => {
    connect
      .on(GetTestCaseExecutionSummaryCommand)
      .resolvesOnce({ Status: 'IN_PROGRESS' })
      .resolvesOnce({ Status: 'PASSED' });
    const outcome = await port().run(closedEvening);
    expect(outcome).toEqual(expect.objectContaining({ journey: 'closed-evening', status: 'PASSED' }));
    expect(connect.commandCalls(StartTestCaseExecutionCommand)[0]?.args[0].input).toEqual({
      InstanceId: 'instance-1',
      TestCaseId: 'tc-1',
    });
    expect(connect.commandCalls(GetTestCaseExecutionSummaryCommand)).toHaveLength(2);
  });

  it('reports the failed records as failed assertions', async () => {
    connect.on(GetTestCaseExecutionSummaryCommand).resolves({ Status: 'FAILED' });
    connect.on(ListTestCaseExecutionRecordsCommand).resolves({
      ExecutionRecords: [{ ObservationId: 'Step04', Status: 'FAILED', Record: 'message not received' }],
    });
    const outcome = await port().run(closedEvening);
    expect(outcome.status).toBe('FAILED');
    expect(outcome.failedAssertions).toEqual(['Step04: message not received']);
  });

  it('lists every journey, and reports one that is not deployed as an error', async () => {
    const testCases = await port().list();
    expect(testCases.length).toBeGreaterThanOrEqual(15);
    const missing = await port().run({
      name: 'premier-pas holiday',
      journey: 'holiday',
      staffing: 'irrelevant',
    });
    expect(missing).toEqual(expect.objectContaining({ status: 'ERROR' }));
    expect(connect.commandCalls(StartTestCaseExecutionCommand)).toHaveLength(0);
  });
});
