import { cacheClients, getClient, KMS, type KmsNodeClientSupplier } from '@aws-crypto/client-node';
import { ASYNC_SDK_TIMEOUTS, DEPLOY_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/**
 * KMS for the Encryption SDK's keyring (dispatch-callback, partner-api). The keyring asks for a client
 * per region; cacheClients keeps one per region for the execution environment, once KMS has answered.
 * The KMS client class comes through @aws-crypto/client-node, which depends on @aws-sdk/client-kms.
 */
export const asyncKms: KmsNodeClientSupplier = cacheClients(getClient(KMS, sdkTransport(ASYNC_SDK_TIMEOUTS)));

/** KMS in the function's own region, for calls outside the keyring: dispatch-callback's envelope Decrypt. */
export const asyncKmsClient = new KMS(sdkTransport(ASYNC_SDK_TIMEOUTS));

/** KMS for deploy-time custom resources (the queue-envelope public key). */
export const deployKms = new KMS(sdkTransport(DEPLOY_SDK_TIMEOUTS));
