import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Sha256Node } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { connectTaskStarter } from '../../../functions/shared/callbacks/connect-tasks';
import {
  queryCall,
  queryError,
  restJsonCall,
  restJsonError,
} from '../../../functions/shared/clients/aws-protocols';
import {
  AwsServiceError,
  type SignedRequestOptions,
  signedRequest,
} from '../../../functions/shared/clients/signed-request';
import { snsPublisher } from '../../../functions/shared/clients/sns';

/*
 * dispatch-callback starts Connect tasks, and it and callback-watch publish to SNS, with one signed
 * request instead of the SDK's clients. A real HTTP server stands in for the service: the request must
 * be the one the SDK sends for the same input, signed over what is actually sent, and the service's
 * error answers must come back named as the SDK names them.
 */

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'token' };
const INPUT = {
  InstanceId: '11111111-2222-3333-4444-555555555555',
  ContactFlowId: '66666666-7777-8888-9999-000000000000',
  Name: 'Rappel à organiser',
  Description: 'Demande 42, à rappeler avant le 4 décembre',
  References: { requestId: { Type: 'STRING' as const, Value: 'req-42' } },
  Attributes: { requestId: 'req-42', dueBy: '2026-12-04T17:00:00.000Z' },
  ClientToken: 'req-42:0',
};

let answers: { status: number; headers?: Record<string, string>; body: string }[] = [];
const received: Received[] = [];
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const answer = answers.shift() ?? { status: 200, body: '{"ContactId":"task-1"}' };
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body);
  });
});
let endpoint = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  answers = [];
  received.length = 0;
});

const options = (service: string, overrides: Partial<SignedRequestOptions> = {}): SignedRequestOptions => ({
  service,
  region: 'eu-central-1',
  endpoint,
  credentials: async () => CREDENTIALS,
  budget: { connectionTimeout: 500, requestTimeout: 1_000, maxAttempts: 3 },
  backoffMs: () => 1,
  ...overrides,
});
const request = (overrides: Partial<SignedRequestOptions> = {}) =>
  restJsonCall(signedRequest(options('connect', overrides), restJsonError));

