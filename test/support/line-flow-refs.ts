import type { LineFlowRefs } from '../../infra/flows/line-flows';

/** ARNs of the right shape for building the line's flows outside a stack (validator and wording tests). */
export const SAMPLE_LINE_FLOW_REFS: LineFlowRefs = {
  callIntakeFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:call-intake',
  requestCallbackFunctionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:request-callback',
  listenersQueueArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/queue/q',
  hoursOfOperationArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/operating-hours/h',
  customerQueueFlowArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/contact-flow/queue',
  agentWhisperFlowArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/contact-flow/whisper',
  lineClosedFlowArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/contact-flow/closed',
  noListenerFlowArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/contact-flow/none',
  callbackRequestFlowArn: 'arn:aws:connect:eu-central-1:111122223333:instance/i/contact-flow/callback',
};
