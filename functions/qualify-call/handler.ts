import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { config as stageConfig } from '../../infra/config';
import { flowSqs } from '../shared/callbacks/flow-clients';
import { flowDynamo } from '../shared/clients';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { getStringFromEnv } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { partnerCallbackPort } from './partner-callback';
import { type QualifyCallResult, qualifyCall } from './qualify';

const callsTable = getStringFromEnv('CALLS_TABLE_NAME');
const queueUrl = getStringFromEnv('CALLBACK_QUEUE_URL');
// Set by the CDK construct; the stage config's value otherwise (the local line shares one env).
const callsRetentionDays = Number(process.env.CALLS_RETENTION_DAYS ?? stageConfig.retention.callsDays);
const requestPartnerCallback = partnerCallbackPort(flowSqs, queueUrl);
const metricSink = powertoolsMetricSink(metrics);

/** Guide-flow Lambda (listener's qualification form): answers `{ status, message }` within 1 s. */
export const handler = middy(
  async (event: unknown): Promise<QualifyCallResult> =>
    qualifyCall(event, {
      dynamo: flowDynamo,
      callsTable,
      requestPartnerCallback,
      logger,
      metrics: metricSink,
      callsRetentionDays,
    }),
)
  // The event holds the callback number and code word: it is never logged.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
