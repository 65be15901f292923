import { type ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import type { StartConnectTask } from './notifier';

/** Starts the line's callback tasks through `connect` (dispatch-callback's notifier port). */
export function connectTaskStarter(connect: ConnectClient): StartConnectTask {
  return (input) => connect.send(new StartTaskContactCommand(input));
}
