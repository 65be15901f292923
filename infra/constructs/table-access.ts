import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The DynamoDB item actions a function may be given; Scan and the batch actions are left out on purpose. */
export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

const READ_ONLY: ReadonlySet<TableAction> = new Set(['GetItem', 'Query']);

/**
 * Grants exactly `actions` on `table` (the table's ARN, not its indexes: see `grantIndexQuery`), and
 * the use of the table's key that DynamoDB needs for them: Decrypt and DescribeKey to read, plus the
 * encrypt actions when something is written. Written by hand because `grantReadWriteData` adds Scan,
 * BatchWriteItem, DeleteItem and more to every function.
 */
export function grantTableActions(
  grantee: iam.IGrantable,
  table: dynamodb.ITable,
  actions: readonly TableAction[],
): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions: actions.map((action) => `dynamodb:${action}`),
    resourceArns: [table.tableArn],
  });
  const key = table.encryptionKey;
  if (key === undefined) return;
  if (actions.every((action) => READ_ONLY.has(action))) key.grant(grantee, 'kms:Decrypt', 'kms:DescribeKey');
  else
    key.grant(
      grantee,
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:ReEncrypt*',
      'kms:GenerateDataKey*',
    );
}

/** Grants Query on one index of `table`, and no other index (`grantReadData` would give `index/*`). */
export function grantIndexQuery(grantee: iam.IGrantable, table: dynamodb.ITable, indexName: string): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['dynamodb:Query'],
    resourceArns: [`${table.tableArn}/index/${indexName}`],
  });
}
