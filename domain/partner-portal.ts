/**
 * The partner portal as a stage sees it: where it is served, and the runtime settings the page reads
 * from `config.json` beside its `index.html` (written by the deployment on AWS, by the local server on
 * the local line), so one build serves every stage.
 */

/** The portal's own domain name. Without one, the portal is served at its CloudFront address. */
export interface PortalDomain {
  /** Host name only, e.g. `partenaires.unpremierpas94.fr`; its DNS record (CNAME) is made by hand. */
  readonly domainName: string;
  /**
   * ACM certificate covering `domainName`. It must be in us-east-1: CloudFront reads certificates
   * from that region only, whatever the stack's region.
   */
  readonly certificateArn: string;
}

/** What the portal page reads from `/config.json`. */
export interface PartnerPortalConfig {
  /** The partner API's base URL, without a trailing slash. */
  readonly apiUrl: string;
  readonly oidc: {
    /** The OpenID issuer: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` on AWS. */
    readonly authority: string;
    readonly clientId: string;
    readonly scope: string;
  };
}

/** Where the sign-in service sends the staff member back with the code: the page and Cognito agree on it. */
export const PORTAL_SIGN_IN_PATH = '/connexion';

/**
 * What the partner API lets the portal's origin do across origins, on AWS (the HttpApi's CORS) and on
 * the local line (its server) alike: bearer tokens, never cookies, so no credentials.
 */
export const PARTNER_API_CORS = {
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type'],
  maxAgeSeconds: 3600,
} as const;

/** The scopes the portal asks for: sign-in and the staff member's e-mail, nothing more. */
export const PORTAL_SCOPE = 'openid email';

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const US_EAST_1_CERTIFICATE = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;

/** Why a stage's portal domain cannot be served; empty when it can. */
export function portalDomainProblems(domain: PortalDomain): string[] {
  const problems: string[] = [];
  if (!HOST_NAME.test(domain.domainName)) {
    problems.push(
      `domainName "${domain.domainName}" is not a lower-case host name (no scheme, path or port)`,
    );
  }
  if (!US_EAST_1_CERTIFICATE.test(domain.certificateArn)) {
    problems.push(
      `certificateArn "${domain.certificateArn}" is not an ACM certificate ARN in us-east-1 ` +
        '(CloudFront reads certificates from us-east-1 only: request it there)',
    );
  }
  return problems;
}
