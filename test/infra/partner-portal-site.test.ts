import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { PORTAL_SCOPE, PORTAL_SIGN_IN_PATH, type PortalDomain } from '#domain/partner-portal';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { securityHeaders } from '../../infra/web/security-headers';
import { resourcesOf, type SynthesizedLine, synthesizeLine } from '../support/synth';

/**
 * The partner portal on AWS: a private bucket behind CloudFront (origin access control, HTTPS only), the
 * pages' security headers exactly as `securityHeaders()` defines them (the local server sends the same),
 * and one address for the sign-in callback, the API's CORS and the link in partner e-mails.
 */

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions check its shape.
type Json = any;

const DOMAIN: PortalDomain = {
  domainName: 'partenaires.example.fr',
  certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

const atCloudFront = synthesizeLine();
const atDomain = synthesizeLine({ partnerPortalDomain: DOMAIN });

/** A template value as text, with `<Id.Attribute>` / `<Id>` standing for what CloudFormation fills in. */
function render(value: Json): string {
  if (typeof value === 'string') return value;
  if (value?.Ref !== undefined) return `<${value.Ref}>`;
  if (value?.['Fn::GetAtt'] !== undefined) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (value?.['Fn::Join'] !== undefined) {
    const [delimiter, parts] = value['Fn::Join'] as [string, Json[]];
    return parts.map(render).join(delimiter);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

function only(synthesized: SynthesizedLine, type: string): { id: string; properties: Json } {
  const found = Object.entries(resourcesOf(synthesized.line, type));
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] as [string, { Properties?: Json }];
  return { id, properties: resource.Properties };
}

/** The headers a browser receives from a response-headers policy, as CloudFront writes them. */
function headersOfPolicy(config: Json): Record<string, string> {
  const security = config.SecurityHeadersConfig;
  const hsts = security.StrictTransportSecurity;
  const headers: Record<string, string> = {
    'content-security-policy': render(security.ContentSecurityPolicy.ContentSecurityPolicy),
    'strict-transport-security': [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; '),
    'x-frame-options': security.FrameOptions.FrameOption,
    'referrer-policy': security.ReferrerPolicy.ReferrerPolicy,
  };
  if (security.ContentTypeOptions !== undefined) headers['x-content-type-options'] = 'nosniff';
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[item.Header] = item.Value;
  return headers;
}

function functionEnvironment(synthesized: SynthesizedLine, name: string): Json {
  const found: Json = Object.values(resourcesOf(synthesized.line, 'AWS::Lambda::Function')).find(
    (resource) => (resource as Json).Metadata?.[FUNCTION_METADATA_KEY] === name,
  );
  return found.Properties.Environment.Variables;
}

const distributionId = only(atCloudFront, 'AWS::CloudFront::Distribution').id;
const cloudFrontUrl = `https://<${distributionId}.DomainName>/`;

/** The bucket the distribution reads, by the logical id its origin names. */
function portalBucketId(synthesized: SynthesizedLine): string {
  const distribution = only(synthesized, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
  expect(distribution.Origins).toHaveLength(1);
  return distribution.Origins[0].DomainName['Fn::GetAtt'][0];
}

describe.each([
  ['at its CloudFront address', atCloudFront],
  ['at its own domain', atDomain],
])('the partner portal %s', (_where, synthesized) => {
  it('is served from a private, encrypted, TLS-only bucket that only the distribution reads (OAC)', () => {
    const bucketId = portalBucketId(synthesized);
    const bucket = synthesized.line.toJSON().Resources[bucketId];
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.DeletionPolicy).toBe('Retain');

    const oac = only(synthesized, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
    });
    const origin = only(synthesized, 'AWS::CloudFront::Distribution').properties.DistributionConfig
      .Origins[0];
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac.id, 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });

    const policy = Object.values(resourcesOf(synthesized.line, 'AWS::S3::BucketPolicy')).find(
      (resource) => (resource.Properties as Json).Bucket.Ref === bucketId,
    )?.Properties as Json;
    const statements = policy.PolicyDocument.Statement as Json[];
    const allowed = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allowed).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(render(allowed[0].Condition.StringEquals['AWS:SourceArn'])).toMatch(
      /:distribution\/<PartnerPortalDistribution\w+>$/,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('answers over HTTPS only, HTTP/2 and 3, index.html at the root and for the app’s own routes', () => {
    const config = only(synthesized, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.PriceClass).toBe('PriceClass_100');
    expect(config.DefaultRootObject).toBe('index.html');
    // One origin, the bucket: the fallback never rewrites an API answer (the API is another origin).
    expect(config.Origins).toHaveLength(1);
    expect(config.CustomErrorResponses).toEqual(
      [403, 404].map((code) =>
        expect.objectContaining({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      ),
    );
  });

  it('sends exactly securityHeaders() for the API and sign-in origins, on the default behaviour', () => {
    const policy = only(synthesized, 'AWS::CloudFront::ResponseHeadersPolicy');
    const api = only(synthesized, 'AWS::ApiGatewayV2::Api').id;
    const signIn = only(synthesized, 'AWS::Cognito::UserPoolDomain').id;
    const expected = securityHeaders({
      connect: [
        `<${api}.ApiEndpoint>`,
        `https://<${signIn}>.auth.eu-central-1.amazoncognito.com`,
        'https://cognito-idp.eu-central-1.amazonaws.com',
      ],
    });
    expect(headersOfPolicy(policy.properties.ResponseHeadersPolicyConfig)).toEqual(expected);
    synthesized.line.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: policy.id } } },
    });
  });

  it('signs in through Cognito managed login: code flow, public client, openid and email, MFA required', () => {
    const client = only(synthesized, 'AWS::Cognito::UserPoolClient').properties;
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: PORTAL_SCOPE.split(' '),
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    synthesized.line.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    synthesized.line.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'un-premier-pas-94-partenaires',
      ManagedLoginVersion: 2,
    });
    synthesized.line.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UseCognitoProvidedValues: true,
    });
  });

  it('uploads the built app, hashed files cached for a year, the rest revalidated, then invalidates', () => {
    const deployments = Object.values(resourcesOf(synthesized.line, 'Custom::CDKBucketDeployment')).map(
      (resource) => resource.Properties as Json,
    );
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((deployment) => deployment.DistributionId === undefined);
    const pages = deployments.find((deployment) => deployment.DistributionId !== undefined);
    expect(assets).toMatchObject({
      Include: ['assets/*'],
      Exclude: ['*'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(pages).toMatchObject({
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    for (const deployment of [assets, pages]) {
      expect(deployment.DestinationBucketName).toEqual({ Ref: portalBucketId(synthesized) });
    }
  });
});

describe('one address for the portal', () => {
  it.each([
    ['its CloudFront address', atCloudFront, cloudFrontUrl],
    ['the stage’s own domain', atDomain, 'https://partenaires.example.fr/'],
  ])('is %s: sign-in callback, sign-out, and the link in partner e-mails', (_what, synthesized, url) => {
    const client = only(synthesized, 'AWS::Cognito::UserPoolClient').properties;
    expect(client.CallbackURLs.map(render)).toEqual([`${url}${PORTAL_SIGN_IN_PATH.slice(1)}`]);
    expect(client.LogoutURLs.map(render)).toEqual([url]);
    for (const name of ['dispatch-callback', 'callback-watch']) {
      expect(render(functionEnvironment(synthesized, name).PARTNER_PORTAL_URL)).toBe(url);
    }
    const outputs = synthesized.line.toJSON().Outputs as Json;
    expect(render(outputs.PartnerPortalUrl.Value)).toBe(url);
  });

  it('is the only CORS origin of the API: set after the distribution exists, for a CloudFront address', () => {
    expect(only(atCloudFront, 'AWS::ApiGatewayV2::Api').properties.CorsConfiguration).toBeUndefined();
    const cors = Object.values(resourcesOf(atCloudFront.line, 'Custom::AWS'))
      .map((resource) => JSON.parse(render((resource.Properties as Json).Create)))
      .filter((call) => call.action === 'UpdateApi');
    expect(cors).toEqual([
      expect.objectContaining({
        service: 'ApiGatewayV2',
        parameters: {
          ApiId: `<${only(atCloudFront, 'AWS::ApiGatewayV2::Api').id}>`,
          CorsConfiguration: {
            AllowOrigins: [cloudFrontUrl.slice(0, -1)],
            AllowMethods: ['GET', 'POST', 'OPTIONS'],
            AllowHeaders: ['authorization', 'content-type'],
            AllowCredentials: false,
            MaxAge: 3600,
          },
        },
      }),
    ]);
  });

  it('is the only CORS origin of the API: in the API itself, for the stage’s own domain', () => {
    expect(only(atDomain, 'AWS::ApiGatewayV2::Api').properties.CorsConfiguration).toEqual({
      AllowOrigins: ['https://partenaires.example.fr'],
      AllowMethods: ['GET', 'POST', 'OPTIONS'],
      AllowHeaders: ['authorization', 'content-type'],
      AllowCredentials: false,
      MaxAge: 3600,
    });
    expect(Object.keys(resourcesOf(atDomain.line, 'Custom::AWS'))).toEqual([]);
  });
});

describe('the stage’s own domain', () => {
  it('is served with its certificate, TLS 1.2 at least, by SNI', () => {
    atDomain.line.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: [DOMAIN.domainName],
        ViewerCertificate: {
          AcmCertificateArn: DOMAIN.certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      },
    });
    atCloudFront.line.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Aliases: Match.absent() },
    });
  });

  it.each([
    [
      'a certificate outside us-east-1',
      { certificateArn: DOMAIN.certificateArn.replace('us-east-1', 'eu-central-1') },
      /us-east-1/,
    ],
    ['a URL instead of a host name', { domainName: 'https://partenaires.example.fr/' }, /host name/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => synthesizeLine({ partnerPortalDomain: { ...DOMAIN, ...change } })).toThrow(message);
  });
});

