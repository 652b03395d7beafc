import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../main/protocol/app-origin.js';

describe('isAppUrl', () => {
  it('accepts the entry URL and other paths on app://reader', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://reader/assets/x.js')).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://reader.evil/index.html',
    'app://user@reader/index.html',
    'app://reader:8080/index.html',
    'https://reader/index.html',
    'file:///index.html',
    'http://127.0.0.1/',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
