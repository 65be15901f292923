import { Fn, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { DayHours } from '#domain/time/line-hours';
import { CALLER_JOURNEYS, type CallerJourney, type FlowFunctionName } from '../flows/journeys';
import { testCaseDocument } from '../flows/testing/test-case-content';

export interface FlowTestCasesProps {
  readonly instanceArn: string;
  readonly timeZone: string;
  /** The main inbound flow, where every test call enters. */
  readonly mainFlowArn: string;
  /** The line's hours of operation, which each test case replaces with a test one. */
  readonly hoursOfOperationArn: string;
  readonly functionArns: Readonly<Record<FlowFunctionName, string>>;
  /** A function Connect may not invoke (no integration): substituted to make a flow Lambda fail. */
  readonly unreachableFunctionArn: string;
  readonly weekdayHours: readonly DayHours[];
  /** @default CALLER_JOURNEYS */
  readonly journeys?: readonly CallerJourney[];
}

/** Template metadata key naming the journey of each test case (the local executor reads it). */
export const TEST_CASE_JOURNEY_METADATA_KEY = 'premier-pas:journey';
/** Template metadata key marking the test hours of operation: `open` or `closed`. */
export const TEST_HOURS_METADATA_KEY = 'premier-pas:test-hours';
/** Prefix of every test case name; `npm run verify` finds them by it. */
export const TEST_CASE_NAME_PREFIX = 'premier-pas';

/** The Connect name of a journey's test case. */
export function testCaseName(journeyId: string): string {
  return `${TEST_CASE_NAME_PREFIX} ${journeyId}`;
}

const EVERY_DAY = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/**
 * One `AWS::Connect::TestCase` per caller journey (infra/flows/journeys.ts), in the testing language
 * 2025-06-21, plus the two test hours of operation the test cases substitute for the line's (always
 * open, always closed: the docs show SubstituteResource for hours). Test cases are PUBLISHED, so Connect
 * validates their content when the stack deploys; `npm run verify` starts them.
 */
export class FlowTestCases extends Construct {
  public readonly testCases: readonly connect.CfnTestCase[];
  public readonly alwaysOpen: connect.CfnHoursOfOperation;
  public readonly alwaysClosed: connect.CfnHoursOfOperation;

  constructor(scope: Construct, id: string, props: FlowTestCasesProps) {
    super(scope, id);
    this.alwaysOpen = new connect.CfnHoursOfOperation(this, 'AlwaysOpen', {
      instanceArn: props.instanceArn,
      name: 'Test - toujours ouvert',
      description: 'Tests de flux uniquement: remplace les horaires de la ligne',
      timeZone: props.timeZone,
      config: EVERY_DAY.map((day) => ({
        day,
        startTime: { hours: 0, minutes: 0 },
        endTime: { hours: 23, minutes: 59 },
      })),
    });
    this.alwaysOpen.addMetadata(TEST_HOURS_METADATA_KEY, 'open');
    // No opening slot at all: the hours check always answers closed.
    this.alwaysClosed = new connect.CfnHoursOfOperation(this, 'AlwaysClosed', {
      instanceArn: props.instanceArn,
      name: 'Test - toujours ferme',
      description: 'Tests de flux uniquement: remplace les horaires de la ligne',
      timeZone: props.timeZone,
      config: [],
    });
    this.alwaysClosed.addMetadata(TEST_HOURS_METADATA_KEY, 'closed');

    const refs = {
      functionArns: props.functionArns,
      unreachableFunctionArn: props.unreachableFunctionArn,
      hoursOfOperationArn: props.hoursOfOperationArn,
      testHoursArns: {
        open: this.alwaysOpen.attrHoursOfOperationArn,
        closed: this.alwaysClosed.attrHoursOfOperationArn,
      },
      weekdayHours: props.weekdayHours,
    };
    // The entry point names a FlowId: the last segment of …:instance/<id>/contact-flow/<flow id>.
    const mainFlowId = Fn.select(3, Fn.split('/', props.mainFlowArn));
    this.testCases = (props.journeys ?? CALLER_JOURNEYS).map((journey) => {
      const testCase = new connect.CfnTestCase(this, `TestCase-${journey.id}`, {
        instanceArn: props.instanceArn,
        name: testCaseName(journey.id),
        description: journey.title,
        status: 'PUBLISHED',
        entryPoint: { type: 'VOICE_CALL', voiceCallEntryPointParameters: { flowId: mainFlowId } },
        content: Stack.of(this).toJsonString(testCaseDocument(journey, refs)),
      });
      testCase.addMetadata(TEST_CASE_JOURNEY_METADATA_KEY, journey.id);
      return testCase;
    });
  }
}
