/**
 * The unit prices of the cost model, in USD, each with the page it was read from and when. Prices are
 * for eu-central-1 where a page gave that region; otherwise the row says which region the figure is
 * for, and a price no page gave is `null` ("not found"), never guessed. Update a row by reading its
 * page again, then `npm run cost` to regenerate docs/cost.md.
 */

export interface UnitPrice {
  readonly id: string;
  readonly service: string;
  readonly item: string;
  readonly unit: string;
  /** USD per unit, or null when no page read gave it. */
  readonly usd: number | null;
  /** The region the figure is for (eu-central-1 wanted). */
  readonly region: string;
  readonly source: string;
  /** When the page (or its transcription) was read. */
  readonly read: string;
  readonly note?: string;
}

/** Read on 2026-12-02 through the project's search tools (pages and docs corpora). */
const READ = '2026-12-02';

/** Rows re-read on 2026-12-03 for their eu-central-1 figures (stored GitHub files). */
const READ_EU = '2026-12-03';

/**
 * A transcription of the AWS Price List offer files for eu-central-1 (first paid tier, gross of free
 * tiers), read from the offers on 2026-09-11 by its authors (price version aws-eu-central-1-gross-2026-09-11).
 */
const FRANKFURT_OFFERS =
  'github.com/Bayashat/zerde-serverless-bot docs/MEMORY_V2_COST_MONITOR.md (AWS Price List offer files .../offers/v1.0/aws/{service}/current/eu-central-1/index.json, read 2026-09-11)';

/** Lambda per region, from calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json. */
const REMOTION_LAMBDA = 'github.com/remotion-dev/remotion packages/lambda/src/pricing/price-per-1-s.ts';

