import { ConnectClient } from '@aws-sdk/client-connect';
import { DEPLOY_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/** Connect for the phone-number association custom resource, at deploy time. */
export const deployConnect = new ConnectClient(sdkTransport(DEPLOY_SDK_TIMEOUTS));
