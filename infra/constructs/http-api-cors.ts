import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { logRetention } from './line-function';

/** An HTTP API's CORS settings, in the API Gateway API's own terms (`CorsConfiguration`). */
export interface CorsConfiguration {
  readonly AllowOrigins: readonly string[];
  readonly AllowMethods: readonly string[];
  readonly AllowHeaders: readonly string[];
  readonly AllowCredentials: boolean;
  readonly MaxAge: number;
}

export interface HttpApiCorsProps {
  readonly api: apigw.IHttpApi;
  readonly cors: CorsConfiguration;
  readonly logRetentionDays: number;
}

/**
 * Sets an HTTP API's CORS after CloudFormation has created both the API and the page that calls it
 * (`UpdateApi`, again whenever the settings change; `DeleteCorsConfiguration` on delete). For a
 * portal served at its CloudFront address: the API's CORS names the distribution while the
 * distribution's CSP names the API, a cycle CloudFormation refuses when both sit in the API resource.
 */
export class HttpApiCors extends Construct {
  public readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: HttpApiCorsProps) {
    super(scope, id);
    const { apiId } = props.api;
    const stack = Stack.of(this);
    const apiArn = `arn:${stack.partition}:apigateway:${stack.region}::/apis/${apiId}`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logRetention(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const update: cr.AwsSdkCall = {
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: { ApiId: apiId, CorsConfiguration: props.cors },
      physicalResourceId: cr.PhysicalResourceId.of(`${apiId}-cors`),
    };
    this.resource = new cr.AwsCustomResource(this, 'Resource', {
      onCreate: update,
      onUpdate: update,
      onDelete: {
        service: 'ApiGatewayV2',
        action: 'DeleteCorsConfiguration',
        parameters: { ApiId: apiId },
        // Already gone (a failed create, the API deleted by hand): nothing to undo.
        ignoreErrorCodesMatching: 'NotFoundException',
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['apigateway:PATCH'], resources: [apiArn] }),
        new iam.PolicyStatement({ actions: ['apigateway:DELETE'], resources: [`${apiArn}/cors`] }),
      ]),
      installLatestAwsSdk: false,
      logGroup,
    });
  }
}

/**
 * Acknowledges, on the stack's AwsCustomResource provider function (one per stack, shared), the findings
 * it raises by design. Call once per stack that holds an `HttpApiCors`.
 */
export function acknowledgeCustomResourceProvider(scope: Construct): void {
  const provider = Stack.of(scope).node.tryFindChild(
    `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
  );
  if (provider === undefined) return;
  Validations.of(provider).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'The CDK AwsCustomResource provider writes its logs with the basic execution policy; its API calls are granted one by one on the exact API.',
  });
  Validations.of(provider).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'The AwsCustomResource provider runtime is chosen by the CDK release; it runs only at deploy time and moves with CDK upgrades.',
  });
}
