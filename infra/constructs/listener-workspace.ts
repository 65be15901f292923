import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PartnerPolicy } from '#domain/partners';
import { QUALIFICATION_FIELDS, type QualificationField, REAL_CALL } from '#domain/qualification/schema';
import { stageVariables } from '#domain/stage-environment';
import { QUALIFICATION_RESULTS } from '#domain/texts/listener-messages';
import { type DefinedFlow, FlowBuilder } from '../flows/builder';
import { formatIssue, validateFlows } from '../flows/validator';
import type { ConnectInstance } from './connect-instance';
import { FlowLambdaIntegration } from './flow-lambda-integration';
import { LineFunction } from './line-function';
import {
  CALL_TYPE_ACTIONS,
  callTypeViewContent,
  FORM_ACTIONS,
  FORM_VIEW_DATA,
  formViewContent,
  PREFILLED_FIELDS,
  RESULT_ACTIONS,
  RESULT_VIEW_DATA,
  resultViewContent,
  type ViewContent,
} from './qualification-view';
import { grantTableActions } from './table-access';

/** Contact attribute the main flow sets to the call's ContactId; Connect copies it to the guide contact. */
export const CALL_CONTACT_ID_ATTRIBUTE = 'callContactId';
/** Connect waits up to 8 s; qualify-call answers within 1 s, so 3 s leaves room for a cold start. */
export const QUALIFY_CALL_TIME_LIMIT_SECONDS = 3;
/** A form stays open this long before the guide shows it again (the listener is on the phone). */
export const VIEW_TIME_LIMIT_SECONDS = 900;
export const GUIDE_FLOW_NAME = 'Un premier pas - Qualification (guide ecoutante)';

export interface GuideFlowRefs {
  readonly qualifyCallFunctionArn: string;
  readonly callTypeViewArn: string;
  readonly formViewArn: string;
  readonly resultViewArn: string;
}

/**
 * The guide flow Connect runs in the listener's workspace (the main flow sets it as the
 * DefaultAgentUI event flow): call type first; a non-real call is stored at once, a real call opens
 * the form; qualify-call validates and stores; a refused form comes back with its answers and the
 * French messages; the result is shown before the guide ends. Flow logging is off while the form's
 * answers (the callback number) are in flight, and views hide their answers from the transcript.
 */
export function listenerGuideFlow(refs: GuideFlowRefs): DefinedFlow {
  const flow = new FlowBuilder(GUIDE_FLOW_NAME, 'CONTACT_FLOW');
  const callContactId = `$.Attributes.${CALL_CONTACT_ID_ATTRIBUTE}`;
  const formFields = (QUALIFICATION_FIELDS as readonly QualificationField[]).filter(
    (field) => field.id !== 'callType',
  );
  flow
    .flowLogging('LoggingOff', 'Disabled', { next: 'CallType' })
    .showView(
      'CallType',
      { viewArn: refs.callTypeViewArn, timeLimitSeconds: VIEW_TIME_LIMIT_SECONDS },
      {
        actions: Object.fromEntries(
          CALL_TYPE_ACTIONS.map((action) => [action, action === REAL_CALL ? 'Form' : 'QualifyShort']),
        ),
        noMatch: 'CallType',
        error: 'LoggingOn',
        timeout: 'CallType',
      },
    )
    // The call type is the action the listener clicked: nothing else to send for a non-real call.
    .invokeLambda(
      'QualifyShort',
      {
        functionArn: refs.qualifyCallFunctionArn,
        timeLimitSeconds: QUALIFY_CALL_TIME_LIMIT_SECONDS,
        attributes: { [CALL_CONTACT_ID_ATTRIBUTE]: callContactId, callType: '$.Views.Action' },
      },
      { next: 'Result', error: 'Unreachable' },
    )
    .showView(
      'Form',
      {
        viewArn: refs.formViewArn,
        timeLimitSeconds: VIEW_TIME_LIMIT_SECONDS,
        hideResponse: true,
        viewData: {
          [FORM_VIEW_DATA.errors]: '$.External.message',
          ...Object.fromEntries(PREFILLED_FIELDS.map((id) => [id, `$.Views.ViewResultData.${id}`])),
        },
      },
      {
        actions: { [FORM_ACTIONS.submit]: 'QualifyFull', [FORM_ACTIONS.back]: 'CallType' },
        noMatch: 'Form',
        error: 'LoggingOn',
        timeout: 'Form',
      },
    )
    .invokeLambda(
      'QualifyFull',
      {
        functionArn: refs.qualifyCallFunctionArn,
        timeLimitSeconds: QUALIFY_CALL_TIME_LIMIT_SECONDS,
        attributes: {
          [CALL_CONTACT_ID_ATTRIBUTE]: callContactId,
          callType: REAL_CALL,
          ...Object.fromEntries(formFields.map((field) => [field.id, `$.Views.ViewResultData.${field.id}`])),
        },
      },
      { next: 'Status', error: 'Unreachable' },
    )
    .compare('Status', '$.External.status', {
      cases: [{ operator: 'Equals', operand: 'invalid', next: 'Form' }],
      noMatch: 'Result',
    })
    .showView(
      'Result',
      {
        viewArn: refs.resultViewArn,
        timeLimitSeconds: VIEW_TIME_LIMIT_SECONDS,
        viewData: { [RESULT_VIEW_DATA.message]: '$.External.message' },
      },
      {
        actions: { [RESULT_ACTIONS.done]: 'LoggingOn', [RESULT_ACTIONS.retry]: 'CallType' },
        noMatch: 'LoggingOn',
        error: 'LoggingOn',
        timeout: 'LoggingOn',
      },
    )
    .showView(
      'Unreachable',
      {
        viewArn: refs.resultViewArn,
        timeLimitSeconds: VIEW_TIME_LIMIT_SECONDS,
        viewData: { [RESULT_VIEW_DATA.message]: QUALIFICATION_RESULTS.unreachable },
      },
      {
        actions: { [RESULT_ACTIONS.done]: 'LoggingOn', [RESULT_ACTIONS.retry]: 'CallType' },
        noMatch: 'LoggingOn',
        error: 'LoggingOn',
        timeout: 'LoggingOn',
      },
    )
    .flowLogging('LoggingOn', 'Enabled', { next: 'End' })
    // Ends the guide's own contact (a connect:Guide chat), never the caller's voice contact.
    .disconnect('End');
  return flow.build(
    'LoggingOff',
    'Qualification anonyme de l’appel par l’équipe d’écoute (guide pas à pas).',
  );
}

