import { verifyLocally } from '../../local/verify/verify-local-line';
import { withLocalLine } from '../support/local-line';

/**
 * `npm run verify -- --local`, its core as the script runs it: a fresh local line of its own (the shared
 * one holds other tests' messages), every deployed test case through the local executor and the real
 * handlers, then the smoke checks on the emulated queues, the local partner API and the synthesized
 * Observability stack. The shared line's env is applied again afterwards for the files that follow.
 */

afterAll(() => {
  withLocalLine();
});

describe('npm run verify -- --local', () => {
  it('passes every test case and every smoke check on a fresh line', async () => {
    const output: string[] = [];
    const report = await verifyLocally({ write: (text) => output.push(text) });
    const printed = output.join('');
    expect(report.outcomes.length).toBeGreaterThanOrEqual(15);
    expect(report.outcomes.filter((outcome) => outcome.status !== 'PASSED')).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.smoke).toEqual([
      expect.objectContaining({ check: 'alarms', status: 'OK' }),
      expect.objectContaining({ check: 'queues', status: 'OK' }),
      expect.objectContaining({ check: 'partnerApi', status: 'OK', detail: expect.stringContaining('401') }),
      expect.objectContaining({ check: 'dashboard', status: 'OK' }),
    ]);
    expect(report.ok).toBe(true);
    expect(printed).toMatch(/closed-invalid-number-twice\s+PASSED/);
    expect(printed).toMatch(/test cases passed: \d+, failed: 0/);
  }, 600_000);
});
