import { S3Client } from '@aws-sdk/client-s3';
import { ASYNC_SDK_TIMEOUTS } from './budgets';
import { sdkTransport } from './transport';

/** S3 for monthly-report's files. */
export const asyncS3 = new S3Client(sdkTransport(ASYNC_SDK_TIMEOUTS));
