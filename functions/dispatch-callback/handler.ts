import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { asyncConnect, asyncDynamoRaw, asyncSns } from '../shared/callbacks/clients';
import { contactCipher, keyringFromEnv } from '../shared/callbacks/encryption';
import { notifierFromEnv } from '../shared/callbacks/notifier';
import { asyncDynamo } from '../shared/clients';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { createDispatchHandler } from './app';

/** SQS consumer of callback requests: partial batch failures, idempotent per requestId. */
const env = readEnvironment('dispatch-callback');

export const handler = createDispatchHandler({
  deps: {
    store: { doc: asyncDynamo, tableName: env.CALLBACKS_TABLE_NAME },
    cipher: contactCipher(keyringFromEnv()),
    notifier: notifierFromEnv({ sns: asyncSns, connect: asyncConnect }, env.PARTNER_PORTAL_URL, 'task'),
    logger,
    metrics: powertoolsMetricSink(metrics),
  },
  metrics,
  persistenceStore: new DynamoDBPersistenceLayer({
    tableName: env.IDEMPOTENCY_TABLE_NAME,
    awsSdkV3Client: asyncDynamoRaw,
  }),
  idempotencySeconds: env.IDEMPOTENCY_HOURS * 3600,
});
