import middy from '@middy/core';
import { METRICS } from '../../functions/shared/metrics';

test('middy wraps a handler', async () => {
  const handler = middy(async (event: { n: number }) => event.n + 1);
  await expect(handler({ n: 1 }, {} as never)).resolves.toBe(2);
  expect(METRICS.callsReceived.name).toBe('CallsReceived');
});
