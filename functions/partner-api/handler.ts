import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamoAuditLog } from '../shared/callbacks/audit-log';
import { contactCipher, keyringFromEnv } from '../shared/callbacks/encryption';
import { asyncDynamo } from '../shared/clients/dynamodb';
import { asyncKms } from '../shared/clients/kms';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { tokenSettingsFromEnv } from './auth';
import { handlePartnerRequest } from './routes';

const env = readEnvironment('partner-api');
const deps = {
  store: { doc: asyncDynamo, tableName: env.CALLBACKS_TABLE_NAME },
  cipher: contactCipher(keyringFromEnv({ kms: asyncKms })),
  tokens: tokenSettingsFromEnv(),
  policy: { partners: env.PARTNERS, closedCallbacksDays: env.CLOSED_CALLBACKS_RETENTION_DAYS },
  audit: dynamoAuditLog(asyncDynamo, env.AUDIT_TABLE_NAME),
  logger,
  metrics: powertoolsMetricSink(metrics),
};

/** Partner API (HTTP API v2): lists, opens (audited), claims and closes an association's callbacks. */
export const handler = middy(
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
    handlePartnerRequest(event, deps),
)
  // Requests carry tokens and responses numbers: neither is logged.
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(logMetrics(metrics));
