import { CfnOutput, CfnResource, Duration, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PORTAL_SCOPE } from '#domain/partner-portal';
import type { StageConfig } from '#domain/stage';
import { stageVariables } from '#domain/stage-environment';
import { BreakGlass } from '../constructs/break-glass';
import { CallbackQueue } from '../constructs/callback-queue';
import { CallbackPipeline } from '../constructs/callbacks';
import { claimOrBringNumber, type LineNumber } from '../constructs/claimed-number';
import { ConnectInstance } from '../constructs/connect-instance';
import { ContactEventsRule } from '../constructs/contact-events-rule';
import { ContactFlows } from '../constructs/contact-flows';
import { FlowLambdaIntegration } from '../constructs/flow-lambda-integration';
import { FlowLogs } from '../constructs/flow-logs';
import { FlowTestCases } from '../constructs/flow-test-cases';
import { HoursOfOperation } from '../constructs/hours-of-operation';
import { acknowledgeCustomResourceProvider } from '../constructs/http-api-cors';
import { LineFunction } from '../constructs/line-function';
import { ListenerWorkspace } from '../constructs/listener-workspace';
import { Listeners } from '../constructs/listeners';
import { MonthlyReport } from '../constructs/monthly-report';
import { PartnerPortalDeployment } from '../constructs/partner-portal-deployment';
import { PartnerPortalSite } from '../constructs/partner-portal-site';
import { PhoneNumber } from '../constructs/phone-number';
import { StatisticsSweep } from '../constructs/statistics-sweep';
import { grantTableActions } from '../constructs/table-access';
import { acknowledgeBucketDeployments, acknowledgeDataKeyGrant } from '../nag';

/** Timeout of `dispatch-callback`, the callback queue's consumer; the queue is sized from it. */
export const CALLBACK_CONSUMER_TIMEOUT = Duration.seconds(30);

/** Connect gives up on a flow Lambda after 8 s; ours answer within 1 s and are cut at 3 s. */
export const FLOW_FUNCTION_TIMEOUT = Duration.seconds(3);

export interface LineStackProps extends StackProps {
  readonly config: StageConfig;
  readonly dataKey: kms.IKey;
  readonly callsTable: dynamodb.ITable;
  readonly statisticsTable: dynamodb.ITable;
  readonly callbacksTable: dynamodb.ITable;
  readonly idempotencyTable: dynamodb.ITable;
  /** The append-only audit of callback requests. */
  readonly auditTable: dynamodb.ITable;
  /** Physical name of the break-glass role (docs/runbook.md). */
  readonly breakGlassRoleName: string;
}

/** The Lambdas that the contact flows invoke. */
export interface FlowFunctions {
  readonly callIntake: LineFunction;
  readonly requestCallback: LineFunction;
}

/**
 * The line itself: the Connect instance and its resources (hours with holidays, queue, routing and
 * security profiles, users, phone number, flows), the functions on the call path, the contact-events
 * rule and the callback queue.
 */
export class LineStack extends Stack {
  public readonly connectInstance: ConnectInstance;
  /** The flow-log group, under the stage's retention and its own key. */
  public readonly flowLogs: FlowLogs;
  public readonly hours: HoursOfOperation;
  public readonly listeners: Listeners;
  public readonly flows: ContactFlows;
  /** One Connect test case per caller journey, and the test hours they substitute. */
  public readonly testCases: FlowTestCases;
  public readonly phoneNumber: PhoneNumber;
  /** The number callees see when the line calls back (not the published one). */
  public readonly callbackCallerNumber: LineNumber;
  public readonly flowFunctions: FlowFunctions;
  public readonly contactEvents: LineFunction;
  public readonly contactEventsRule: ContactEventsRule;
  public readonly callbackQueue: CallbackQueue;
  /** The listener's qualification guide (views, guide flow) and qualify-call. */
  public readonly listenerWorkspace: ListenerWorkspace;
  /** The département's monthly statistics: function, schedule and reports bucket. */
  public readonly monthlyReport: MonthlyReport;
  /** The daily move of unqualified calls' statistics out of the calls table. */
  public readonly statisticsSweep: StatisticsSweep;
  /** Callback requests after the queue: consumer, partner topics, partner API, overdue watch. */
  public readonly callbacks: CallbackPipeline;
  /** Where partner staff handle their requests: bucket, distribution and security headers. */
  public readonly partnerPortal: PartnerPortalSite;
  /** The built portal and its config.json, uploaded on every deploy. */
  public readonly partnerPortalDeployment: PartnerPortalDeployment;
  /** The MFA-only role that may read a callback number when the partner API cannot (docs/runbook.md). */
  public readonly breakGlass: BreakGlass;
  /** Every function of the line; constructs added later append theirs, the dashboard reads them all. */
  public readonly functions: LineFunction[] = [];
  /** Every dead-letter queue of the line; each one gets an alarm at its first message. */
  public readonly deadLetterQueues: sqs.IQueue[] = [];

