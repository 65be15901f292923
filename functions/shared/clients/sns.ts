import { SNSClient } from '@aws-sdk/client-sns';
import { ASYNC_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/** SNS for the partner notices of dispatch-callback and callback-watch. */
export const asyncSns = new SNSClient(sdkTransport(ASYNC_SDK_TIMEOUTS));
