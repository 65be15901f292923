import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseCallbackRecord } from '#domain/callbacks/record';
import type { CallbackRequest } from '#domain/callbacks/request';
import { dueByFor, findPartner } from '#domain/partners';
import { prod } from '../../../config/stages/prod';
import { dispatchCallbackRequest } from '../../../functions/dispatch-callback/dispatch';
import { dynamoAuditLog } from '../../../functions/shared/callbacks/audit-log';
import { contactCipher, keyringFromEnv } from '../../../functions/shared/callbacks/encryption';
import type { CallbackNotice } from '../../../functions/shared/callbacks/notifier';
import { dataKeyUnwrapperFromEnv } from '../../../functions/shared/callbacks/queue-envelope-keys';
import { recordWithdrawal } from '../../../functions/shared/callbacks/withdrawal-tombstone';
import { asyncKms, asyncKmsClient } from '../../../functions/shared/clients/kms';
import { recordingMetricSink } from '../../../functions/shared/emit-metric';
import { applyCallbackLocalEnv, randomMobile } from '../../support/callback-queues';
import { withLocalLine } from '../../support/local-line';

/*
 * The race the tombstone must also win: a withdrawal processed while its request is being stored.
 * The withdrawal writes its tombstone, then reads the call's records; the request writes its record,
 * then reads the tombstone. Here the withdrawal is injected at the worst moment, right after the
 * request's record is put (so the withdrawal's own read would have missed it), on DynamoDB Local.
 */

const line = withLocalLine();
applyCallbackLocalEnv();

it('closes a request withdrawn while it was being stored, and does not notify it', async () => {
  const raw = new DynamoDBClient({
    region: line.env.AWS_REGION,
    endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
    credentials: { accessKeyId: line.env.AWS_ACCESS_KEY_ID, secretAccessKey: line.env.AWS_SECRET_ACCESS_KEY },
  });
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const store = { doc, tableName: line.env.CALLBACKS_TABLE_NAME };
  const createdAt = new Date();
  const contactId = randomUUID();
  const request: CallbackRequest = {
    requestId: randomUUID(),
    contactId,
    partnerId: 'cidff94',
    phoneNumber: randomMobile(),
    safeToCall: true,
    mayLeaveMessage: false,
    safeWindows: ['weekday-morning'],
    language: 'fr',
    createdAt: createdAt.toISOString(),
    dueBy: dueByFor(findPartner(prod.partners, 'cidff94'), createdAt),
    submission: createdAt.getTime(),
  };
  // Fault injection: the listener's withdrawal lands right after the record's put.
  const interleaved = {
    send: (async (command: unknown) => {
      const result = await doc.send(command as PutCommand);
      if (command instanceof PutCommand && command.input.Item?.requestId === request.requestId)
        await recordWithdrawal(store, contactId, createdAt.getTime() + 1_000, new Date());
      return result;
    }) as DynamoDBDocumentClient['send'],
  } as DynamoDBDocumentClient;
  const notices: CallbackNotice[] = [];

  const result = await dispatchCallbackRequest(request, {
    store: { doc: interleaved, tableName: store.tableName },
    cipher: contactCipher(keyringFromEnv({ kms: asyncKms })),
    unwrapDataKey: dataKeyUnwrapperFromEnv({ kms: asyncKmsClient }),
    notifier: { notify: async (notice) => void notices.push(notice) },
    audit: dynamoAuditLog(doc, line.env.AUDIT_TABLE_NAME),
    policy: { partners: prod.partners, closedCallbacksDays: prod.retention.closedCallbacksDays },
    logger: new Logger({ serviceName: 'premier-pas', logLevel: 'WARN' }),
    metrics: recordingMetricSink(),
  });

  expect(result).toMatchObject({ created: true, notified: false, withdrawn: [request.requestId] });
  expect(notices).toEqual([]);
  const { Item } = await doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: { requestId: request.requestId },
      ConsistentRead: true,
    }),
  );
  const stored = parseCallbackRecord(Item);
  expect(stored).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  expect(stored.encryptedContact).toBeUndefined();
  raw.destroy();
});
