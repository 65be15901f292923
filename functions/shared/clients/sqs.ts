import { SQSClient } from '@aws-sdk/client-sqs';
import { FLOW_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/**
 * SQS for the callback producers, request-callback (a caller's flow) and qualify-call (the listener's
 * guide): both answer Connect within 1 s.
 */
export const flowSqs = new SQSClient(sdkTransport(FLOW_SDK_TIMEOUTS));
