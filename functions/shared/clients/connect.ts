import { ConnectClient } from '@aws-sdk/client-connect';
import { ASYNC_SDK_TIMEOUTS, DEPLOY_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/** Connect for dispatch-callback's tasks to the line's listeners. */
export const asyncConnect = new ConnectClient(sdkTransport(ASYNC_SDK_TIMEOUTS));

/** Connect for the phone-number association custom resource, at deploy time. */
export const deployConnect = new ConnectClient(sdkTransport(DEPLOY_SDK_TIMEOUTS));
