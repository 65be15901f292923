/**
 * The security headers of the line's web pages, in one place: the CloudFront response-headers policy
 * is built from this, and the local servers send exactly this, so a test can compare the two.
 * Pure data: no CDK import, so `local/` can use it without loading aws-cdk-lib.
 */

export interface WebOrigins {
  /** Origins the page may fetch from besides its own: the API, the sign-in service. */
  readonly connect: readonly string[];
  /** Origins a form on the page may post to besides its own (the sign-in service's pages). */
  readonly formAction?: readonly string[];
}

/** Two years, as the HSTS preload list asks. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/** Powerful features the pages never use, off; only names Chromium knows (it logs an error for others). */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()';

/** Content-Security-Policy: everything from the page's own origin, nothing inline, no framing. */
export function contentSecurityPolicy(origins: WebOrigins): string {
  const list = (extra: readonly string[] = []) => ["'self'", ...extra].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${list(origins.connect)}`,
    `form-action ${list(origins.formAction)}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Header name (lower case) to value, as a browser receives them. */
export function securityHeaders(origins: WebOrigins): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy(origins),
    'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
}
