import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CALLER_KEY_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/** Secrets Manager for call-intake's caller key, read on the flow path. */
export const callerKeySecretsManager = new SecretsManagerClient(sdkTransport(CALLER_KEY_SDK_TIMEOUTS));
