import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { config } from '../../infra/config';
import { asyncConnect, asyncDynamoRaw, asyncSns } from '../shared/callbacks/clients';
import { contactCipher, keyringFromEnv } from '../shared/callbacks/encryption';
import { notifierFromEnv } from '../shared/callbacks/notifier';
import { asyncDynamo } from '../shared/clients';
import { getStringFromEnv } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { createDispatchHandler } from './app';

/** SQS consumer of callback requests: partial batch failures, idempotent per requestId. */
export const handler = createDispatchHandler({
  deps: {
    store: { doc: asyncDynamo, tableName: getStringFromEnv('CALLBACKS_TABLE_NAME') },
    cipher: contactCipher(keyringFromEnv()),
    notifier: notifierFromEnv({ sns: asyncSns, connect: asyncConnect }, config.partnerPortalUrl, 'task'),
    logger,
    metrics,
  },
  persistenceStore: new DynamoDBPersistenceLayer({
    tableName: getStringFromEnv('IDEMPOTENCY_TABLE_NAME'),
    awsSdkV3Client: asyncDynamoRaw,
  }),
  idempotencySeconds: config.retention.idempotencyHours * 3600,
});
