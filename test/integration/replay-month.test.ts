import { withLocalLine } from '../support/local-line';

// The line's env must be applied before any handler or shared client module loads.
const line = withLocalLine();
const { runReplay, replayLine } =
  require('../../bench/replay/run-replay') as typeof import('../../bench/replay/run-replay');

/** Small enough for two shared cores: the month's checks are the same as the bench's year. */
const CALLS = 100;
const SEED = Number(process.env.REPLAY_SEED ?? 1703);

describe('a replayed month (npm run bench -- --replay month, smaller)', () => {
  test('every call is recorded once, as intended, with its metrics once', async () => {
    const progress: string[] = [];
    const result = await runReplay(line, {
      // A year no other test plays, on the replay's own copies of the tables.
      period: '2017-03',
      calls: CALLS,
      seed: SEED,
      concurrency: 8,
      rawSeconds: 0,
      onProgress: (message) => progress.push(message),
    });
    const summary = `${replayLine(result)} (seed ${SEED})\n${progress.join('\n')}`;
    expect(result.calls).toBe(CALLS);
    // Duplicates and out-of-order arrival were really played.
    expect(result.deliveries).toBeGreaterThan(CALLS * 6);
    expect(result.counters.givenUp).toBe(0);
    expect(result.counters.refusedQualifications).toBe(0);
    expect({ lost: result.lost, duplicated: result.duplicated, wrong: result.wrong, summary }).toEqual({
      lost: 0,
      duplicated: 0,
      wrong: 0,
      summary,
    });
    // Every outcome of the mix was exercised.
    expect(Object.keys(result.mix).sort()).toEqual(
      ['abandoned_in_ivr', 'answered', 'missed_in_queue', 'out_of_hours', 'qualified'].sort(),
    );
  }, 180_000);
});
