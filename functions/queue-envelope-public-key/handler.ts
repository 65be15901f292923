import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { deployKms } from '../shared/clients/kms';
import { logger } from '../shared/powertools';
import { applyPublicKeyEvent, PublicKeyEventSchema, type PublicKeyResponse } from './public-key';

/** onEvent handler of the queue-envelope public-key custom resource (CDK Provider framework). */
export const handler = middy(async (rawEvent: unknown): Promise<PublicKeyResponse> => {
  const event = PublicKeyEventSchema.parse(rawEvent);
  logger.info('queue-envelope public key', { requestType: event.RequestType });
  return applyPublicKeyEvent(event, deployKms);
}).use(injectLambdaContext(logger));
