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
    usd: null,
    region: 'eu-central-1',
    source:
      'not found, from https://aws.amazon.com/lambda/pricing/ as of 2026-12-02 (the page read gives examples for US East only)',
    read: READ,
  },
  {
    id: 'lambdaArmGbSecond',
    service: 'AWS Lambda',
    item: 'duration, Arm, first tier',
    unit: 'GB-second',
    usd: 0.0000133334,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://cloudchipr.com/blog/aws-lambda-pricing (quoting https://aws.amazon.com/lambda/pricing/)',
    read: READ,
  },
  {
    id: 'dynamoWriteMillion',
    service: 'Amazon DynamoDB',
    item: 'on-demand write request units',
    unit: 'million WRU',
    usd: 0.625,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    read: READ,
    note: 'a transactional write costs two WRU per item',
  },
  {
    id: 'dynamoReadMillion',
    service: 'Amazon DynamoDB',
    item: 'on-demand read request units',
    unit: 'million RRU',
    usd: 0.125,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    read: READ,
  },
  {
    id: 'dynamoStorageGbMonth',
    service: 'Amazon DynamoDB',
    item: 'storage',
    unit: 'GB-month',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/dynamodb/pricing/on-demand/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 'dynamoPitrGbMonth',
    service: 'Amazon DynamoDB',
    item: 'point-in-time recovery',
    unit: 'GB-month',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/dynamodb/pricing/on-demand/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 'sqsMillion',
    service: 'Amazon SQS',
    item: 'standard queue requests',
    unit: 'million requests',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/sqs/pricing/ as of 2026-12-02',
    read: READ,
  },
  {
    id: 'snsMillion',
    service: 'Amazon SNS',
    item: 'requests and e-mail deliveries',
    unit: 'million',
    usd: null,
    region: 'eu-central-1',
    source: 'not found, from https://aws.amazon.com/sns/pricing/ as of 2026-12-02',
    read: READ,
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
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
    read: READ,
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
    usd: 0.5,
    region: 'us-east-1 (eu-central-1 not found)',
    source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
    read: READ,
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
    source: 'not found, from https://aws.amazon.com/s3/pricing/ as of 2026-12-02',
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