export interface ListenerWorkspaceProps {
  readonly connectInstance: ConnectInstance;
  readonly callsTable: dynamodb.ITable;
  /** Where qualify-call moves a call's statistics when its qualification completes the call. */
  readonly statisticsTable: dynamodb.ITable;
  /** The callback queue: partner callbacks asked for in the form go there. */
  readonly callbackQueue: sqs.IQueue;
  /** The queue-envelope public key (base64 DER): qualify-call seals the number and code word with it. */
  readonly envelopePublicKey: string;
  readonly logRetentionDays: number;
  /** Days the statistics of a call are kept (the TTL of the item qualify-call moves). */
  readonly callsRetentionDays: number;
  /** Service levels: the due time of a partner callback asked for in the form. */
  readonly partners: readonly PartnerPolicy[];
  /**
   * Alters the generated guide flow before validation (tests break it on purpose).
   * @default no change
   */
  readonly amendFlow?: (flow: DefinedFlow) => DefinedFlow;
}

/**
 * The listener's workspace in Connect: the qualification views (generated from the one schema), the
 * guide flow that shows them and invokes qualify-call, and qualify-call itself with its grants and its
 * Connect integration. The guide flow is validated on every synth like the line's other flows.
 */
export class ListenerWorkspace extends Construct {
  public readonly qualifyCall: LineFunction;
  public readonly callTypeView: connect.CfnView;
  public readonly formView: connect.CfnView;
  public readonly resultView: connect.CfnView;
  public readonly guideFlow: connect.CfnContactFlow;
  /** The guide flow as generated, as the validator saw it. */
  public readonly definition: DefinedFlow;

  constructor(scope: Construct, id: string, props: ListenerWorkspaceProps) {
    super(scope, id);
    const { connectInstance } = props;
    const instanceArn = connectInstance.instanceArn;

    this.qualifyCall = new LineFunction(this, 'QualifyCall', {
      name: 'qualify-call',
      timeout: Duration.seconds(QUALIFY_CALL_TIME_LIMIT_SECONDS),
      memorySize: 512,
      logRetentionDays: props.logRetentionDays,
      environment: {
        CALLS_TABLE_NAME: props.callsTable.tableName,
        STATISTICS_TABLE_NAME: props.statisticsTable.tableName,
        CALLBACK_QUEUE_URL: props.callbackQueue.queueUrl,
        CALLBACK_ENVELOPE_PUBLIC_KEY: props.envelopePublicKey,
        ...stageVariables.callsRetentionDays(props.callsRetentionDays),
        ...stageVariables.partners(props.partners),
      },
    });
    // Update, and a read to see whether the call has ended: qualify-call never deletes call records.
    grantTableActions(this.qualifyCall.function, props.callsTable, ['UpdateItem', 'GetItem']);
    // Puts only on statistics: the item of the call it completes, in the move transaction.
    grantTableActions(this.qualifyCall.function, props.statisticsTable, ['PutItem']);
    props.callbackQueue.grantSendMessages(this.qualifyCall.function);
    new FlowLambdaIntegration(this, 'QualifyCallIntegration', {
      connectInstance,
      lineFunction: this.qualifyCall,
    });

    const view = (logicalId: string, name: string, description: string, content: ViewContent) =>
      connectInstance.chain(
        new connect.CfnView(this, logicalId, {
          instanceArn,
          name,
          description,
          template: content.Template,
          actions: [...content.Actions],
        }),
      );
    // View descriptions allow letters, digits, spaces and _.:/=+-@, only: no apostrophe of any kind.
    this.callTypeView = view(
      'CallTypeView',
      'Qualification-TypeAppel',
      'Type de communication',
      callTypeViewContent(),
    );
    this.formView = view(
      'FormView',
      'Qualification-Formulaire',
      'Formulaire de qualification',
      formViewContent(),
    );
    this.resultView = view(
      'ResultView',
      'Qualification-Resultat',
      'Résultat de la qualification',
      resultViewContent(),
    );

    const latest = (resource: connect.CfnView) => Fn.join(':', [resource.attrViewArn, '$LATEST']);
    const generated = listenerGuideFlow({
      qualifyCallFunctionArn: this.qualifyCall.function.functionArn,
      callTypeViewArn: latest(this.callTypeView),
      formViewArn: latest(this.formView),
      resultViewArn: latest(this.resultView),
    });
    this.definition = props.amendFlow?.(generated) ?? generated;
    this.guideFlow = connectInstance.chain(
      new connect.CfnContactFlow(this, 'GuideFlow', {
        instanceArn,
        name: this.definition.name,
        type: this.definition.type,
        description: this.definition.description,
        state: 'ACTIVE',
        content: Stack.of(this).toJsonString(this.definition.document),
      }),
    );
    this.node.addValidation({ validate: () => validateFlows([this.definition]).map(formatIssue) });
  }
}
