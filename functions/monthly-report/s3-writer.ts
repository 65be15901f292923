import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportWriter } from './report';

/** Writes report files under `<prefix><month>/` in the reports bucket (SSE-KMS is the bucket default). */
export function s3ReportWriter(s3: S3Client, bucket: string, prefix: string): ReportWriter {
  return {
    async write(name, body, contentType) {
      const key = `${prefix}${name}`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
      return `s3://${bucket}/${key}`;
    },
  };
}
