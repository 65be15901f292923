/**
 * A seeded pseudo-random source for tests that inject faults at random: the same seed replays the same
 * faults. The seed comes from `variable` when set, else is drawn once and must be printed on failure.
 */
export interface SeededRandom {
  readonly seed: number;
  /** A number in [0, 1), like Math.random(). */
  next(): number;
}

/** mulberry32: small, fast and good enough to spread faults; not for anything secret. */
export function seededRandom(variable: string): SeededRandom {
  const fromEnv = process.env[variable];
  const seed = fromEnv === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(fromEnv) >>> 0;
  let state = seed;
  return {
    seed,
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
}

/** Runs `body`; on failure, says which seed replays it. */
export async function withSeed<T>(
  random: SeededRandom,
  variable: string,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const replay = `replay with ${variable}=${random.seed}`;
    if (error instanceof Error) error.message = `${error.message}\n(${replay})`;
    throw error;
  }
}
