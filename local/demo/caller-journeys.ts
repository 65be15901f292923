import type { CallScenario, CallTranscript } from '../flow-interpreter/interpreter-types';
import { createLocalCallRunner, type LocalCallRunner } from '../flow-interpreter/local-call';
import { formatTranscript } from '../flow-interpreter/transcript';
import type { DemoAct } from './types';

/** A few journeys `npm start` plays so that a newcomer sees what callers hear. */
export const FLOW_DEMO_SCENARIOS: readonly { readonly title: string; readonly scenario: CallScenario }[] = [
  {
    title: 'Mardi 10 h, deux écoutantes en service: la ligne répond',
    scenario: { at: new Date('2026-03-10T10:00:00+01:00'), staffed: 2 },
  },
  {
    title: 'Mardi 10 h, call-intake en panne: l’appel continue jusqu’à la file',
    scenario: { at: new Date('2026-03-10T10:05:00+01:00'), staffed: 2, faults: { 'call-intake': 'error' } },
  },
  {
    title: 'En attente, l’appelante tape 1 pour être rappelée à ce numéro',
    scenario: {
      at: new Date('2026-03-10T11:00:00+01:00'),
      staffed: 1,
      answerAfterSeconds: 900,
      keys: ['1', '2', '1', '1'],
    },
  },
  {
    title: 'Mardi 19 h 30, ligne fermée: demande de rappel à un autre numéro',
    scenario: {
      at: new Date('2026-03-10T19:30:00+01:00'),
      staffed: 0,
      keys: ['1', '2', '2', '2', '0612345678'],
    },
  },
];

/**
 * Plays the demo journeys through `runner` and writes each transcript with `write`.
 * Returns the transcripts, in order.
 */
export async function playFlowDemo(
  runner: LocalCallRunner,
  write: (text: string) => void,
): Promise<CallTranscript[]> {
  const transcripts: CallTranscript[] = [];
  for (const { title, scenario } of FLOW_DEMO_SCENARIOS) {
    const transcript = await runner.run(scenario);
    transcripts.push(transcript);
    write(`\n=== ${title} → ${transcript.outcome}\n${formatTranscript(transcript)}\n`);
  }
  return transcripts;
}

/** The `npm start` act: the journeys above, through the synthesized flows and the real handlers. */
export const callerJourneysAct: DemoAct = {
  title: 'Caller journeys through the contact flows',
  async run(context) {
    context.say('synthesizing the flows and loading them into the interpreter…');
    const runner = createLocalCallRunner(context.line);
    await playFlowDemo(runner, (text) => context.say(text));
  },
};
