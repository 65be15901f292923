import { CALLER_PROMPTS, describeHours, EMERGENCY_NUMBERS } from '#domain/texts/caller-prompts';
import { FlowBuilder } from '../../../infra/flows/builder';
import { parseCallArgs, UsageError } from '../../../local/cli/call-args';

describe('npm run call arguments', () => {
  it('builds a scenario from every option', () => {
    const command = parseCallArgs([
      '--at',
      '2026-03-10T10:00:00+01:00',
      '--staffed',
      '0',
      '--keys',
      '1,-,0612345678',
      '--fault',
      'call-intake=timeout',
      '--fault',
      'request-callback=invalid',
      '--hangup-after',
      '3',
      '--withheld',
      '--json',
    ]);
    expect(command).toEqual({
      help: false,
      json: true,
      scenario: expect.objectContaining({
        at: new Date('2026-03-10T09:00:00Z'),
        staffed: 0,
        keys: ['1', '-', '0612345678'],
        faults: { 'call-intake': 'timeout', 'request-callback': 'invalid' },
        hangUpAfter: { prompts: 3 },
        callingNumber: null,
      }),
    });
    expect(
      parseCallArgs(['--at', '2026-03-10T10:00:00Z', '--hangup-after', 'Welcome']).scenario.hangUpAfter,
    ).toEqual({
      actionId: 'Welcome',
    });
  });

  it.each([
    [[], '--at <ISO time> is required'],
    [['--at', 'tomorrow'], '--at must be an ISO date-time'],
    [['--at', '2026-03-10T10:00:00Z', '--staffed', 'two'], '--staffed must be a whole number'],
    [
      ['--at', '2026-03-10T10:00:00Z', '--fault', 'call-intake=slow'],
      '--fault must be <function>=error|timeout|invalid',
    ],
    [['--at', '2026-03-10T10:00:00Z', '--keys', '1,a'], '--keys entries are digits'],
    [['--at', '2026-03-10T10:00:00Z', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCallArgs(argv)).toThrow(UsageError);
    expect(() => parseCallArgs(argv)).toThrow(message);
  });

  it('answers --help without needing --at', () => {
    expect(parseCallArgs(['--help']).help).toBe(true);
  });
});

describe('prompts', () => {
  it('read the hours from the config, grouping consecutive days', () => {
    expect(
      describeHours([
        { day: 'MONDAY', start: '09:00', end: '17:00' },
        { day: 'TUESDAY', start: '09:00', end: '17:00' },
        { day: 'SATURDAY', start: '10:00', end: '12:30' },
      ]),
    ).toBe(
      'La ligne est ouverte du lundi au mardi, de 9 heures à 17 heures ; le samedi, de 10 heures à 12 heures 30, sauf les jours fériés.',
    );
  });

  it('give the three emergency numbers wherever the caller waits', () => {
    for (const text of [
      CALLER_PROMPTS.emergencyNumbers,
      CALLER_PROMPTS.hold,
      CALLER_PROMPTS.offerCallbackWhileQueued,
    ]) {
      for (const number of EMERGENCY_NUMBERS) expect(text.replace(/\s+/g, '')).toContain(number);
    }
  });
});

describe('the flow builder', () => {
  it('refuses a Lambda time limit Connect would refuse', () => {
    const flow = new FlowBuilder('test', 'CONTACT_FLOW');
    expect(() =>
      flow.invokeLambda('Slow', { functionArn: 'arn', timeLimitSeconds: 9 }, { next: 'a', error: 'b' }),
    ).toThrow('Action Slow: InvocationTimeLimitSeconds must be an integer from 1 to 8');
  });

  it('writes the staffing check as Connect expects: staffed when NumberGreaterThan 0, otherwise NextAction', () => {
    const { document } = new FlowBuilder('test', 'CONTACT_FLOW')
      .checkStaffed('Staffed', 'arn:queue', { staffed: 'Yes', none: 'No', error: 'Err' })
      .build('Staffed', 'test');
    expect(document.Actions[0]).toEqual({
      Identifier: 'Staffed',
      Type: 'CheckMetricData',
      Parameters: { MetricType: 'NumberOfAgentsStaffed', QueueId: 'arn:queue' },
      Transitions: {
        NextAction: 'No',
        Conditions: [{ NextAction: 'Yes', Condition: { Operator: 'NumberGreaterThan', Operands: ['0'] } }],
        Errors: [{ NextAction: 'Err', ErrorType: 'NoMatchingError' }],
      },
    });
  });
});
