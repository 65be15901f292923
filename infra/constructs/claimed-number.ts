import { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type { Construct } from 'constructs';
import type { PhoneNumberChoice } from '#domain/stage';
import type { ConnectInstance } from './connect-instance';

/** A number of the line: the resource when the stack claims it, and its ARN either way. */
export interface LineNumber {
  /** Undefined when the stage brings a number claimed beforehand. */
  readonly phoneNumber?: connect.CfnPhoneNumber;
  readonly phoneNumberArn: string;
}

/**
 * Claims the number `choice` asks for (as `Number` under `scope`, retained: people know a number, and
 * a release cannot be undone), or takes the ARN of one claimed beforehand.
 */
export function claimOrBringNumber(
  scope: Construct,
  connectInstance: ConnectInstance,
  choice: PhoneNumberChoice,
  description: string,
): LineNumber {
  if ('existingPhoneNumberArn' in choice) return { phoneNumberArn: choice.existingPhoneNumberArn };
  const phoneNumber = connectInstance.chain(
    new connect.CfnPhoneNumber(scope, 'Number', {
      targetArn: connectInstance.instanceArn,
      countryCode: choice.countryCode,
      type: choice.type,
      description,
    }),
  );
  phoneNumber.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return { phoneNumber, phoneNumberArn: phoneNumber.attrPhoneNumberArn };
}
