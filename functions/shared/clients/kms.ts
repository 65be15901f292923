import { cacheClients, getClient, type KmsNodeClientSupplier } from '@aws-crypto/kms-keyring-node';
import {
  DecryptCommand,
  type DecryptCommandInput,
  EncryptCommand,
  type EncryptCommandInput,
  GenerateDataKeyCommand,
  type GenerateDataKeyCommandInput,
  GetPublicKeyCommand,
  type GetPublicKeyCommandInput,
  KMSClient,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import { ASYNC_SDK_TIMEOUTS, DEPLOY_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/**
 * KMS for the Encryption SDK's keyring (dispatch-callback, partner-api), for dispatch-callback's
 * envelope Decrypt, and for the deploy-time public-key custom resource.
 *
 * The keyring wants a client with `encrypt`, `decrypt` and `generateDataKey` methods. The SDK's `KMS`
 * class has them, and every other KMS operation too: it registers all of them, so their schemas
 * stay in the bundle. {@link KmsOperations} has only the four this line calls, over a bare `KMSClient`.
 */
export class KmsOperations {
  private readonly client: KMSClient;
  /** The keyring checks `config.region` before its first call. */
  readonly config: KMSClient['config'];

  constructor(config: KMSClientConfig) {
    this.client = new KMSClient(config);
    this.config = this.client.config;
  }

  decrypt(input: DecryptCommandInput) {
    return this.client.send(new DecryptCommand(input));
  }

  encrypt(input: EncryptCommandInput) {
    return this.client.send(new EncryptCommand(input));
  }

  generateDataKey(input: GenerateDataKeyCommandInput) {
    return this.client.send(new GenerateDataKeyCommand(input));
  }

  getPublicKey(input: GetPublicKeyCommandInput) {
    return this.client.send(new GetPublicKeyCommand(input));
  }
}

/** The keyring asks for a client per region; cacheClients keeps one per region once KMS has answered. */
export const asyncKms: KmsNodeClientSupplier = cacheClients(
  getClient(KmsOperations, sdkTransport(ASYNC_SDK_TIMEOUTS)),
);

/** KMS in the function's own region, for calls outside the keyring: dispatch-callback's envelope Decrypt. */
export const asyncKmsClient = new KmsOperations(sdkTransport(ASYNC_SDK_TIMEOUTS));

/** KMS for deploy-time custom resources (the queue-envelope public key). */
export const deployKms = new KmsOperations(sdkTransport(DEPLOY_SDK_TIMEOUTS));
