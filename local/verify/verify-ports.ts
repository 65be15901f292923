import type { JourneyStaffing } from '../../infra/flows/journeys';

/**
 * What `npm run verify` checks, as ports: the Connect test cases, and the smoke checks on the deployed
 * stacks. Each port has an AWS implementation (aws-*.ts) and a local one (local-*.ts) over the local line.
 */

/** A deployed test case and the staffing its journey needs. */
export interface VerifyTestCase {
  /** Its Connect name. */
  readonly name: string;
  readonly journey: string;
  readonly staffing: JourneyStaffing;
}

/** How one test case execution ended. ERROR: it could not run (missing, refused, unreadable). */
export interface TestCaseOutcome {
  readonly journey: string;
  readonly status: 'PASSED' | 'FAILED' | 'STOPPED' | 'ERROR';
  readonly durationMs: number;
  /** The failed assertions or observations, or why it could not run. */
  readonly failedAssertions: readonly string[];
}

/** Runs the test cases: Connect's StartTestCaseExecution on AWS, the local executor on the local line. */
export interface TestCasePort {
  list(): Promise<readonly VerifyTestCase[]>;
  run(testCase: VerifyTestCase): Promise<TestCaseOutcome>;
}

/** NOT_CHECKED: this implementation cannot check it (a reported gap), which is not a pass. */
export type SmokeStatus = 'OK' | 'FAILED' | 'NOT_CHECKED';

export interface SmokeResult {
  readonly check: string;
  readonly status: SmokeStatus;
  readonly detail: string;
}

/** The smoke checks after a deploy. */
export interface SmokePort {
  /** Every alarm in OK or INSUFFICIENT_DATA. */
  alarms(): Promise<SmokeResult>;
  /** The callback queue and every dead-letter queue empty. */
  queues(): Promise<SmokeResult>;
  /** A call to the partner API without a token gets 401. */
  partnerApi(): Promise<SmokeResult>;
  /** The operations dashboard exists. */
  dashboard(): Promise<SmokeResult>;
}
