import type { restJsonCall } from '../clients/aws-protocols';
import type { StartConnectTask } from './notifier';

/**
 * Starts the line's callback tasks (dispatch-callback's notifier port): Connect's StartTaskContact,
 * `PUT /contact/task` with every member in the JSON body, as the SDK's ConnectClient sends it.
 */
export function connectTaskStarter(connect: ReturnType<typeof restJsonCall>): StartConnectTask {
  return (input) => connect('PUT', '/contact/task', input);
}
