import { Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PARTNER_API_CORS, PORTAL_SIGN_IN_PATH } from '#domain/partner-portal';
import type { PartnerConfig } from '#domain/partners';
import type { RateLimit } from '#domain/stage';
import { stageVariables } from '#domain/stage-environment';
import { type CorsConfiguration, HttpApiCors } from './http-api-cors';
import { allowKeyUse, phoneKeyContextConditions } from './key-policies';
import { LineFunction, logRetention } from './line-function';
import type { PortalAddress } from './partner-portal-site';
import { grantTableActions } from './table-access';

export interface PartnerApiProps {
  readonly partners: readonly PartnerConfig[];
  readonly callbacksTable: dynamodb.ITable;
  /** The phone-number key; the API decrypts with it when a partner opens a request. */
  readonly phoneKey: kms.IKey;
  /** Where the portal is served: the sign-in callback and sign-out URL, and the only CORS origin. */
  readonly portal: PortalAddress;
  /** Prefix of the Cognito managed login domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly signInDomainPrefix: string;
  readonly logRetentionDays: number;
  /** Days a closed record is kept. */
  readonly closedCallbacksDays: number;
  /** At most this many executions at once: a stolen token cannot drain the account's concurrency. */
  readonly concurrency: number;
  /** Requests per second on every route. */
  readonly rate: RateLimit;
  /** The stricter limit on `POST /callbacks/{id}/open`, the route that reveals a number. */
  readonly openRate: RateLimit;
}

const ROUTES = [
  [apigw.HttpMethod.GET, '/callbacks'],
  [apigw.HttpMethod.GET, '/callbacks/{id}'],
  [apigw.HttpMethod.POST, '/callbacks/{id}/open'],
  [apigw.HttpMethod.POST, '/callbacks/{id}/claim'],
  [apigw.HttpMethod.POST, '/callbacks/{id}/outcome'],
] as const;

/**
 * The partner portal's API: a Cognito user pool (MFA required, one group per association) with its
 * managed login domain and the portal's public client, an HTTP
 * API whose routes all sit behind a JWT authorizer on that pool, and `partner-api`, which checks the
 * token again and scopes every request to the caller's association.
 */
export class PartnerApi extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;
  /** Cognito managed login, where the portal sends staff to sign in (MFA as the pool requires). */
  public readonly signInDomain: cognito.UserPoolDomain;
  public readonly api: apigw.HttpApi;
  /** The API's CORS: only the portal's origin, set in the API or, when that would make a cycle, after it. */
  public readonly cors: CorsConfiguration;
  public readonly lineFunction: LineFunction;

  constructor(scope: Construct, id: string, props: PartnerApiProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const partner of props.partners) {
      new cognito.CfnUserPoolGroup(this, `Group-${partner.id}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: partner.id,
        description: `Staff of ${partner.name}`,
      });
    }
    // A public client (a page cannot keep a secret): authorization code with PKCE, which the page sends.
    this.client = this.userPool.addClient('Portal', {
      generateSecret: false,
      authFlows: { userSrp: true },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        // The page's own sign-in path; signing out comes back to its home page.
        callbackUrls: [`${props.portal.origin}${PORTAL_SIGN_IN_PATH}`],
        logoutUrls: [props.portal.url],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
    });
    // The newer managed login: it speaks French (lang=fr) and needs a style, Cognito's own here.
    this.signInDomain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new cognito.CfnManagedLoginBranding(this, 'SignInStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.lineFunction = new LineFunction(this, 'PartnerApi', {
      name: 'partner-api',
      timeout: Duration.seconds(10),
      logRetentionDays: props.logRetentionDays,
      reservedConcurrentExecutions: props.concurrency,
      environment: {
        CALLBACKS_TABLE_NAME: props.callbacksTable.tableName,
        PHONE_KEY_ARN: props.phoneKey.keyArn,
        PARTNER_JWT_ISSUER: this.userPool.userPoolProviderUrl,
        PARTNER_JWT_CLIENT_ID: this.client.userPoolClientId,
        ...stageVariables.partners(props.partners),
        ...stageVariables.closedCallbacksRetentionDays(props.closedCallbacksDays),
      },
    });
    // Get one record, update it (claim, open, outcome); the lists Query the index (CallbackPipeline).
    grantTableActions(this.lineFunction.function, props.callbacksTable, ['GetItem', 'UpdateItem']);
    // Decrypt only, and only a callback contact's ESDK message: opening a request; it never encrypts.
    allowKeyUse(props.phoneKey, {
      sid: 'PartnerApiDecryptsCallbackContacts',
      role: this.lineFunction.function.role as iam.IRole,
      actions: ['kms:Decrypt'],
      conditions: phoneKeyContextConditions(),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logRetention(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.cors = {
      AllowOrigins: [props.portal.origin],
      AllowMethods: [...PARTNER_API_CORS.allowMethods, 'OPTIONS'],
      AllowHeaders: [...PARTNER_API_CORS.allowHeaders],
      // Bearer tokens, never cookies: the browser sends no credentials.
      AllowCredentials: false,
      MaxAge: PARTNER_API_CORS.maxAgeSeconds,
    };
    // A custom domain is known at synth: the API carries its CORS. A CloudFront address is known only
    // once the distribution exists, and the distribution's CSP names this API: set after both exist.
    const corsInApi = !Token.isUnresolved(props.portal.origin);
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Un premier pas: partner callbacks',
      ...(corsInApi
        ? {
            corsPreflight: {
              allowOrigins: [...this.cors.AllowOrigins],
              allowMethods: this.cors.AllowMethods.map((method) => method as apigw.CorsHttpMethod),
              allowHeaders: [...this.cors.AllowHeaders],
              allowCredentials: this.cors.AllowCredentials,
              maxAge: Duration.seconds(this.cors.MaxAge),
            },
          }
        : {}),
    });
    if (!corsInApi) {
      new HttpApiCors(this, 'Cors', {
        api: this.api,
        cors: this.cors,
        logRetentionDays: props.logRetentionDays,
      });
    }
    const stage = this.api.defaultStage?.node.defaultChild as apigw.CfnStage;
    const throttle = (limit: RateLimit) => ({
      throttlingRateLimit: limit.perSecond,
      throttlingBurstLimit: limit.burst,
    });
    stage.defaultRouteSettings = throttle(props.rate);
    // routeSettings is untyped JSON: CloudFormation's own property names, which CDK does not convert.
    stage.routeSettings = {
      'POST /callbacks/{id}/open': {
        ThrottlingRateLimit: props.openRate.perSecond,
        ThrottlingBurstLimit: props.openRate.burst,
      },
    };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // Ids and status only: no path parameters beyond the route, no headers, no body.
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        sub: '$context.authorizer.claims.sub',
        responseLatency: '$context.responseLatency',
      }),
    };
    const authorizer = new authorizers.HttpJwtAuthorizer('Cognito', this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.client.userPoolClientId],
    });
    const integration = new integrations.HttpLambdaIntegration('Function', this.lineFunction.function);
    for (const [method, path] of ROUTES) {
      this.api.addRoutes({ path, methods: [method], integration, authorizer });
    }
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection is on through the Plus feature plan (standardThreatProtectionMode FULL_FUNCTION).',
    });
  }
}
