import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { LISTENER_WHISPER } from '#domain/texts/listener-messages';
import { prod as config } from '../../../config/stages/prod';
import type { FlowRole } from '../../../infra/constructs/contact-flows';
import type { DefinedFlow } from '../../../infra/flows/builder';
import { type LineFlowRefs, lineFlows } from '../../../infra/flows/line-flows';
import { runCall } from '../../../local/flow-interpreter/interpreter';
import {
  type CallScenario,
  type ContactEventEnvelope,
  InterpreterError,
  type LambdaOutcome,
} from '../../../local/flow-interpreter/interpreter-types';
import type { DeployedFlow, TemplateFlows } from '../../../local/flow-interpreter/template-flows';

const arn = (name: string) => `arn:aws:connect:eu-central-1:000000000000:instance/local/contact-flow/${name}`;
const CALL_INTAKE = 'arn:aws:lambda:eu-central-1:000000000000:function:call-intake';
const REQUEST_CALLBACK = 'arn:aws:lambda:eu-central-1:000000000000:function:request-callback';
const refs: LineFlowRefs = {
  callIntakeFunctionArn: CALL_INTAKE,
  requestCallbackFunctionArn: REQUEST_CALLBACK,
  listenersQueueArn: 'arn:aws:connect:eu-central-1:000000000000:instance/local/queue/listeners',
  hoursOfOperationArn: 'arn:aws:connect:eu-central-1:000000000000:instance/local/operating-hours/hours',
  customerQueueFlowArn: arn('customerQueue'),
  agentWhisperFlowArn: arn('agentWhisper'),
  lineClosedFlowArn: arn('lineClosed'),
  noListenerFlowArn: arn('noListener'),
  callbackRequestFlowArn: arn('callbackRequest'),
};

function templateFlows(amend?: (role: FlowRole, flow: DefinedFlow) => DefinedFlow): TemplateFlows {
  const defined = lineFlows(refs, config.weekdayHours);
  const deployed = Object.entries(defined).map(([role, generated]): DeployedFlow => {
    const flow = amend?.(role as FlowRole, generated) ?? generated;
    return {
      logicalId: role,
      role: role as FlowRole,
      arn: arn(role),
      name: flow.name,
      type: flow.type,
      document: flow.document,
    };
  });
  return {
    byRole: Object.fromEntries(deployed.map((flow) => [flow.role, flow])) as Record<FlowRole, DeployedFlow>,
    byArn: new Map(deployed.map((flow) => [flow.arn, flow])),
    allFlowArns: new Set(deployed.map((flow) => flow.arn)),
    functionsByArn: new Map([
      [CALL_INTAKE, 'call-intake'],
      [REQUEST_CALLBACK, 'request-callback'],
    ]),
    instanceArn: 'arn:aws:connect:eu-central-1:000000000000:instance/local',
  };
}

/** Fake Lambdas answering from a table, recording every event they get. */
function fakeLambdas(
  answers: Record<string, (event: { Details: { Parameters: Record<string, string> } }) => unknown>,
) {
  const events: { name: string; event: unknown; timeLimitMs: number }[] = [];
  return {
    events,
    port: {
      async invoke(name: string, event: unknown, timeLimitMs: number): Promise<LambdaOutcome> {
        events.push({ name, event, timeLimitMs });
        const answer = answers[name];
        if (answer === undefined)
          return { ok: false, error: { name: 'Error', message: 'boom' }, durationMs: 3 };
        return { ok: true, result: answer(event as never), durationMs: 12 };
      },
    },
  };
}

const OPEN = new Date('2026-03-10T10:00:00+01:00');
const CLOSED = new Date('2026-03-10T20:00:00+01:00');

async function call(
  scenario: CallScenario,
  lambdas = fakeLambdas({
    'call-intake': () => ({ lineState: 'ok' }),
    'request-callback': () => ({ status: 'stored' }),
  }),
  flows = templateFlows(),
) {
  const sent: ContactEventEnvelope[] = [];
  const transcript = await runCall(
    {
      flows,
      lambdas: lambdas.port,
      contactEvents: { send: async (event) => void sent.push(event) },
      hours: config,
    },
    scenario,
  );
  return { transcript, sent, lambdas };
}

