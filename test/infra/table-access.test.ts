import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { synthesizeLine } from '../support/synth';

/**
 * The DynamoDB actions of every function, written by hand: exactly what its code sends (grep
 * `Command(` in functions/), on the table or index it sends it to. No Scan, no batch, no DeleteItem
 * except Powertools' idempotency record.
 */

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the helpers below check its shape.
type Json = any;

const EXPECTED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // One conditional UpdateItem records the call start.
  'call-intake': { calls: ['UpdateItem'] },
  // Reads the record, then updates it on its revision.
  'contact-events': { calls: ['GetItem', 'UpdateItem'], statistics: ['PutItem'] },
  // Reads whether the call has ended, stores the qualification; puts the statistics item when it moves them.
  'qualify-call': { calls: ['GetItem', 'UpdateItem'], statistics: ['PutItem'] },
  'request-callback': {},
  // Creates the record once, reads it back on redelivery, marks it notified; Powertools idempotency.
  'dispatch-callback': {
    audit: ['PutItem'],
    callbacks: ['GetItem', 'PutItem', 'UpdateItem'],
    idempotency: ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'],
  },
  // Lists by the index, opens/claims/records an outcome on one record.
  'partner-api': {
    audit: ['PutItem'],
    callbacks: ['GetItem', 'UpdateItem'],
    'callbacks/index/byPartnerStatus': ['Query'],
  },
  // Lists open requests by the index, updates the overdue ones.
  'callback-watch': {
    audit: ['PutItem'],
    callbacks: ['UpdateItem'],
    'callbacks/index/byPartnerStatus': ['Query'],
  },
  // Reads a month of statistics by day.
  'monthly-report': { 'statistics/index/byDay': ['Query'] },
  // Finds calls that never moved by day, re-reads and moves them (the call's update, the statistics put).
  'sweep-statistics': {
    calls: ['GetItem', 'UpdateItem'],
    'calls/index/byDay': ['Query'],
    statistics: ['PutItem'],
  },
  'phone-number-association': {},
  'queue-envelope-public-key': {},
};

const { line } = synthesizeLine();
const resources = line.toJSON().Resources as Record<string, Json>;

/** The table (and index) a statement's resource names: `calls`, `callbacks/index/byPartnerStatus`… */
function tableOf(resource: unknown): string {
  const text = JSON.stringify(resource);
  const table = /(Calls|Statistics|Callbacks|Idempotency|Audit)Table/.exec(text)?.[1]?.toLowerCase();
  if (table === undefined) throw new Error(`not a table of the line: ${text}`);
  const index = /\/index\/([^"]+)/.exec(text)?.[1];
  return index === undefined ? table : `${table}/index/${index}`;
}

/** DynamoDB actions by table, for each function's role. */
function dynamoActionsByFunction(): Map<string, Record<string, string[]>> {
  const statementsByRole = new Map<string, Json[]>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    for (const role of resource.Properties.Roles) {
      statementsByRole.set(role.Ref, [
        ...(statementsByRole.get(role.Ref) ?? []),
        ...resource.Properties.PolicyDocument.Statement,
      ]);
    }
  }
  const byFunction = new Map<string, Record<string, string[]>>();
  for (const resource of Object.values(resources)) {
    const name = resource.Metadata?.[FUNCTION_METADATA_KEY];
    if (resource.Type !== 'AWS::Lambda::Function' || name === undefined) continue;
    const actions: Record<string, string[]> = {};
    for (const statement of statementsByRole.get(resource.Properties.Role['Fn::GetAtt'][0]) ?? []) {
      const dynamo = [statement.Action].flat().filter((action: string) => action.startsWith('dynamodb:'));
      if (dynamo.length === 0) continue;
      for (const target of [statement.Resource].flat()) {
        const table = tableOf(target);
        actions[table] = [
          ...new Set([...(actions[table] ?? []), ...dynamo.map((a: string) => a.slice(9))]),
        ].sort();
      }
    }
    byFunction.set(name, actions);
  }
  return byFunction;
}

describe('DynamoDB access', () => {
  const found = dynamoActionsByFunction();

  it('covers every function', () => {
    expect([...found.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s has exactly the actions its code sends', (name, expected) => {
    expect(found.get(name)).toEqual(expected);
  });

  it('gives no one Scan, a batch action or a wildcard', () => {
    const all = [...found.values()].flatMap((byTable) => Object.values(byTable).flat());
    expect(all.filter((action) => /Scan|Batch|\*/.test(action))).toEqual([]);
  });
});
