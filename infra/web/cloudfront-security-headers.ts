import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

/**
 * Turns the pages' security headers (`securityHeaders()`, the one definition the local servers send
 * too) into a CloudFront response-headers policy's settings. CloudFront models some headers as typed
 * security settings and takes the rest as custom headers; a value it cannot model fails the synth
 * rather than being dropped or changed.
 */

/** A security header whose value CloudFront's typed settings cannot express. */
export class UnsupportedHeaderError extends Error {
  override readonly name = 'UnsupportedHeaderError';
  constructor(
    readonly header: string,
    readonly value: string,
  ) {
    super(`CloudFront cannot send ${header}: ${value} through a response-headers policy`);
  }
}

const HSTS = /^max-age=(\d+)((?:; (?:includeSubDomains|preload))*)$/;
const REFERRER_POLICIES = new Set<string>(Object.values(cloudfront.HeadersReferrerPolicy));
const FRAME_OPTIONS = new Set<string>(Object.values(cloudfront.HeadersFrameOption));

/** The policy settings that send exactly `headers` (names in lower case), overriding the origin's. */
export function responseHeadersPolicySettings(
  headers: Readonly<Record<string, string>>,
): Pick<cloudfront.ResponseHeadersPolicyProps, 'securityHeadersBehavior' | 'customHeadersBehavior'> {
  const security: {
    -readonly [K in keyof cloudfront.ResponseSecurityHeadersBehavior]: cloudfront.ResponseSecurityHeadersBehavior[K];
  } = {};
  const custom: cloudfront.ResponseCustomHeader[] = [];
  for (const [header, value] of Object.entries(headers)) {
    switch (header) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'strict-transport-security': {
        const match = HSTS.exec(value);
        if (match === null) throw new UnsupportedHeaderError(header, value);
        const flags = match[2] ?? '';
        security.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(match[1])),
          includeSubdomains: flags.includes('includeSubDomains'),
          preload: flags.includes('preload'),
          override: true,
        };
        break;
      }
      case 'x-content-type-options':
        if (value !== 'nosniff') throw new UnsupportedHeaderError(header, value);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options':
        if (!FRAME_OPTIONS.has(value)) throw new UnsupportedHeaderError(header, value);
        security.frameOptions = { frameOption: value as cloudfront.HeadersFrameOption, override: true };
        break;
      case 'referrer-policy':
        if (!REFERRER_POLICIES.has(value)) throw new UnsupportedHeaderError(header, value);
        security.referrerPolicy = {
          referrerPolicy: value as cloudfront.HeadersReferrerPolicy,
          override: true,
        };
        break;
      default:
        custom.push({ header, value, override: true });
    }
  }
  return {
    securityHeadersBehavior: security,
    ...(custom.length === 0 ? {} : { customHeadersBehavior: { customHeaders: custom } }),
  };
}