describe('connectTaskStarter over a signed request', () => {
  it('sends what the SDK ConnectClient sends for the same StartTaskContact, and returns the answer', async () => {
    const sdk = new ConnectClient({ region: 'eu-central-1', endpoint, credentials: CREDENTIALS });
    await sdk.send(new StartTaskContactCommand(INPUT));
    sdk.destroy();
    await expect(connectTaskStarter(request())(INPUT)).resolves.toEqual({ ContactId: 'task-1' });

    const [fromSdk, ours] = received;
    expect(ours?.method).toBe(fromSdk?.method);
    expect(ours?.url).toBe(fromSdk?.url);
    expect(ours?.url).toBe('/contact/task');
    expect(JSON.parse(ours?.body ?? '')).toEqual(JSON.parse(fromSdk?.body ?? ''));
    expect(ours?.headers['content-type']).toBe('application/json');
    expect(ours?.headers['x-amz-security-token']).toBe('token');
  });

  it('signs exactly what it sends: the signature recomputed from the received request matches', async () => {
    await connectTaskStarter(request())(INPUT);
    const ours = received[0] as Received;
    const authorization = String(ours.headers.authorization);
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/connect\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    const amzDate = String(ours.headers['x-amz-date']);
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const verifier = new SignatureV4({
      service: 'connect',
      region: 'eu-central-1',
      credentials: CREDENTIALS,
      sha256: Sha256Node,
    });
    const url = new URL(endpoint);
    const replay = await verifier.sign(
      new HttpRequest({
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        method: ours.method,
        path: ours.url,
        headers: Object.fromEntries(
          signedHeaders
            .filter((name) => name !== 'x-amz-date' && name !== 'x-amz-security-token')
            .map((name) => [name, String(ours.headers[name])]),
        ),
        body: ours.body,
      }),
      { signingDate },
    );
    expect(replay.headers.authorization).toBe(authorization);
  });

  it("names Connect's refusal as the SDK does, and does not retry it", async () => {
    answers = [
      {
        status: 400,
        headers: { 'x-amzn-errortype': 'InvalidParameterException:http://internal.amazon.com/coral/' },
        body: '{"Message":"ContactFlowId is not a task flow"}',
      },
    ];
    const failure = connectTaskStarter(request())(INPUT);
    await expect(failure).rejects.toBeInstanceOf(AwsServiceError);
    await expect(failure).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'ContactFlowId is not a task flow',
      statusCode: 400,
    });
    expect(received).toHaveLength(1);
  });

  it('retries throttling and server errors within the budget, then gives up with the last error', async () => {
    answers = [
      { status: 429, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' },
      { status: 503, body: 'Service Unavailable' },
    ];
    await expect(connectTaskStarter(request())(INPUT)).resolves.toEqual({ ContactId: 'task-1' });
    expect(received).toHaveLength(3);

    received.length = 0;
    answers = [
      { status: 500, body: '{"__type":"InternalServiceException"}' },
      { status: 500, body: '{"__type":"InternalServiceException"}' },
      { status: 500, body: '{"__type":"InternalServiceException"}' },
    ];
    await expect(connectTaskStarter(request())(INPUT)).rejects.toMatchObject({
      name: 'InternalServiceException',
      statusCode: 500,
    });
    expect(received).toHaveLength(3);
  });

  it('gives up on a Connect that does not answer, within the budget', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const hanging = request({
        endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        budget: { connectionTimeout: 200, requestTimeout: 200, maxAttempts: 2 },
      });
      await expect(connectTaskStarter(hanging)(INPUT)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('SNS Publish over a signed Query request', () => {
  const publish = () => snsPublisher(queryCall(signedRequest(options('sns'), queryError), '2010-03-31'));
  const NOTICE = {
    TopicArn: 'arn:aws:sns:eu-central-1:123456789012:premier-pas-cidff94',
    Subject: 'Nouvelle demande de rappel',
    Message:
      'Une demande vous attend : https://portail.example/callbacks/req-42 (avant le 4 décembre & à 17 h)',
    MessageAttributes: { requestId: { DataType: 'String' as const, StringValue: 'req-42' } },
  };
  const PUBLISHED =
    '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>';

  it('sends the parameters the SDK SNSClient sends for the same Publish, and reads the MessageId', async () => {
    answers = [
      { status: 200, headers: { 'content-type': 'text/xml' }, body: PUBLISHED },
      { status: 200, headers: { 'content-type': 'text/xml' }, body: PUBLISHED },
    ];
    const sdk = new SNSClient({ region: 'eu-central-1', endpoint, credentials: CREDENTIALS });
    await sdk.send(new PublishCommand(NOTICE));
    sdk.destroy();
    await expect(publish()(NOTICE)).resolves.toEqual({ MessageId: 'm-1' });

    const [fromSdk, ours] = received;
    expect(ours?.method).toBe('POST');
    expect(ours?.url).toBe(fromSdk?.url);
    const entries = (body: string | undefined) => [...new URLSearchParams(body ?? '').entries()].sort();
    expect(entries(ours?.body)).toEqual(entries(fromSdk?.body));
    expect(ours?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(String(ours?.headers.authorization)).toContain('/eu-central-1/sns/aws4_request');
  });

  it("names SNS's refusal as the SDK does, from its XML error, and does not retry it", async () => {
    answers = [
      {
        status: 404,
        headers: { 'content-type': 'text/xml' },
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>',
      },
    ];
    await expect(publish()(NOTICE)).rejects.toMatchObject({
      name: 'NotFound',
      message: 'Topic does not exist',
      statusCode: 404,
    });
    expect(received).toHaveLength(1);
  });
});