  constructor(scope: Construct, id: string, props: LineStackProps) {
    // The Connect instance and the published number live here: deleting the stack takes a deliberate step.
    super(scope, id, { ...props, terminationProtection: true });
    const { config } = props;
    const logRetentionDays = config.retention.logsDays;

    this.flowLogs = new FlowLogs(this, 'FlowLogs', { instanceAlias: config.instanceAlias, logRetentionDays });
    this.connectInstance = new ConnectInstance(this, 'Connect', { instanceAlias: config.instanceAlias });
    // The log group must exist before Connect writes its first flow log, or Connect creates its own.
    this.connectInstance.instance.node.addDependency(this.flowLogs.logGroup);
    const instanceArn = this.connectInstance.instanceArn;

    this.hours = new HoursOfOperation(this, 'Hours', {
      instanceArn,
      name: 'Écoute',
      timeZone: config.timeZone,
      weekdayHours: config.weekdayHours,
      holidayYears: config.holidayYears,
    });
    this.connectInstance.chain(this.hours.hours);

    const published = config.phoneNumber;
    const shown = config.callbackCallerNumber;
    if (
      'existingPhoneNumberArn' in published &&
      'existingPhoneNumberArn' in shown &&
      published.existingPhoneNumberArn === shown.existingPhoneNumberArn
    ) {
      throw new Error(
        'callbackCallerNumber must not be the published number: a callee’s phone would show the line',
      );
    }
    // Connect cannot withhold the caller ID; it is a second number, associated with no flow yet.
    this.callbackCallerNumber = claimOrBringNumber(
      new Construct(this, 'CallbackCallerNumber'),
      this.connectInstance,
      config.callbackCallerNumber,
      'Numéro présenté lors des rappels (pas le numéro publié)',
    );
    this.listeners = new Listeners(this, 'Listeners', {
      callbackCallerNumberArn: this.callbackCallerNumber.phoneNumberArn,
      connectInstance: this.connectInstance,
      hoursOfOperationArn: this.hours.hours.attrHoursOfOperationArn,
      listeners: config.listeners,
      encryptionKey: props.dataKey,
    });

    this.callbackQueue = new CallbackQueue(this, 'Callbacks', {
      encryptionKey: props.dataKey,
      consumerTimeout: CALLBACK_CONSUMER_TIMEOUT,
    });
    this.deadLetterQueues.push(this.callbackQueue.deadLetterQueue);

    // Imported without its indexes: the call path only reads and writes items by contactId.
    const callsTable = dynamodb.Table.fromTableAttributes(this, 'CallsTable', {
      tableArn: props.callsTable.tableArn,
      encryptionKey: props.dataKey,
    });
    // Imported without its index: the movers only put items; the report's construct grants the index.
    const statisticsTable = dynamodb.Table.fromTableAttributes(this, 'StatisticsTable', {
      tableArn: props.statisticsTable.tableArn,
      encryptionKey: props.dataKey,
    });

    const callIntake = new LineFunction(this, 'CallIntake', {
      name: 'call-intake',
      timeout: FLOW_FUNCTION_TIMEOUT,
      memorySize: 512,
      reservedConcurrentExecutions: config.limits.flowFunctionConcurrency,
      logRetentionDays,
      environment: {
        CALLS_TABLE_NAME: props.callsTable.tableName,
      },
    });
    // One conditional UpdateItem records the call start (record-call-start.ts).
    grantTableActions(callIntake.function, callsTable, ['UpdateItem']);

    const requestCallback = new LineFunction(this, 'RequestCallback', {
      name: 'request-callback',
      timeout: FLOW_FUNCTION_TIMEOUT,
      memorySize: 512,
      reservedConcurrentExecutions: config.limits.flowFunctionConcurrency,
      logRetentionDays,
      environment: {
        CALLBACK_QUEUE_URL: this.callbackQueue.queue.queueUrl,
        ...stageVariables.partners(config.partners),
      },
    });
    this.callbackQueue.queue.grantSendMessages(requestCallback.function);

    this.contactEvents = new LineFunction(this, 'ContactEvents', {
      name: 'contact-events',
      timeout: Duration.seconds(10),
      logRetentionDays,
      environment: {
        CALLS_TABLE_NAME: props.callsTable.tableName,
        STATISTICS_TABLE_NAME: props.statisticsTable.tableName,
        ...stageVariables.callsRetentionDays(config.retention.callsDays),
        ...stageVariables.lineHours(config),
      },
    });
    // Reads the record, then a conditional UpdateItem on its revision (apply-contact-event.ts).
    grantTableActions(this.contactEvents.function, callsTable, ['GetItem', 'UpdateItem']);
    // Puts only: the statistics item of a call it completes, in the move transaction.
    grantTableActions(this.contactEvents.function, statisticsTable, ['PutItem']);

    for (const keyUser of [callIntake, requestCallback, this.contactEvents]) {
      acknowledgeDataKeyGrant(keyUser);
    }
    this.flowFunctions = { callIntake, requestCallback };
    this.functions.push(callIntake, requestCallback, this.contactEvents);
    new FlowLambdaIntegration(this, 'CallIntakeIntegration', {
      connectInstance: this.connectInstance,
      lineFunction: callIntake,
    });
    new FlowLambdaIntegration(this, 'RequestCallbackIntegration', {
      connectInstance: this.connectInstance,
      lineFunction: requestCallback,
    });

    this.contactEventsRule = new ContactEventsRule(this, 'ContactEventsRule', {
      instanceArn,
      handler: this.contactEvents,
      encryptionKey: props.dataKey,
    });
    this.deadLetterQueues.push(this.contactEventsRule.deadLetterQueue);

    // The portal before the partner API: the API's CORS, the sign-in callback and the partners' e-mails
    // name the portal's address; the portal's CSP reads the API and sign-in origins once they exist.
    const cognitoIdpOrigin = `https://cognito-idp.${this.region}.amazonaws.com`;
    this.partnerPortal = new PartnerPortalSite(this, 'PartnerPortal', {
      ...(config.partnerPortalDomain === undefined ? {} : { domain: config.partnerPortalDomain }),
      connectOrigins: [
        Lazy.string({ produce: () => this.callbacks.partnerApi.api.apiEndpoint }),
        Lazy.string({ produce: () => this.callbacks.partnerApi.signInDomain.baseUrl() }),
        // OpenID discovery and the signing keys.
        cognitoIdpOrigin,
      ],
    });

    this.callbacks = new CallbackPipeline(this, 'CallbackPipeline', {
      partners: config.partners,
      partnerPortal: this.partnerPortal,
      signInDomainPrefix: `${config.instanceAlias}-partenaires`,
      retention: config.retention,
      limits: config.limits,
      callbackQueue: this.callbackQueue.queue,
      // Imported without its index: the pipeline grants Query on byPartnerStatus alone, not index/*.
      callbacksTable: dynamodb.Table.fromTableAttributes(this, 'CallbacksTable', {
        tableArn: props.callbacksTable.tableArn,
        encryptionKey: props.dataKey,
      }),
      idempotencyTable: dynamodb.Table.fromTableAttributes(this, 'IdempotencyTable', {
        tableArn: props.idempotencyTable.tableArn,
        encryptionKey: props.dataKey,
      }),
      auditTable: dynamodb.Table.fromTableAttributes(this, 'AuditTable', {
        tableArn: props.auditTable.tableArn,
        encryptionKey: props.dataKey,
      }),
      dataKey: props.dataKey,
      instanceArn,
      listenersQueueArn: this.listeners.queue.attrQueueArn,
      consumerTimeout: CALLBACK_CONSUMER_TIMEOUT,
    });
    this.connectInstance.chain(this.callbacks.dispatch.taskFlow);
    // The producers seal numbers with the queue-envelope public key, read from KMS at deploy time.
    const envelopePublicKey = this.callbacks.dispatch.queueEnvelope.publicKey;
    requestCallback.function.addEnvironment('CALLBACK_ENVELOPE_PUBLIC_KEY', envelopePublicKey);
    this.functions.push(this.callbacks.dispatch.queueEnvelope.publicKeyFunction);
    for (const callbackFunction of this.callbacks.functions)
      acknowledgeDataKeyGrant(callbackFunction.function);
    this.functions.push(...this.callbacks.functions);
    const { partnerApi } = this.callbacks;
    this.partnerPortalDeployment = new PartnerPortalDeployment(this, 'PartnerPortalDeployment', {
      bucket: this.partnerPortal.bucket,
      distribution: this.partnerPortal.distribution,
      config: {
        apiUrl: partnerApi.api.apiEndpoint,
        oidc: {
          authority: `${cognitoIdpOrigin}/${partnerApi.userPool.userPoolId}`,
          clientId: partnerApi.client.userPoolClientId,
          scope: PORTAL_SCOPE,
        },
      },
    });
    acknowledgeBucketDeployments(this, this.partnerPortal.bucket);
    acknowledgeCustomResourceProvider(this);
    new CfnOutput(this, 'PartnerPortalUrl', {
      description: 'The partner portal (the link in partner e-mails, the sign-in callback)',
      value: this.partnerPortal.url,
    });
    new CfnOutput(this, 'PartnerApiUrl', {
      description: 'The partner API (npm run verify -- --partner-api-url)',
      value: partnerApi.api.apiEndpoint,
    });
    this.breakGlass = new BreakGlass(this, 'BreakGlass', {
      roleName: props.breakGlassRoleName,
      phoneKey: this.callbacks.dispatch.phoneKey,
    });
    this.deadLetterQueues.push(...this.callbacks.deadLetterQueues);

    this.listenerWorkspace = new ListenerWorkspace(this, 'ListenerWorkspace', {
      connectInstance: this.connectInstance,
      callsTable,
      statisticsTable,
      callbackQueue: this.callbackQueue.queue,
      envelopePublicKey,
      logRetentionDays,
      callsRetentionDays: config.retention.callsDays,
      partners: config.partners,
    });
    this.monthlyReport = new MonthlyReport(this, 'MonthlyReport', {
      statisticsTable,
      logRetentionDays,
    });
    this.statisticsSweep = new StatisticsSweep(this, 'StatisticsSweep', {
      callsTable,
      statisticsTable,
      encryptionKey: props.dataKey,
      logRetentionDays,
      callsRetentionDays: config.retention.callsDays,
    });
    for (const keyUser of [
      this.listenerWorkspace.qualifyCall,
      this.monthlyReport.function,
      this.statisticsSweep.lineFunction,
    ]) {
      acknowledgeDataKeyGrant(keyUser.function);
    }
    this.functions.push(
      this.listenerWorkspace.qualifyCall,
      this.monthlyReport.function,
      this.statisticsSweep.lineFunction,
    );
    this.deadLetterQueues.push(this.monthlyReport.deadLetterQueue, this.statisticsSweep.deadLetterQueue);

    this.flows = new ContactFlows(this, 'Flows', {
      instanceArn,
      listenersQueueArn: this.listeners.queue.attrQueueArn,
      hoursOfOperationArn: this.hours.hours.attrHoursOfOperationArn,
      callIntakeFunctionArn: callIntake.function.functionArn,
      requestCallbackFunctionArn: requestCallback.function.functionArn,
      guideFlowArn: this.listenerWorkspace.guideFlow.attrContactFlowArn,
      weekdayHours: config.weekdayHours,
      languages: config.callerLanguages,
    });
    this.chainConnectResources(this.flows);

    this.testCases = new FlowTestCases(this, 'FlowTestCases', {
      instanceArn,
      timeZone: config.timeZone,
      mainFlowArn: this.flows.mainFlow.attrContactFlowArn,
      hoursOfOperationArn: this.hours.hours.attrHoursOfOperationArn,
      functionArns: {
        'call-intake': callIntake.function.functionArn,
        'request-callback': requestCallback.function.functionArn,
      },
      // contact-events has no Connect integration: an invocation of it from a flow fails.
      unreachableFunctionArn: this.contactEvents.function.functionArn,
      weekdayHours: config.weekdayHours,
    });
    this.chainConnectResources(this.testCases);

    this.phoneNumber = new PhoneNumber(this, 'PhoneNumber', {
      connectInstance: this.connectInstance,
      phoneNumber: config.phoneNumber,
      contactFlowArn: this.flows.mainFlow.attrContactFlowArn,
      logRetentionDays,
    });
    this.functions.push(this.phoneNumber.associationFunction);
  }

  /** Serialises the Connect API calls of every Connect resource under `scope`. */
  private chainConnectResources(scope: Construct): void {
    for (const child of scope.node.findAll()) {
      if (child instanceof CfnResource && child.cfnResourceType.startsWith('AWS::Connect::')) {
        this.connectInstance.chain(child);
      }
    }
  }
}
