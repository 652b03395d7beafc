import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/security/csp.js';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it("starts from default-src 'none' and allows only self-hosted scripts, styles, images and fonts", () => {
    const csp = contentSecurityPolicy();
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    const d = directives(csp);
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('font-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('form-action')).toBe("'none'");
  });

  it('never allows inline code, eval or remote hosts', () => {
    for (const csp of [contentSecurityPolicy(), contentSecurityPolicy({ allowSelfConnect: true })]) {
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    }
  });

  it('lets only the browser host connect back to its own origin', () => {
    expect(directives(contentSecurityPolicy({ allowSelfConnect: true })).get('connect-src')).toBe("'self'");
  });
});
