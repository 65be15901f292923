import { type CfnResource, Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLES } from '#domain/tables';
import { LineFunction } from './line-function';

/** The report runs at 04:00 Paris time on the 1st, when the previous month's calls have all ended. */
export const MONTHLY_REPORT_SCHEDULE = { minute: '0', hour: '4', day: '1', month: '*', year: '*' } as const;
/** Key prefix of the reports bucket's server access logs in the log bucket. */
export const ACCESS_LOG_PREFIX = 'reports/';
/** Server access logs are kept this long, then expire. */
export const ACCESS_LOG_DAYS = 365;

export interface MonthlyReportProps {
  /** The anonymous statistics items; the report never reads the contactId-keyed calls table. */
  readonly statisticsTable: dynamodb.ITable;
  readonly logRetentionDays: number;
  /**
   * What happens to the buckets when the stack is deleted; reports are the département's records.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The département's monthly statistics: `monthly-report` on a schedule (the 1st of each month, Paris
 * time), reading the statistics table through its `byDay` index and writing a CSV and an HTML page to a
 * versioned, KMS-encrypted, private bucket (TLS only, server access logs to a log bucket).
 */
export class MonthlyReport extends Construct {
  public readonly function: LineFunction;
  public readonly bucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;
  public readonly key: kms.Key;
  public readonly schedule: scheduler.Schedule;
  /** Schedule invocations that failed after their retries; the line alarms on it like every DLQ. */
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: MonthlyReportProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.key = new kms.Key(this, 'ReportsKey', {
      description: 'Un premier pas: monthly statistics reports',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { expiration: Duration.days(ACCESS_LOG_DAYS), noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the reports bucket; logging it into itself would recurse and another log bucket would only move the question.',
    });
    this.bucket = new s3.Bucket(this, 'Reports', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    });
    // Server access logs through a bucket policy for the S3 logging service (AWS's recommended way),
    // rather than CDK's default of the legacy LogDeliveryWrite ACL.
    (this.bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogsBucket.bucketName,
      logFilePrefix: ACCESS_LOG_PREFIX,
    };
    this.accessLogsBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.accessLogsBucket.arnForObjects(`${ACCESS_LOG_PREFIX}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': this.bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );

    this.function = new LineFunction(this, 'MonthlyReport', {
      name: 'monthly-report',
      timeout: Duration.minutes(5),
      memorySize: 512,
      logRetentionDays: props.logRetentionDays,
      environment: {
        STATISTICS_TABLE_NAME: props.statisticsTable.tableName,
        REPORTS_BUCKET_NAME: this.bucket.bucketName,
      },
    });
    // Reads statistics through the byDay index only, and writes report files only: both written out
    // because the CDK grants would add the whole index/* and s3:Abort* wildcards.
    const role = this.function.function.role as iam.IRole;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.statisticsTable.tableArn}/index/${TABLES.statistics.byDay.indexName}`],
      }),
    );
    props.statisticsTable.encryptionKey?.grantDecrypt(this.function.function);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('*')] }),
    );
    this.key.grant(this.function.function, 'kms:GenerateDataKey');
    const logicalId = (resource: CfnResource) => Stack.of(this).getLogicalId(resource);
    Validations.of(this.function.function).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(this.bucket.node.defaultChild as CfnResource)}.Arn>/*]`,
      reason:
        'The function writes one CSV and one HTML page per month under keys it builds (YYYY-MM/...); the bucket holds nothing else.',
    });

    this.deadLetterQueue = new sqs.Queue(this, 'ScheduleDeadLetters', {
      // Holds only the schedule's own event (no personal data), so the SQS-managed key suffices.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the monthly schedule (EventBridge Scheduler target DLQ).',
    });

    const scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    });
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(this.function.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'CDK grants invoke on the function and its versions (ARN:*); the schedule can invoke monthly-report and nothing else.',
    });
    this.schedule = new scheduler.Schedule(this, 'FirstOfMonth', {
      description: 'Statistiques mensuelles anonymes du mois précédent',
      schedule: scheduler.ScheduleExpression.cron({
        ...MONTHLY_REPORT_SCHEDULE,
        timeZone: TimeZone.EUROPE_PARIS,
      }),
      target: new targets.LambdaInvoke(this.function.function, {
        role: scheduleRole,
        // The scheduled time, not the delivery time, decides the month: a late retry reports the same month.
        input: scheduler.ScheduleTargetInput.fromObject({ time: scheduler.ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }
}
