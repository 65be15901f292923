import { contentSecurityPolicy, securityHeaders } from '../../infra/web/security-headers';

describe('the web pages’ security headers', () => {
  const headers = securityHeaders({
    connect: ['https://api.example.test'],
    formAction: ['https://auth.example.test'],
  });

  it('allows scripts, styles and fonts from the page’s own origin only', () => {
    const csp = headers['content-security-policy'] ?? '';
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "font-src 'self'",
      "default-src 'self'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('lets the page reach exactly the origins it was given', () => {
    expect(contentSecurityPolicy({ connect: ['https://api.example.test'] }).split('; ')).toContain(
      "connect-src 'self' https://api.example.test",
    );
  });

  it('forbids framing, referrers and powerful features', () => {
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains/);
  });
});
