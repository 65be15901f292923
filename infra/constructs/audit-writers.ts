import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { LineFunction } from './line-function';

export interface AuditWritersProps {
  readonly auditTable: dynamodb.ITable;
  /** The functions that write audit entries. */
  readonly writers: readonly LineFunction[];
}

/**
 * Gives each writer the audit table's name and `dynamodb:PutItem` on it, nothing else: no read, no
 * update, no delete. Overwrites are refused in the write itself (`attribute_not_exists`), so the
 * audit is append-only. The table's key is the data key, which the writers already use for the
 * callbacks table; they get encrypt and data-key rights on it here so the grant does not rely on that.
 */
export class AuditWriters extends Construct {
  constructor(scope: Construct, id: string, props: AuditWritersProps) {
    super(scope, id);
    for (const writer of props.writers) {
      const fn = writer.function;
      fn.addEnvironment('AUDIT_TABLE_NAME', props.auditTable.tableName);
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.auditTable.tableArn] }),
      );
      props.auditTable.encryptionKey?.grant(fn, 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt');
    }
  }
}
