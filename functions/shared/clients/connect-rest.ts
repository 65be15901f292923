import { restJsonCall, restJsonError } from './aws-protocols';
import { ASYNC_SDK_TIMEOUTS } from './budgets';
import { signedRequest } from './signed-request';

/**
 * Connect's REST API for dispatch-callback's tasks to the line's listeners: one signed request per task
 * instead of the SDK's Connect client and its 190 KB of schemas (see signed-request.ts).
 */
export const asyncConnectRest = restJsonCall(
  signedRequest({ service: 'connect', budget: ASYNC_SDK_TIMEOUTS }, restJsonError),
);
