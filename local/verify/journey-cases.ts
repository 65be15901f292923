import { testCaseName } from '../../infra/constructs/flow-test-cases';
import { CALLER_JOURNEYS } from '../../infra/flows/journeys';
import type { VerifyTestCase } from './verify-ports';

/** The test cases the line deploys, one per journey, with the staffing each one needs. */
export function journeyTestCases(): VerifyTestCase[] {
  return CALLER_JOURNEYS.map((journey) => ({
    name: testCaseName(journey.id),
    journey: journey.id,
    staffing: journey.staffing,
  }));
}
