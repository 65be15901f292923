import { parisInstant } from '../../../local/console/console-server';
import { LiveCall } from '../../../local/console/live-call';
import { fieldErrorsOf } from '../../../local/console/qualification-views';

/** The console's live participants: keys, time limits, interruptions, as the interpreter waits on them. */

describe('a live call', () => {
  it('hands one key to a menu, and a keyed number up to its terminator', async () => {
    const call = new LiveCall('c1', 1);
    call.press('1');
    expect(await call.keys({ timeLimitMs: 1_000 }, false)).toBe('1');
    for (const key of '0612345678#') call.press(key);
    expect(await call.keys({ timeLimitMs: 1_000, terminator: '#' }, false)).toBe('0612345678#');
  });

  it('waits for a key pressed later, and gives nothing when the time limit passes', async () => {
    const call = new LiveCall('c2', 1);
    const keyed = call.keys({ timeLimitMs: 5_000 }, false);
    setTimeout(() => call.press('2'), 20);
    expect(await keyed).toBe('2');
    expect(await call.keys({ timeLimitMs: 30 }, false)).toBeUndefined();
  });

  it('stops waiting when the caller hangs up, or in queue when a listener accepts', async () => {
    const hungUp = new LiveCall('c3', 1);
    const waiting = hungUp.pass(Number.POSITIVE_INFINITY, false);
    hungUp.hangUp('caller');
    await waiting;
    expect(hungUp.callerHungUp).toBe(true);

    const queued = new LiveCall('c4', 1);
    queued.publish({ type: 'phase', phase: 'queued' });
    const music = queued.pass(Number.POSITIVE_INFINITY, true);
    expect(queued.accept()).toBe(true);
    await music;
    expect(queued.listenerAccepted).toBe(true);
  });

  it('refuses an accept when the call is not in queue', () => {
    expect(new LiveCall('c5', 1).accept()).toBe(false);
  });

  it('lets the call’s time pass `speed` times faster than real time', async () => {
    const call = new LiveCall('c6', 1_000);
    expect(await call.pass(10_000, false)).toBe(10_000);
  });

  it('replays its events to a late subscriber', () => {
    const call = new LiveCall('c7', 1);
    call.noted({ atSeconds: 0, flow: 'f', kind: 'event', text: 'QUEUED' });
    const seen: string[] = [];
    call.subscribe((event) => seen.push(event.type));
    expect(seen).toEqual(['phase', 'entry']);
    expect(call.phase).toBe('queued');
  });
});

describe('the console’s readings', () => {
  it('splits qualify-call’s field errors by field, whatever the messages hold', () => {
    expect(
      fieldErrorsOf({
        errors: 'ageBand: Champ obligatoire : « Tranche d’âge ».; commune: Choisissez une commune; ou autre.',
        errorFields: 'ageBand,commune',
      }),
    ).toEqual({
      ageBand: 'Champ obligatoire : « Tranche d’âge ».',
      commune: 'Choisissez une commune; ou autre.',
    });
  });

  it('reads a Paris wall-clock time in winter and summer, and refuses one that does not exist', () => {
    expect(parisInstant('2026-12-25T10:30').toISOString()).toBe('2026-12-25T09:30:00.000Z');
    expect(parisInstant('2026-07-14T10:00').toISOString()).toBe('2026-07-14T08:00:00.000Z');
    expect(() => parisInstant('2026-03-29T02:30')).toThrow();
    expect(() => parisInstant('2026-02-30T10:00')).toThrow();
  });
});