export const PRICES = [
  {
    id: 'connectVoiceMinute',
    service: 'Amazon Connect',
    item: 'voice usage',
    unit: 'minute',
    usd: 0.038,
    region: 'all regions (page gives one price)',
    source:
      'https://aws.amazon.com/connect/pricing/ (transcribed 2026-10-07 by api-evangelist/amazon-connect plans/amazon-connect-plans-pricing.yml)',
    read: READ,
    note: '"$0.038 per voice min (standard telephony rates apply)"',
  },
  {
    id: 'connectDidDay',
    service: 'Amazon Connect',
    item: 'French DID number',
    unit: 'number-day',
    usd: null,
    region: 'eu-central-1',
    source:
      'not found, from https://aws.amazon.com/connect/pricing/ as of 2026-12-02 (the 2021 CSV copy, gist mlconnor/4b6daad8, lists 0.10 USD/day for neighbouring EU countries, not France)',
    read: READ,
  },
  {
    id: 'connectDidInboundMinute',
    service: 'Amazon Connect',
    item: 'French DID inbound telephony',
    unit: 'minute',
    usd: null,
    region: 'eu-central-1',
    source:
      'not found, from https://aws.amazon.com/connect/pricing/ as of 2026-12-02 (the 2021 CSV copy lists 0.01 USD/min for neighbouring EU countries, not France)',
    read: READ,
  },
  {
    id: 'lambdaRequests',
    service: 'AWS Lambda',
    item: 'requests',
    unit: 'million requests',
    usd: 0.2,
    region: 'eu-central-1',
    source: `${FRANKFURT_OFFERS}; ${REMOTION_LAMBDA} ('Lambda Requests-ARM')`,
    read: READ_EU,
    note: 'both give 0.0000002 USD per Arm request',
  },
  {
    id: 'lambdaArmGbSecond',
    service: 'AWS Lambda',
    item: 'duration, Arm, first tier',
    unit: 'GB-second',
    usd: 0.0000133334,
    region: 'eu-central-1',
    source: `${FRANKFURT_OFFERS}; ${REMOTION_LAMBDA} ('Lambda Duration-ARM')`,
    read: READ_EU,
  },
  {
    id: 'dynamoWriteMillion',
    service: 'Amazon DynamoDB',
    item: 'on-demand write request units',
    unit: 'million WRU',
    usd: 0.7625,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: '0.0000007625 USD per WRU; a transactional write costs two WRU per item',
  },
  {
    id: 'dynamoReadMillion',
    service: 'Amazon DynamoDB',
    item: 'on-demand read request units',
    unit: 'million RRU',
    usd: 0.1525,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: '0.0000001525 USD per RRU',
  },
  {
    id: 'dynamoStorageGbMonth',
    service: 'Amazon DynamoDB',
    item: 'storage',
    unit: 'GB-month',
    usd: 0.306,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: 'standard table class; the source labels it per GiB-month',
  },
  {
    id: 'dynamoPitrGbMonth',
    service: 'Amazon DynamoDB',
    item: 'point-in-time recovery',
    unit: 'GB-month',
    usd: 0.2448,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: 'the source labels it per GiB-month',
  },
  {
    id: 'sqsMillion',
    service: 'Amazon SQS',
    item: 'standard queue requests',
    unit: 'million requests',
    usd: 0.4,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: '0.0000004 USD per standard request unit (64 KB of payload each)',
  },
  {
    id: 'snsMillion',
    service: 'Amazon SNS',
    item: 'requests and e-mail deliveries',
    unit: 'million',
    usd: 0.5,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: 'publish requests only (0.0000005 USD each; deliveries to Lambda free); e-mail deliveries not found for eu-central-1',
  },
  {
    id: 'kmsKeyMonth',
    service: 'AWS KMS',
    item: 'customer managed key',
    unit: 'key-month',
    usd: 1,
    region: 'us-east-1 (eu-central-1 not found)',
    source:
      'https://www.wring.co/blog/aws-kms-pricing-guide; https://www.factualminds.com/blog/aws-kms-pricing-keys-requests-multi-region/',
    read: READ,
    note: 'each yearly rotation adds a key version (the 2019 page); the 2024 update caps it, not modelled',
  },
  {
    id: 'kmsRequests10k',
    service: 'AWS KMS',
    item: 'symmetric requests',
    unit: '10,000 requests',
    usd: 0.03,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://www.wring.co/blog/aws-kms-pricing-guide',
    read: READ,
  },
  {
    id: 'cloudwatchMetricMonth',
    service: 'Amazon CloudWatch',
    item: 'custom metric (first 10,000)',
    unit: 'metric-month',
    usd: 0.3,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://signoz.io/guides/cloudwatch-pricing',
    read: READ,
  },
  {
    id: 'cloudwatchAlarmMonth',
    service: 'Amazon CloudWatch',
    item: 'standard-resolution alarm metric',
    unit: 'alarm-month',
    usd: 0.1,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
  },
  {
    id: 'cloudwatchDashboardMonth',
    service: 'Amazon CloudWatch',
    item: 'dashboard',
    unit: 'dashboard-month',
    usd: 3,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
    read: READ,
  },
  {
    id: 'cloudwatchLogsGb',
    service: 'Amazon CloudWatch',
    item: 'logs ingestion',
    unit: 'GB',
    usd: 0.63,
    region: 'eu-central-1',
    source: FRANKFURT_OFFERS,
    read: READ_EU,
    note: 'standard log class ingestion',
  },
  {
    id: 'apiGatewayHttpMillion',
    service: 'Amazon API Gateway',
    item: 'HTTP API requests',
    unit: 'million requests',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/api-gateway/pricing/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 'cloudfrontRequests',
    service: 'Amazon CloudFront',
    item: 'portal requests and transfer',
    unit: 'month',
    usd: null,
    region: 'Europe',
    source: 'not found, from https://aws.amazon.com/cloudfront/pricing/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 's3Storage',
    service: 'Amazon S3',
    item: 'portal and reports storage',
    unit: 'GB-month',
    usd: null,
    region: 'eu-central-1',
    source:
      'not found, from https://aws.amazon.com/s3/pricing/ as of 2026-12-02 (a stored GitHub file whose repository the index does not name gives 0.0245 USD/GB-month for eu-central-1 Standard, "Source: the AWS Price List API", as of 2026-07-01; not used without a citable source)',
    read: READ,
  },
  {
    id: 'secretsManagerMonth',
    service: 'AWS Secrets Manager',
    item: 'secret',
    unit: 'secret-month',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/secrets-manager/pricing/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 'cognitoMau',
    service: 'Amazon Cognito',
    item: 'monthly active partner staff',
    unit: 'MAU',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/cognito/pricing/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 'schedulerMillion',
    service: 'Amazon EventBridge',
    item: 'Scheduler invocations and custom rules',
    unit: 'million',
    usd: null,
    region: 'eu-central-1',
    source:
      'not found, from https://aws.amazon.com/eventbridge/pricing/ as of 2026-12-02 (AWS service events on the default bus are not charged)',
    read: READ,
  },
] as const satisfies readonly UnitPrice[];

export type PriceId = (typeof PRICES)[number]['id'];

export const priceOf = (id: PriceId): number | null =>
  (PRICES.find((price) => price.id === id) as UnitPrice).usd;
