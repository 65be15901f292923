import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { deployConnect } from '../shared/clients/connect';
import { logger } from '../shared/powertools';
import { AssociationEventSchema, type AssociationResponse, applyAssociationEvent } from './association';

/** onEvent handler of the phone-number association custom resource (CDK Provider framework). */
export const handler = middy(async (rawEvent: unknown): Promise<AssociationResponse> => {
  const event = AssociationEventSchema.parse(rawEvent);
  logger.info('phone number association', { requestType: event.RequestType });
  const response = await applyAssociationEvent(event, deployConnect);
  logger.info('phone number association done', { requestType: event.RequestType });
  return response;
}).use(injectLambdaContext(logger));
