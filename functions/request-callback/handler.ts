import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { flowSqs } from '../shared/clients/sqs';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { type RequestCallbackResult, requestLineCallback } from './request-callback';

const env = readEnvironment('request-callback');
const metricSink = powertoolsMetricSink(metrics);

/** Flow Lambda (IVR callback request): answers `{ status }` within 1 s, whatever happens. */
export const handler = middy(
  async (event: ConnectContactFlowEvent): Promise<RequestCallbackResult> =>
    requestLineCallback(event, {
      sqs: flowSqs,
      queueUrl: env.CALLBACK_QUEUE_URL,
      partners: env.PARTNERS,
      logger,
      metrics: metricSink,
    }),
)
  // The event holds the keyed number: it is never logged.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
