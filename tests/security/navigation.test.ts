import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  isAllowedExternalUrl,
  isAllowedRequestUrl,
} from '../../main/security/navigation.js';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.mofcom.gov.cn/',
    'https://example.org/a?b=c#d',
    'mailto:someone@example.org',
    'mailto:someone@example.org?subject=Hi&body=Text&cc=b@example.org',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.org/',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'app://reader/index.html',
    'ftp://example.org/',
    'https://user:pass@example.org/',
    'https://user@example.org/',
    'https:///nohost',
    'https:\\\\evil.example/',
    'https://exa mple.org/',
    ' https://example.org/',
    'https://example.org/\n',
    'mailto:',
    'mailto:a@example.org?attach=/etc/passwd',
    'mailto:a@example.org?subject=x&Attachment=C:%5Csecret',
    'mailto:a@example.org?bcc=x@example.org&X-Header=1',
    'smb://server/share',
    '',
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('decideNavigation', () => {
  it('never lets the window navigate: app URLs and unknown schemes are denied', () => {
    expect(decideNavigation('app://reader/index.html')).toEqual({ action: 'deny' });
    expect(decideNavigation('http://example.org/')).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(decideNavigation('javascript:alert(1)')).toEqual({ action: 'deny' });
  });

  it('sends https: and mailto: to the system', () => {
    expect(decideNavigation('https://example.org/')).toEqual({
      action: 'open-external',
      url: 'https://example.org/',
    });
    expect(decideNavigation('mailto:a@example.org')).toEqual({
      action: 'open-external',
      url: 'mailto:a@example.org',
    });
  });
});

describe('isAllowedRequestUrl', () => {
  it('lets the renderer load from app://reader and data: only', () => {
    expect(isAllowedRequestUrl('app://reader/assets/x.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequestUrl('https://example.org/')).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1/')).toBe(false);
    expect(isAllowedRequestUrl('ws://127.0.0.1/')).toBe(false);
    expect(isAllowedRequestUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequestUrl('app://other/x')).toBe(false);
  });
});