describe('the flow interpreter', () => {
  it('answers an open call, emergency numbers first, with Connect’s four contact events', async () => {
    const { transcript, sent } = await call({ at: OPEN, staffed: 1, answerAfterSeconds: 90 });
    expect(transcript.outcome).toBe('answered');
    expect(transcript.prompts.slice(0, 2)).toEqual([CALLER_PROMPTS.welcome, CALLER_PROMPTS.emergencyNumbers]);
    expect(transcript.events).toEqual(['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED']);
    expect(sent.map((event) => event.detail.eventType)).toEqual(transcript.events);
    expect(sent[1]?.detail.queueInfo).toEqual(expect.objectContaining({ queueArn: refs.listenersQueueArn }));
    // 90 s in queue: one minute of hold, so the whisper says about one minute.
    expect(transcript.whisper).toEqual([LISTENER_WHISPER.minutes('1')]);
    expect(transcript.waitSeconds).toBe(90);
  });

  it('sends Connect’s ContactFlowEvent with the invocation attributes and the time limit', async () => {
    const lambdas = fakeLambdas({
      'call-intake': () => ({}),
      'request-callback': () => ({ status: 'stored' }),
    });
    await call({ at: CLOSED, staffed: 0, keys: ['1', '1', '3', '1'] }, lambdas);
    const [intake, request] = lambdas.events;
    expect(intake).toEqual(expect.objectContaining({ name: 'call-intake', timeLimitMs: 3000 }));
    expect(request?.event).toEqual(
      expect.objectContaining({
        Name: 'ContactFlowEvent',
        Details: expect.objectContaining({
          ContactData: expect.objectContaining({ Channel: 'VOICE', CustomerEndpoint: expect.anything() }),
          Parameters: { numberSource: 'calling', mayLeaveMessage: 'yes', safeWindow: 'anytime' },
        }),
      }),
    );
  });

  it.each([
    ['a throw', { ok: false as const, error: { name: 'TypeError', message: 'x' }, durationMs: 2 }],
    ['a nested answer', { ok: true as const, result: { lineState: { deep: 'yes' } }, durationMs: 2 }],
    ['a non-object answer', { ok: true as const, result: 'ok', durationMs: 2 }],
    ['an answer over 32 KB', { ok: true as const, result: { blob: 'x'.repeat(33 * 1024) }, durationMs: 2 }],
  ])('takes the Error branch on %s, and the caller still reaches the queue', async (_label, outcome) => {
    const port = { invoke: async () => outcome };
    const { transcript } = await call({ at: OPEN, staffed: 1 }, { events: [], port });
    expect(transcript.lambdas[0]?.ok).toBe(false);
    expect(transcript.outcome).toBe('answered');
    expect(transcript.entries).toContainEqual(
      expect.objectContaining({ actionId: 'CallIntake', text: 'Erreur NoMatchingError' }),
    );
  });

  it('stops waiting at the invocation time limit', async () => {
    const port = {
      invoke: () =>
        new Promise<LambdaOutcome>((resolve) =>
          setTimeout(() => resolve({ ok: true, result: {}, durationMs: 0 }), 10_000).unref(),
        ),
    };
    const started = Date.now();
    const { transcript } = await call({ at: OPEN, staffed: 1 }, { events: [], port });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(transcript.lambdas[0]).toEqual(
      expect.objectContaining({ ok: false, error: expect.stringContaining('TimeLimitExceeded') }),
    );
    expect(transcript.outcome).toBe('answered');
  });

  it('refuses an action type it does not implement instead of skipping it', async () => {
    const flows = templateFlows((role, flow) =>
      role === 'mainInbound'
        ? {
            ...flow,
            document: {
              ...flow.document,
              Actions: flow.document.Actions.map((action) =>
                action.Identifier === 'Welcome' ? { ...action, Type: 'PlayMusic' as never } : action,
              ),
            },
          }
        : flow,
    );
    await expect(call({ at: OPEN, staffed: 1 }, undefined, flows)).rejects.toThrow(
      new InterpreterError('unknown action type PlayMusic', 'Un premier pas - Accueil', 'Welcome'),
    );
  });

  it('masks keyed digits in the transcript and passes them only to request-callback', async () => {
    const lambdas = fakeLambdas({
      'call-intake': () => ({}),
      'request-callback': (event) => ({
        status: event.Details.Parameters.keyedNumber === '0612345678' ? 'stored' : 'invalid_number',
      }),
    });
    const { transcript } = await call(
      { at: CLOSED, staffed: 0, keys: ['1', '2', '1', '2', '0612345678'] },
      lambdas,
    );
    expect(transcript.outcome).toBe('callback-stored');
    expect(JSON.stringify(transcript)).not.toContain('0612345678');
    expect(transcript.lambdas[1]?.parameters.keyedNumber).toBe('(masqué)');
  });

  it('hangs up where the scenario says, as abandoned in the IVR', async () => {
    const { transcript } = await call({ at: OPEN, staffed: 1, hangUpAfter: { actionId: 'Welcome' } });
    expect(transcript.outcome).toBe('abandoned-in-ivr');
    expect(transcript.events).toEqual(['INITIATED', 'DISCONNECTED']);
    expect(transcript.emergencyNumbersHeard).toBe(false);
  });

  it('lets an unanswered caller give up in queue', async () => {
    const { transcript } = await call({
      at: OPEN,
      staffed: 1,
      answerAfterSeconds: 3_600,
      patienceSeconds: 300,
    });
    expect(transcript.outcome).toBe('missed-in-queue');
    expect(transcript.events).toEqual(['INITIATED', 'QUEUED', 'DISCONNECTED']);
    // The emergency numbers came back about every minute (60 s of hold, then the offer and its 5 s wait).
    const offers = transcript.entries.filter(
      (entry) => entry.kind === 'prompt' && entry.text === CALLER_PROMPTS.offerCallbackWhileQueued,
    );
    expect(offers.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < offers.length; index += 1) {
      expect((offers[index]?.atSeconds ?? 0) - (offers[index - 1]?.atSeconds ?? 0)).toBeLessThanOrEqual(90);
    }
  });
});
