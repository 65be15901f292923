import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import middy from '@middy/core';
import { logger } from '../shared/powertools';
import { AssociationEventSchema, type AssociationResponse, applyAssociationEvent } from './association';

// Deploy-time only: a few retries are cheap and Connect throttles bursts of admin calls.
const connect = new ConnectClient({ maxAttempts: 5 });

/** onEvent handler of the phone-number association custom resource (CDK Provider framework). */
export const handler = middy(async (rawEvent: unknown): Promise<AssociationResponse> => {
  const event = AssociationEventSchema.parse(rawEvent);
  logger.info('phone number association', { requestType: event.RequestType });
  const response = await applyAssociationEvent(event, connect);
  logger.info('phone number association done', { requestType: event.RequestType });
  return response;
}).use(injectLambdaContext(logger));
