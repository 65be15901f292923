import { AwsServiceError, type ErrorReader, type SignedRequest } from './signed-request';

/**
 * The two AWS wire protocols the signed requests speak, each as far as this line uses it: REST-JSON
 * (Connect's StartTaskContact) and Query (SNS's Publish). Errors are named as the SDK names them.
 */

const errorName = (raw: string, statusCode: number): string =>
  raw.split(':')[0]?.split('#').at(-1) || `Http${statusCode}Error`;

/** REST-JSON: the `x-amzn-errortype` header, else the body's `__type` or `code`. */
export const restJsonError: ErrorReader = (statusCode, headers, text) => {
  let body: { __type?: unknown; code?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status names the error.
  }
  const raw = headers['x-amzn-errortype'] ?? String(body.__type ?? body.code ?? '');
  return new AwsServiceError(
    errorName(raw, statusCode),
    String(body.message ?? body.Message ?? `HTTP ${statusCode}`),
    statusCode,
  );
};

/** A REST-JSON operation whose members all travel in the JSON body; resolves with the parsed answer. */
export const restJsonCall =
  (send: SignedRequest) =>
  async (method: string, path: string, body: unknown): Promise<unknown> => {
    const text = await send({ method, path, contentType: 'application/json', body: JSON.stringify(body) });
    return text === '' ? {} : (JSON.parse(text) as unknown);
  };

/** The value of `tag` in an answer's XML, entities decoded. */
export const queryResult = (xml: string, tag: string): string | undefined => {
  const value = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
  return value
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
};

/** Query: `<ErrorResponse><Error><Code>…</Code><Message>…</Message></Error></ErrorResponse>`. */
export const queryError: ErrorReader = (statusCode, _headers, text) =>
  new AwsServiceError(
    errorName(queryResult(text, 'Code') ?? '', statusCode),
    queryResult(text, 'Message') ?? `HTTP ${statusCode}`,
    statusCode,
  );

/** A Query operation: a form-encoded POST; resolves with the answer's XML. */
export const queryCall =
  (send: SignedRequest, version: string) =>
  (action: string, parameters: Readonly<Record<string, string>>): Promise<string> =>
    send({
      method: 'POST',
      path: '/',
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({ Action: action, Version: version, ...parameters }).toString(),
    });
