import Ajv from 'ajv';
import type { ReportIssue } from './issues';

/** Schema pass: the document has the flow language's shape, so later passes can read it without guards. */

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const FLOW_SCHEMA = {
  type: 'object',
  required: ['Version', 'StartAction', 'Actions'],
  additionalProperties: false,
  properties: {
    Version: { const: '2019-10-30' },
    StartAction: { type: 'string', minLength: 1 },
    Metadata: { type: 'object' },
    Actions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['Identifier', 'Type', 'Parameters', 'Transitions'],
        additionalProperties: false,
        properties: {
          Identifier: { type: 'string', minLength: 1 },
          Type: { type: 'string', minLength: 1 },
          Parameters: { type: 'object' },
          Transitions: {
            type: 'object',
            additionalProperties: false,
            properties: {
              NextAction: { type: 'string', minLength: 1 },
              Errors: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['NextAction', 'ErrorType'],
                  additionalProperties: false,
                  properties: { NextAction: { type: 'string' }, ErrorType: { type: 'string' } },
                },
              },
              Conditions: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['NextAction', 'Condition'],
                  additionalProperties: false,
                  properties: {
                    NextAction: { type: 'string' },
                    Condition: {
                      type: 'object',
                      required: ['Operator', 'Operands'],
                      additionalProperties: false,
                      properties: {
                        Operator: {
                          enum: [
                            'Equals',
                            'NumberGreaterThan',
                            'NumberGreaterOrEqualTo',
                            'NumberLessThan',
                            'NumberLessOrEqualTo',
                            'TextStartsWith',
                            'TextEndsWith',
                            'TextContains',
                          ],
                        },
                        Operands: { type: 'array', minItems: 1, items: { type: 'string' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  $defs: { stringMap },
} as const;

const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(FLOW_SCHEMA);

/**
 * Reports every way `document` departs from the flow-language schema.
 * @returns whether the document matches, i.e. whether the other passes may run.
 */
export function checkSchema(document: unknown, report: ReportIssue): boolean {
  if (validateSchema(document)) return true;
  for (const error of validateSchema.errors ?? []) {
    report('schema', `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
  }
  return false;
}
