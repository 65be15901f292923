import { METRICS } from '#domain/metrics';
import type { StackTemplate } from '../../local/runtime/cfn-template';
import { PRICES, type PriceId, priceOf } from './prices';

/**
 * The cost model behind docs/cost.md: which template resources are billed and by which price rows,
 * what one call uses (measured where a measure exists, else stated as an assumption), and the
 * resulting cost per 1,000 calls and per month at three volumes.
 */

/**
 * Every resource type the templates hold, with the price rows that bill it, or `free` when AWS does
 * not charge for the resource itself. test/infra/cost-coverage.test.ts fails on a type missing here.
 */
export const RESOURCE_PRICING: Readonly<Record<string, readonly PriceId[] | 'free'>> = {
  'AWS::Connect::Instance': ['connectVoiceMinute'],
  'AWS::Connect::PhoneNumber': ['connectDidDay', 'connectDidInboundMinute'],
  'AWS::Connect::HoursOfOperation': 'free',
  'AWS::Connect::Queue': 'free',
  'AWS::Connect::RoutingProfile': 'free',
  'AWS::Connect::SecurityProfile': 'free',
  'AWS::Connect::User': 'free',
  'AWS::Connect::ContactFlow': 'free',
  'AWS::Connect::IntegrationAssociation': 'free',
  'AWS::Connect::View': 'free',
  'AWS::Connect::TestCase': 'free',
  'Custom::PhoneNumberContactFlowAssociation': 'free',
  'AWS::Lambda::Function': ['lambdaRequests', 'lambdaArmGbSecond'],
  'AWS::Lambda::Permission': 'free',
  'AWS::Lambda::EventInvokeConfig': 'free',
  'AWS::Lambda::EventSourceMapping': 'free',
  'AWS::DynamoDB::Table': [
    'dynamoWriteMillion',
    'dynamoReadMillion',
    'dynamoStorageGbMonth',
    'dynamoPitrGbMonth',
  ],
  'AWS::KMS::Key': ['kmsKeyMonth', 'kmsRequests10k'],
  'AWS::SQS::Queue': ['sqsMillion'],
  'AWS::SQS::QueuePolicy': 'free',
  'AWS::SNS::Topic': ['snsMillion'],
  'AWS::SNS::TopicPolicy': 'free',
  'AWS::Logs::LogGroup': ['cloudwatchLogsGb'],
  'AWS::CloudWatch::Alarm': ['cloudwatchAlarmMonth'],
  'AWS::CloudWatch::CompositeAlarm': ['cloudwatchAlarmMonth'],
  'AWS::CloudWatch::Dashboard': ['cloudwatchDashboardMonth'],
  'AWS::SecretsManager::Secret': ['secretsManagerMonth'],
  'AWS::Cognito::UserPool': ['cognitoMau'],
  'AWS::Cognito::UserPoolClient': 'free',
  'AWS::Cognito::UserPoolGroup': 'free',
  'AWS::ApiGatewayV2::Api': ['apiGatewayHttpMillion'],
  'AWS::ApiGatewayV2::Stage': 'free',
  'AWS::ApiGatewayV2::Integration': 'free',
  'AWS::ApiGatewayV2::Route': 'free',
  'AWS::ApiGatewayV2::Authorizer': 'free',
  'AWS::S3::Bucket': ['s3Storage'],
  'AWS::S3::BucketPolicy': 'free',
  'AWS::CloudFront::Distribution': ['cloudfrontRequests'],
  'AWS::CloudFront::OriginAccessControl': 'free',
  'AWS::CloudFront::ResponseHeadersPolicy': 'free',
  // Managed login's look: its cost is the user pool's feature plan, priced per monthly active user.
  'AWS::Cognito::ManagedLoginBranding': ['cognitoMau'],
  'AWS::Cognito::UserPoolDomain': 'free',
  // Deploy-time only (the portal's upload, the API's CORS, the queue-envelope public key): their
  // functions are counted with AWS::Lambda::Function, and they run once per deploy.
  'AWS::Lambda::LayerVersion': 'free',
  'Custom::AWS': 'free',
  'Custom::CDKBucketDeployment': 'free',
  'Custom::QueueEnvelopePublicKey': 'free',
  'AWS::Scheduler::Schedule': ['schedulerMillion'],
  'AWS::Events::Rule': 'free',
  'AWS::IAM::Role': 'free',
  'AWS::IAM::Policy': 'free',
};

