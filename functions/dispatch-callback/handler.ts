import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoAuditLog } from '../shared/callbacks/audit-log';
import { connectTaskStarter } from '../shared/callbacks/connect-tasks';
import { contactCipher, keyringFromEnv } from '../shared/callbacks/encryption';
import { notifierFromEnv } from '../shared/callbacks/notifier';
import { dataKeyUnwrapperFromEnv } from '../shared/callbacks/queue-envelope-keys';
import { asyncConnectRest } from '../shared/clients/connect-rest';
import { asyncDynamo, asyncDynamoRaw } from '../shared/clients/dynamodb';
import { asyncKms, asyncKmsClient } from '../shared/clients/kms';
import { asyncSnsPublish } from '../shared/clients/sns';
import { powertoolsMetricSink } from '../shared/emit-metric';
import { readEnvironment } from '../shared/env';
import { logger, metrics } from '../shared/powertools';
import { createDispatchHandler } from './app';

/** SQS consumer of callback requests: partial batch failures, idempotent per requestId. */
const env = readEnvironment('dispatch-callback');

export const handler = createDispatchHandler({
  deps: {
    store: { doc: asyncDynamo, tableName: env.CALLBACKS_TABLE_NAME },
    cipher: contactCipher(keyringFromEnv({ kms: asyncKms })),
    unwrapDataKey: dataKeyUnwrapperFromEnv({ kms: asyncKmsClient }),
    notifier: notifierFromEnv(
      { publish: asyncSnsPublish, startTask: connectTaskStarter(asyncConnectRest) },
      env.PARTNER_PORTAL_URL,
      'task',
    ),
    audit: dynamoAuditLog(asyncDynamo, env.AUDIT_TABLE_NAME),
    policy: { partners: env.PARTNERS, closedCallbacksDays: env.CLOSED_CALLBACKS_RETENTION_DAYS },
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
