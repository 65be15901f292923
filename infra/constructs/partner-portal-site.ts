import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type PortalDomain, portalDomainProblems } from '#domain/partner-portal';
import { responseHeadersPolicySettings } from '../web/cloudfront-security-headers';
import { securityHeaders, type WebOrigins } from '../web/security-headers';

/** Where the portal is served: one source for the sign-in callback, the API's CORS and the e-mails. */
export interface PortalAddress {
  /** `https://<host>`, as a browser sends it in `Origin` (no trailing slash). */
  readonly origin: string;
  /** `https://<host>/`, the page itself. */
  readonly url: string;
}

export interface PartnerPortalSiteProps {
  /**
   * The portal's own domain, with its us-east-1 certificate.
   * @default the distribution's `*.cloudfront.net` address
   */
  readonly domain?: PortalDomain;
  /** Origins the page may fetch from besides its own: the partner API and the sign-in service. */
  readonly connectOrigins: readonly string[];
}

/**
 * The partner portal's hosting: a private S3 bucket read only by a CloudFront distribution through
 * origin access control, HTTPS only, with the pages' security headers (`securityHeaders()`) on every
 * response. What goes into the bucket is `PartnerPortalDeployment`'s concern.
 */
export class PartnerPortalSite extends Construct implements PortalAddress {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The origins the CSP names, so a test can compare the policy with `securityHeaders()`. */
  public readonly webOrigins: WebOrigins;
  public readonly origin: string;
  public readonly url: string;

  constructor(scope: Construct, id: string, props: PartnerPortalSiteProps) {
    super(scope, id);
    const { domain } = props;
    if (domain !== undefined) {
      const problems = portalDomainProblems(domain);
      if (problems.length > 0) throw new Error(`partnerPortalDomain: ${problems.join('; ')}`);
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      // The built page is public code with no personal data: S3-managed keys spare a KMS key policy for CloudFront.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Retained like the line stack's other state: deleting the stack never fails on a non-empty
      // bucket, and ops empty and delete it by hand (docs/runbook.md).
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only CloudFront reads this bucket (origin access control) and only the deployment writes it; CloudTrail records the writes, and access logs would only repeat CloudFront fetching public files.',
    });

    this.webOrigins = { connect: props.connectOrigins };
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Un premier pas: partner portal security headers (infra/web/security-headers.ts)',
      ...responseHeadersPolicySettings(securityHeaders(this.webOrigins)),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Un premier pas: partner portal',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      // A deep link (the e-mail's /callbacks/<id>) is a page of the app: S3 answers 403 (no ListBucket)
      // or 404 for it, and the app routes it. Only this bucket's answers are rewritten: the API is
      // another origin, its 401/403/404 reach the page untouched.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(10),
      })),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(domain === undefined
        ? {}
        : {
            domainNames: [domain.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }),
    });

    const host = domain?.domainName ?? this.distribution.distributionDomainName;
    this.origin = `https://${host}`;
    this.url = `${this.origin}/`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: partner staff may work from anywhere, travelling included; access is by Cognito sign-in with MFA, and the site itself is public code.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF: the distribution serves a static app with no personal data, and the API it calls has its own JWT authorizer and throttling; a CloudFront web ACL must live in us-east-1, a second region and stack for little gain.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'No access logs: every viewer gets the same public files; who did what is in the partner API access logs and the audit table, and CloudFront logs would only keep staff IP addresses.',
    });
    if (domain === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution answers with the default *.cloudfront.net certificate, whose TLS floor CloudFront sets; with the stage partnerPortalDomain it requires TLSv1.2_2021.',
      });
    }
  }
}