/** One figure of a call's usage, and where it comes from. */
interface Usage {
  readonly value: number;
  readonly source: string;
}

const REPLAY = 'measured: npm run bench -- --replay year, 100,000 calls (2026-12-03)';

/** What one call uses. Update the measured rows from the replay's printed figures. */
export const PER_CALL = {
  lambdaInvocations: {
    value: 7.71,
    source: `${REPLAY}: 771,488 invocations (call-intake, contact events with 20% duplicates, qualify-call; no retry was needed)`,
  },
  lambdaSecondsPerInvocation: {
    value: 0.1,
    source:
      'assumed 100 ms per warm invocation (not measured on AWS; DynamoDB Local latencies are not AWS latencies)',
  },
  lambdaMemoryGb: {
    value: 0.29,
    source: `${REPLAY}: the invocations weighted by their function's configured memory (call-intake and qualify-call 512 MB, contact-events 256 MB, infra/stacks)`,
  },
  dynamoWriteUnits: {
    value: 13.5,
    source: `${REPLAY}: 8.12 UpdateItem and 0.72 transactions of two items per call in the replay, 1.27 transactional item writes by the sweep; transactional items at two units`,
  },
  dynamoReadUnits: {
    value: 9.7,
    source: `${REPLAY}: 9.06 strongly consistent GetItem per call in the replay, and the sweep's read before each of its 0.63 moves per call`,
  },
  connectMinutes: {
    value: 12,
    source: 'assumed: the replay’s generated mix (78% of open-hours calls answered, 1–41 min of talk)',
  },
  logKilobytes: { value: 8, source: 'assumed 1 KB of log per invocation' },
} as const satisfies Record<string, Usage>;

/** Custom metric series: the catalogue's metrics (dimension values multiply these; lower bound). */
export const CUSTOM_METRICS = Object.keys(METRICS).length;

export const countTypes = (templates: readonly StackTemplate[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const { template } of templates) {
    for (const resource of Object.values(template.Resources ?? {})) {
      counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
    }
  }
  return counts;
};

/** A sum over priced parts; parts whose price was not found are named instead of added. */
interface Partial {
  usd: number;
  missing: Set<string>;
}
const add = (total: Partial, price: PriceId, quantity: number) => {
  const unit = priceOf(price);
  if (unit === null) total.missing.add(price);
  else total.usd += unit * quantity;
};

export function perThousandCalls(): { telephony: Partial; backend: Partial } {
  const telephony: Partial = { usd: 0, missing: new Set() };
  add(telephony, 'connectVoiceMinute', 1000 * PER_CALL.connectMinutes.value);
  add(telephony, 'connectDidInboundMinute', 1000 * PER_CALL.connectMinutes.value);
  const backend: Partial = { usd: 0, missing: new Set() };
  const invocations = 1000 * PER_CALL.lambdaInvocations.value;
  add(backend, 'lambdaRequests', invocations / 1e6);
  add(
    backend,
    'lambdaArmGbSecond',
    invocations * PER_CALL.lambdaSecondsPerInvocation.value * PER_CALL.lambdaMemoryGb.value,
  );
  add(backend, 'dynamoWriteMillion', (1000 * PER_CALL.dynamoWriteUnits.value) / 1e6);
  add(backend, 'dynamoReadMillion', (1000 * PER_CALL.dynamoReadUnits.value) / 1e6);
  add(backend, 'cloudwatchLogsGb', (1000 * PER_CALL.logKilobytes.value) / 1024 / 1024);
  return { telephony, backend };
}

