import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256Node } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { streamCollector } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { SdkBudget } from './budgets';
import { sdkTransport } from './transport';

/**
 * One signed request to an AWS API, for a function that calls a single operation of a large service.
 * The SDK client of a service carries the schemas, errors and protocol code of all its operations, and
 * esbuild cannot drop them (computed keys and error registries read as side effects): Connect's came to
 * 190 KB of dispatch-callback's bundle for one StartTaskContact, SNS's to 38 KB for one Publish. The
 * pieces are the SDK's own: its SigV4 signer, its HTTP handler with the budget's timeouts, and the
 * credentials Lambda puts in the environment. aws-protocols.ts encodes the requests and reads the errors.
 */

export interface SignedRequestOptions {
  /** The signing name and endpoint prefix, e.g. `connect`. */
  readonly service: string;
  readonly budget: SdkBudget;
  /** @default process.env.AWS_REGION */
  readonly region?: string;
  /** @default AWS_ENDPOINT_URL_<SERVICE>, else `https://<service>.<region>.amazonaws.com` */
  readonly endpoint?: string;
  /** @default the environment's credentials, as Lambda sets them */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Pause before retry `attempt` (1, 2…). @default full jitter up to 100 ms × 2^attempt */
  readonly backoffMs?: (attempt: number) => number;
}

export interface AwsRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

/** Sends a request and resolves with the body of a successful answer. */
export type SignedRequest = (request: AwsRequest) => Promise<string>;

/** An error answer of the service, named as the SDK would name it (e.g. `ThrottlingException`). */
export class AwsServiceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = name;
  }

  /** Throttling and server errors are worth another attempt; a refused request is not. */
  get retryable(): boolean {
    return this.statusCode === 429 || this.statusCode >= 500 || /Throttl|TooManyRequests/.test(this.name);
  }
}

/** Reads the service's error out of an answer with a status of 300 or more. */
export type ErrorReader = (
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  text: string,
) => AwsServiceError;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function signedRequest(options: SignedRequestOptions, readError: ErrorReader): SignedRequest {
  const region = options.region ?? process.env.AWS_REGION ?? '';
  const endpoint = new URL(
    options.endpoint ??
      process.env[`AWS_ENDPOINT_URL_${options.service.toUpperCase()}`] ??
      `https://${options.service}.${region}.amazonaws.com`,
  );
  const signer = new SignatureV4({
    service: options.service,
    region,
    credentials: options.credentials ?? fromEnv(),
    sha256: Sha256Node,
  });
  // The SDK clients' handler and attempts for the same budget.
  const { requestHandler: handler, maxAttempts } = sdkTransport(options.budget);
  const backoff = options.backoffMs ?? ((attempt: number) => Math.random() * 100 * 2 ** attempt);

  const once = async (call: AwsRequest): Promise<string> => {
    const request = new HttpRequest({
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port === '' ? {} : { port: Number(endpoint.port) }),
      method: call.method,
      path: `${endpoint.pathname.replace(/\/$/, '')}${call.path}`,
      headers: {
        host: endpoint.host,
        'content-type': call.contentType,
        'content-length': String(Buffer.byteLength(call.body)),
      },
      body: call.body,
    });
    const signed = await signer.sign(request);
    const { response } = await handler.handle(signed as HttpRequest);
    const text = new TextDecoder().decode(await streamCollector(response.body));
    if (response.statusCode >= 300) throw readError(response.statusCode, response.headers, text);
    return text;
  };

  return async (call) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await once(call);
      } catch (caught) {
        // A refused request fails at once; throttling, 5xx and network errors get the budget's attempts.
        const retryable = !(caught instanceof AwsServiceError) || caught.retryable;
        if (!retryable || attempt >= maxAttempts) throw caught;
        await pause(backoff(attempt));
      }
    }
  };
}
