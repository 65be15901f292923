import type { ActionParameters, CatalogueEntry, ValueSpec } from '../action-catalogue';
import type { FlowAction } from '../language';
import type { FlowRule, ReportIssue } from './issues';

/**
 * Parameters pass: each action's parameters against its page in the catalogue. A name the page does not
 * document, a value of another kind or outside the page's values, or a parameter the page requires and
 * the action lacks, is reported at that action with the parameter's path.
 */

type Fail = (rule: FlowRule, message: string) => void;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the page requires the value in this form of the action. */
function isRequired(spec: ValueSpec, parameters: ActionParameters): boolean {
  return spec.required === true || (spec.requiredIn?.applies(parameters) ?? false);
}

/** Checks named fields against their specs: unknown names, missing required ones, each value. */
function checkFields(
  fields: Readonly<Record<string, ValueSpec>>,
  value: Record<string, unknown>,
  path: string,
  parameters: ActionParameters,
  fail: Fail,
): void {
  for (const [name, field] of Object.entries(value)) {
    const spec = fields[name];
    if (spec === undefined) fail('unknown-parameter', `${path}${name} is not on the reference page`);
    else checkValue(spec, field, `${path}${name}`, parameters, fail);
  }
  for (const [name, spec] of Object.entries(fields)) {
    if (value[name] === undefined && isRequired(spec, parameters)) {
      fail(
        'missing-parameter',
        `${path}${name} is required${spec.requiredIn ? ` when ${spec.requiredIn.description}` : ''}`,
      );
    }
  }
}

/** Checks one value against its spec, descending into objects, maps and lists. */
function checkValue(
  spec: ValueSpec,
  value: unknown,
  path: string,
  parameters: ActionParameters,
  fail: Fail,
): void {
  if (spec.onlyIn !== undefined && !spec.onlyIn.applies(parameters)) {
    fail('parameter-value', `${path} is allowed only when ${spec.onlyIn.description}`);
  }
  if (spec.static === true && typeof value === 'string' && value.includes('$.')) {
    fail('parameter-value', `${path} must be defined statically, not from ${value}`);
  }
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') fail('parameter-value', `${path} must be text`);
      else if (spec.values !== undefined && !spec.values.includes(value)) {
        fail('parameter-value', `${path} is ${value}; the page allows ${spec.values.join(', ')}`);
      }
      return;
    case 'integer': {
      // No page gives the JSON type: a number or the digits as text.
      const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      const inRange =
        typeof number === 'number' &&
        Number.isInteger(number) &&
        number >= spec.min &&
        (spec.max === undefined || number <= spec.max);
      if (!inRange) {
        const bounds = spec.max === undefined ? `at least ${spec.min}` : `from ${spec.min} to ${spec.max}`;
        fail('parameter-value', `${path} must be an integer ${bounds}`);
      }
      return;
    }
    case 'object':
      if (!isObject(value)) fail('parameter-value', `${path} must be an object`);
      else checkFields(spec.fields, value, `${path}.`, parameters, fail);
      return;
    case 'map': {
      if (!isObject(value)) {
        fail('parameter-value', `${path} must be an object`);
        return;
      }
      const keys = Object.keys(value);
      if (spec.maxEntries !== undefined && keys.length > spec.maxEntries) {
        fail('parameter-value', `${path} may hold ${spec.maxEntries} entry at most`);
      }
      for (const key of keys) {
        if (spec.keys !== undefined && !spec.keys.includes(key)) {
          fail('unknown-parameter', `${path}.${key} is not on the reference page`);
        }
        checkValue(spec.values ?? { kind: 'text' }, value[key], `${path}.${key}`, parameters, fail);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) fail('parameter-value', `${path} must be a list`);
      else {
        for (const [index, item] of value.entries()) {
          checkValue(spec.items, item, `${path}[${index}]`, parameters, fail);
        }
      }
      return;
    case 'undocumented':
      return;
  }
}

/** Reports every way the action's parameters depart from its catalogue entry. */
export function checkParameters(action: FlowAction, entry: CatalogueEntry, report: ReportIssue): void {
  const fail: Fail = (rule, message) => report(rule, `${action.Type}: ${message}`, action.Identifier);
  checkFields(entry.parameters, action.Parameters, 'Parameters.', action.Parameters, fail);
  for (const group of entry.exclusive ?? []) {
    const given = group.filter((name) => action.Parameters[name] !== undefined);
    if (given.length > 1) fail('parameter-value', `only one of ${group.join(', ')} may be given`);
  }
}
