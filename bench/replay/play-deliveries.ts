import { invokeFunction } from '../../local/runtime/lambda-runtime';
import type { LocalFunction } from '../../local/runtime/provisioned-resources';
import type { Delivery } from './generate-calls';

/**
 * Plays deliveries through the real handlers, `concurrency` at a time, in arrival order. A failed
 * invocation is retried as the line's callers would: EventBridge retries a contact event that threw,
 * and the guide asks the listener to submit again when qualify-call answers `failed`. call-intake is
 * never retried (Connect carries on with the safe defaults): its fallbacks are counted.
 */

/** Retries before a delivery counts as given up (EventBridge keeps trying for a day; we stop here). */
const MAX_RETRIES = 8;

export interface PlayCounters {
  invocations: number;
  retries: number;
  /** Deliveries still failing after every retry: the replay reports them. */
  givenUp: number;
  intakeFallbacks: number;
  /** qualify-call answers `invalid`: a generator fault, never expected. */
  refusedQualifications: number;
}

export const newPlayCounters = (): PlayCounters => ({
  invocations: 0,
  retries: 0,
  givenUp: 0,
  intakeFallbacks: 0,
  refusedQualifications: 0,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deliver(
  delivery: Delivery,
  functions: Readonly<Record<string, LocalFunction | undefined>>,
  counters: PlayCounters,
): Promise<void> {
  const functionConfig = functions[delivery.fn];
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt += 1) {
    if (attempt > 0) {
      counters.retries += 1;
      await pause(20 * attempt);
    }
    counters.invocations += 1;
    const invocation = await invokeFunction<Record<string, string>>(
      delivery.fn,
      delivery.event,
      functionConfig ? { functionConfig } : {},
    );
    if (delivery.fn === 'call-intake') {
      if (!invocation.ok || invocation.result.recorded !== 'true') counters.intakeFallbacks += 1;
      return;
    }
    if (delivery.fn === 'qualify-call' && invocation.ok) {
      const status = invocation.result.status;
      if (status === 'stored') return;
      if (status === 'invalid') {
        counters.refusedQualifications += 1;
        return;
      }
      continue;
    }
    if (invocation.ok) return;
  }
  counters.givenUp += 1;
}

/** Plays `deliveries` in order with at most `concurrency` in flight. */
export async function playDeliveries(
  deliveries: readonly Delivery[],
  options: {
    readonly concurrency: number;
    readonly functions: Readonly<Record<string, LocalFunction | undefined>>;
    readonly counters: PlayCounters;
  },
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next] as Delivery;
      next += 1;
      await deliver(delivery, options.functions, options.counters);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
}
