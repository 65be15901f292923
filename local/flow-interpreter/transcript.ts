import type { CallTranscript, TranscriptKind } from './interpreter-types';

/** How each transcript line is labelled when printed. */
const LABELS: Record<TranscriptKind, string> = {
  prompt: 'entend   ',
  whisper: 'écoutante',
  input: 'tape     ',
  branch: 'branche  ',
  lambda: 'lambda   ',
  setting: 'réglage  ',
  queue: 'file     ',
  event: 'événement',
  end: 'fin      ',
};

function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The transcript as readable lines: time, what happened, and where in which flow. */
export function formatTranscript(transcript: CallTranscript): string {
  return transcript.entries
    .map((entry) => {
      const where = entry.actionId === undefined ? entry.flow : `${entry.flow} › ${entry.actionId}`;
      return `${clock(entry.atSeconds)}  ${LABELS[entry.kind]}  ${entry.text}   (${where})`;
    })
    .join('\n');
}

/** The one-line JSON summary that `npm run call` prints last. */
export function summarize(transcript: CallTranscript): Record<string, unknown> {
  return {
    contactId: transcript.contactId,
    outcome: transcript.outcome,
    prompts: transcript.prompts,
    whisper: transcript.whisper,
    inputs: transcript.inputs,
    lambdas: transcript.lambdas.map((call) => ({
      function: call.functionName,
      ok: call.ok,
      ...(call.result === undefined ? {} : { result: call.result }),
      ...(call.error === undefined ? {} : { error: call.error }),
      ...(call.fault === undefined ? {} : { fault: call.fault }),
      durationMs: call.durationMs,
    })),
    flows: transcript.flows,
    events: transcript.events,
    emergencyNumbersBeforeQueue: transcript.emergencyNumbersBeforeQueue,
    queued: transcript.queued,
    ...(transcript.waitSeconds === undefined ? {} : { waitSeconds: transcript.waitSeconds }),
  };
}
