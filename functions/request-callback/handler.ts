import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { contactSealer } from '../shared/callbacks/queue-envelope';
import { flowSqs } from '../shared/clients/sqs';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type RequestCallbackResult, requestLineCallback } from './request-callback';

const env = readEnvironment('request-callback');
const metricSink = powertoolsMetricSink(metrics);
// The public key is read once per cold start; sealing is local, with no KMS call on the caller's path.
const seal = contactSealer(env.CALLBACK_ENVELOPE_PUBLIC_KEY);

/** Flow Lambda (IVR callback request): answers `{ status }` within 1 s, whatever happens. */
export const handler = middy(
  async (event: ConnectContactFlowEvent): Promise<RequestCallbackResult> =>
    requestLineCallback(event, {
      sqs: flowSqs,
      queueUrl: env.CALLBACK_QUEUE_URL,
      seal,
      partners: env.PARTNERS,
      logger,
      metrics: metricSink,
    }),
)
  // The event holds the keyed number: it is never logged.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
