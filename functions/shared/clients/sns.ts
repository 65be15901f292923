import { queryCall, queryError, queryResult } from './aws-protocols';
import { ASYNC_SDK_TIMEOUTS } from './budgets';
import { signedRequest } from './signed-request';

/**
 * SNS Publish for the partner notices of dispatch-callback and callback-watch: one signed Query request
 * instead of the SDK's SNS client and its 38 KB of errors, schemas and XML code (see signed-request.ts).
 */

export interface SnsPublishInput {
  readonly TopicArn: string;
  readonly Subject: string;
  readonly Message: string;
  /** String attributes only: the line sends the requestId. */
  readonly MessageAttributes?: Readonly<Record<string, { DataType: 'String'; StringValue: string }>>;
}

export type SnsPublish = (input: SnsPublishInput) => Promise<{ MessageId?: string }>;

/** Publish's parameters as the SDK's Query serializer writes them (map entries numbered from 1). */
export function publishParameters(input: SnsPublishInput): Record<string, string> {
  const parameters: Record<string, string> = {
    TopicArn: input.TopicArn,
    Message: input.Message,
    Subject: input.Subject,
  };
  Object.entries(input.MessageAttributes ?? {}).forEach(([name, value], index) => {
    const prefix = `MessageAttributes.entry.${index + 1}`;
    parameters[`${prefix}.Name`] = name;
    parameters[`${prefix}.Value.DataType`] = value.DataType;
    parameters[`${prefix}.Value.StringValue`] = value.StringValue;
  });
  return parameters;
}

export function snsPublisher(call: ReturnType<typeof queryCall>): SnsPublish {
  return async (input) => {
    const xml = await call('Publish', publishParameters(input));
    const messageId = queryResult(xml, 'MessageId');
    return messageId === undefined ? {} : { MessageId: messageId };
  };
}

export const asyncSnsPublish = snsPublisher(
  queryCall(signedRequest({ service: 'sns', budget: ASYNC_SDK_TIMEOUTS }, queryError), '2010-03-31'),
);
