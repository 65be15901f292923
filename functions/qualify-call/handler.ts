import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { contactSealer } from '../shared/callbacks/queue-envelope';
import { flowDynamo } from '../shared/clients/dynamodb';
import { flowSqs } from '../shared/clients/sqs';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { partnerCallbackPort, withdrawCallbacksPort } from './partner-callback';
import { type QualifyCallResult, qualifyCall } from './qualify';

const env = readEnvironment('qualify-call');
// The public key is read once per cold start; sealing is local, with no KMS call on the listener's path.
const callbackQueue = {
  sqs: flowSqs,
  queueUrl: env.CALLBACK_QUEUE_URL,
  seal: contactSealer(env.CALLBACK_ENVELOPE_PUBLIC_KEY),
};
const requestPartnerCallback = partnerCallbackPort(callbackQueue, env.PARTNERS);
const metricSink = powertoolsMetricSink(metrics);

/** Guide-flow Lambda (listener's qualification form): answers `{ status, message }` within 1 s. */
export const handler = middy(
  async (event: unknown): Promise<QualifyCallResult> =>
    qualifyCall(event, {
      dynamo: flowDynamo,
      callsTable: env.CALLS_TABLE_NAME,
      statisticsTable: env.STATISTICS_TABLE_NAME,
      requestPartnerCallback,
      withdrawPartnerCallbacks: withdrawCallbacksPort(callbackQueue),
      logger,
      metrics: metricSink,
      callsRetentionDays: env.CALLS_RETENTION_DAYS,
    }),
)
  // The event holds the callback number and code word: it is never logged.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