describe('config.json', () => {
  it('gives the page this stage’s API and sign-in settings, in the shape it reads', () => {
    const pages = Object.values(resourcesOf(atCloudFront.line, 'Custom::CDKBucketDeployment'))
      .map((resource) => resource.Properties as Json)
      .find((deployment) => deployment.DistributionId !== undefined);
    const index = (pages.SourceMarkers as Json[]).findIndex((markers) => Object.keys(markers).length > 0);
    const markers = pages.SourceMarkers[index] as Record<string, Json>;
    const objectKey = pages.SourceObjectKeys[index] as string;
    const assembly = atCloudFront.app.synth();
    const staged = path.join(assembly.directory, `asset.${objectKey.replace(/\.zip$/, '')}`, 'config.json');
    let text = fs.readFileSync(staged, 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.split(marker).join(render(value));
    const api = only(atCloudFront, 'AWS::ApiGatewayV2::Api').id;
    const pool = only(atCloudFront, 'AWS::Cognito::UserPool').id;
    const client = only(atCloudFront, 'AWS::Cognito::UserPoolClient').id;
    expect(JSON.parse(text)).toEqual({
      apiUrl: `<${api}.ApiEndpoint>`,
      oidc: {
        authority: `https://cognito-idp.eu-central-1.amazonaws.com/<${pool}>`,
        clientId: `<${client}>`,
        scope: 'openid email',
      },
    });
  });
});
