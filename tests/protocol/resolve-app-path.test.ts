import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from '../../main/protocol/resolve-app-path.js';

const root = path.resolve('/srv/app/renderer');

describe('resolveAppPath', () => {
  it('maps / to index.html', () => {
    expect(resolveAppPath(root, '/')).toBe(path.join(root, 'index.html'));
  });

  it('maps plain paths under the root', () => {
    expect(resolveAppPath(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/index-CAgMAu8J.js')).toBe(
      path.join(root, 'assets', 'index-CAgMAu8J.js'),
    );
    expect(resolveAppPath(root, '/favicon.svg')).toBe(path.join(root, 'favicon.svg'));
  });

  it('decodes harmless percent-encoding once', () => {
    expect(resolveAppPath(root, '/assets/a%2Db.js')).toBe(path.join(root, 'assets', 'a-b.js'));
  });

  it('works with a root that has a trailing separator', () => {
    expect(resolveAppPath(`${root}${path.sep}`, '/index.html')).toBe(path.join(root, 'index.html'));
  });

  const refused: Array<[string, string]> = [
    ['parent segment', '/../secret.txt'],
    ['parent segment deeper', '/assets/../../etc/passwd'],
    ['parent segment at end', '/assets/..'],
    ['dot segment', '/./index.html'],
    ['lone dot', '/.'],
    ['encoded parent', '/%2e%2e/secret.txt'],
    ['encoded parent, upper case', '/%2E%2E/secret.txt'],
    ['half-encoded parent', '/.%2e/secret.txt'],
    ['encoded slash after parent', '/..%2Fsecret.txt'],
    ['encoded slash after parent, lower case', '/..%2fsecret.txt'],
    ['fully encoded traversal', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['encoded backslash after parent', '/..%5Csecret.txt'],
    ['encoded backslash, lower case', '/..%5csecret.txt'],
    ['raw backslash', '/..\\secret.txt'],
    ['raw backslash inside', '/assets\\index.js'],
    ['double-encoded parent', '/%252e%252e/secret.txt'],
    ['double-encoded slash', '/..%252Fsecret.txt'],
    ['double-encoded backslash', '/..%255Csecret.txt'],
    ['NUL raw', '/index.html\0.png'],
    ['NUL encoded', '/index.html%00.png'],
    ['absolute POSIX path as the whole request', '/etc/passwd/../../..'],
    ['protocol-relative / UNC-like', '//server/share/file'],
    ['absolute path without leading slash', 'etc/passwd'],
    ['Windows drive path', '/C:/Windows/win.ini'],
    ['encoded Windows drive path', '/C%3A%5CWindows%5Cwin.ini'],
    ['Windows drive relative', '/C:secret'],
    ['empty path', ''],
    ['empty segment', '/assets//index.js'],
    ['trailing slash (directory)', '/assets/'],
    ['hidden file', '/.env'],
    ['hidden directory', '/.git/config'],
    ['malformed encoding', '/%E0%A4%A'],
    ['lone percent', '/100%'],
    ['encoded NUL after decode check', '/%2500'],
    ['query-like characters', '/index.html?x=1'],
    ['space', '/my file.html'],
    ['tilde home', '/~/secret'],
    ['unicode lookalike dots', '/\u2024\u2024/secret'],
    ['fullwidth solidus', '/..\uff0fsecret'],
    ['overlong path', `/${'a/'.repeat(600)}index.html`],
  ];

  it.each(refused)('refuses %s', (_name, requestPath) => {
    expect(resolveAppPath(root, requestPath)).toBeNull();
  });

  it('never returns a path outside the root for any refused or accepted input', () => {
    const inputs = [...refused.map(([, p]) => p), '/', '/index.html', '/assets/x.js'];
    for (const input of inputs) {
      const result = resolveAppPath(root, input);
      if (result !== null) expect(result.startsWith(root + path.sep)).toBe(true);
    }
  });
});
