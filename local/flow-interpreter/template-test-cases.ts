import {
  TEST_CASE_JOURNEY_METADATA_KEY,
  TEST_HOURS_METADATA_KEY,
} from '../../infra/constructs/flow-test-cases';
import { parseTestCaseContent, type TestCaseDocument } from '../../infra/flows/testing/test-language';
import type { LoadedTemplateFlows } from './template-flows';

/**
 * Reads the `AWS::Connect::TestCase` resources out of the synthesized templates, their Content resolved
 * to the same local ARNs as the flows, and parsed with the testing-language schema.
 */

/** One test case as deployed. */
export interface TemplateTestCase {
  readonly logicalId: string;
  /** Its Connect name. */
  readonly name: string;
  readonly journey: string;
  readonly description: string;
  readonly document: TestCaseDocument;
}

/** The test cases of the templates, and the test hours of operation they may substitute. */
export interface TemplateTestCases {
  readonly testCases: readonly TemplateTestCase[];
  /** Local ARN of each test hours of operation → whether it is always open. */
  readonly testHoursOpen: ReadonlyMap<string, boolean>;
}

/**
 * Finds every test case of the templates `flows` was loaded from.
 * @throws TestCaseContentError for a Content that is not a valid test case (unknown event, action…)
 */
export function loadTemplateTestCases(flows: LoadedTemplateFlows): TemplateTestCases {
  const testCases: TemplateTestCase[] = [];
  const testHoursOpen = new Map<string, boolean>();
  for (const [logicalId, resource] of flows.resources) {
    if (resource.Type === 'AWS::Connect::HoursOfOperation') {
      const role = resource.Metadata?.[TEST_HOURS_METADATA_KEY];
      if (role === 'open' || role === 'closed') {
        testHoursOpen.set(
          flows.resolve({ 'Fn::GetAtt': [logicalId, 'HoursOfOperationArn'] }),
          role === 'open',
        );
      }
    }
    if (resource.Type !== 'AWS::Connect::TestCase') continue;
    const properties = resource.Properties ?? {};
    testCases.push({
      logicalId,
      name: String(properties.Name),
      journey: String(resource.Metadata?.[TEST_CASE_JOURNEY_METADATA_KEY] ?? logicalId),
      description: String(properties.Description ?? ''),
      document: parseTestCaseContent(flows.resolve(properties.Content)),
    });
  }
  return { testCases, testHoursOpen };
}