export function fixedMonthly(types: ReadonlyMap<string, number>): Partial {
  const fixed: Partial = { usd: 0, missing: new Set() };
  add(fixed, 'kmsKeyMonth', types.get('AWS::KMS::Key') ?? 0);
  add(
    fixed,
    'cloudwatchAlarmMonth',
    (types.get('AWS::CloudWatch::Alarm') ?? 0) + (types.get('AWS::CloudWatch::CompositeAlarm') ?? 0),
  );
  add(fixed, 'cloudwatchDashboardMonth', types.get('AWS::CloudWatch::Dashboard') ?? 0);
  add(fixed, 'cloudwatchMetricMonth', CUSTOM_METRICS);
  add(fixed, 'connectDidDay', 30.4 * (types.get('AWS::Connect::PhoneNumber') ?? 0));
  add(fixed, 'secretsManagerMonth', types.get('AWS::SecretsManager::Secret') ?? 0);
  return fixed;
}

const usd = (value: number) => `${value.toFixed(2)} USD`;
const shown = (part: Partial) =>
  part.missing.size === 0 ? usd(part.usd) : `${usd(part.usd)} + not priced: ${[...part.missing].join(', ')}`;

/** docs/cost.md, from the templates. */
export function renderCostDoc(templates: readonly StackTemplate[]): string {
  const types = countTypes(templates);
  const { telephony, backend } = perThousandCalls();
  const fixed = fixedMonthly(types);
  const lines = [
    '# What the line costs',
    '',
    'Generated by `npm run cost` (bench/cost/); `test/infra/cost-coverage.test.ts` keeps it in step with the',
    'templates. Do not edit by hand. Prices are in USD, without VAT; a price no page gave is shown as',
    '"not found" and left out of the sums, which then name it.',
    '',
    '## Unit prices',
    '',
    '| service | item | unit | USD | region of the figure | source | read |',
    '|---|---|---|---|---|---|---|',
    ...PRICES.map(
      (price) =>
        `| ${price.service} | ${price.item} | ${price.unit} | ${price.usd === null ? 'not found' : price.usd} | ${price.region} | ${price.source}${'note' in price ? ` (${price.note})` : ''} | ${price.read} |`,
    ),
    '',
    '## Resources in the templates',
    '',
    '| resource type | count | billed by |',
    '|---|---|---|',
    ...[...types.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => {
        const pricing = RESOURCE_PRICING[type];
        return `| ${type} | ${count} | ${pricing === undefined ? 'MISSING' : pricing === 'free' ? 'not billed itself' : pricing.join(', ')} |`;
      }),
    '',
    '## What one call uses',
    '',
    '| usage | per call | source |',
    '|---|---|---|',
    ...Object.entries(PER_CALL).map(([name, usage]) => `| ${name} | ${usage.value} | ${usage.source} |`),
    `| custom metric series | ${CUSTOM_METRICS} per month, not per call | the catalogue, domain/metrics.ts (dimension values add series) |`,
    '',
    '## Cost per 1,000 calls',
    '',
    `- telephony (Amazon Connect): ${shown(telephony)}`,
    `- backend (Lambda, DynamoDB, logs): ${shown(backend)}`,
    '',
    '## Per month',
    '',
    `Fixed (KMS keys, alarms, dashboards, custom metrics, the numbers, secrets): ${shown(fixed)}`,
    '',
    '| calls a year | calls a month | fixed | telephony | backend | total |',
    '|---|---|---|---|---|---|',
    ...[2_000, 100_000, 1_000_000].map((perYear) => {
      const perMonth = perYear / 12;
      const scale = perMonth / 1000;
      const total = fixed.usd + scale * (telephony.usd + backend.usd);
      return `| ${perYear.toLocaleString('en-US')} | ${Math.round(perMonth).toLocaleString('en-US')} | ${usd(fixed.usd)} | ${usd(scale * telephony.usd)} | ${usd(scale * backend.usd)} | ${usd(total)} (+ not priced) |`;
    }),
    '',
    `Not priced above: ${PRICES.filter((price) => price.usd === null)
      .map((price) => `${price.service} ${price.item}`)
      .join(
        ', ',
      )}, whose prices were not found in the pages read. Figures for another region than eu-central-1 say so in the unit prices. Free tiers are not subtracted.`,
    '',
  ];
  return lines.join('\n');
}
