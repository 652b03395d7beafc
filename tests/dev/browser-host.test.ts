import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHost, startBrowserHost } from '../../main/dev/browser-host.js';
import { readerMethods } from '../../main/ipc/contract.js';
import { writeTinyBundle } from '../fixtures/tiny-bundle.js';

// The browser host in-process, over real HTTP on 127.0.0.1, with a stand-in renderer directory and
// the tiny bundle; the full UI is covered by tests/e2e.

let host: BrowserHost;
let base: string;

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'rr-host-'));
  const rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(base, 'secret.txt'), 'top secret');
  host = await startBrowserHost({
    port: 0,
    rootDir: path.resolve('.'),
    rendererDir,
    bundleDir: writeTinyBundle(),
    dataDir: path.join(base, 'data'),
  });
});

afterAll(async () => {
  await host?.close();
});

function post(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL(`/__reader/${encodeURIComponent(channel)}`, host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves index.html with the CSP and the bridge script injected before the app', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('<script src="./__reader/bridge.js"></script>');
    expect(html.indexOf('__reader/bridge.js')).toBeGreaterThan(html.indexOf('assets/app.js'));
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it('serves a bridge script that defines window.reader with the contract methods', async () => {
    const response = await fetch(new URL('/__reader/bridge.js', host.url));
    expect(response.headers.get('content-type')).toContain('javascript');
    const window: Record<string, unknown> = {};
    runInNewContext(await response.text(), { window, fetch: () => Promise.reject(new Error('offline')) });
    const api = window.reader as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      readerMethods()
        .map(({ method }) => method)
        .sort(),
    );
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('dispatches POST /__reader/<channel> through the real handlers', async () => {
    const response = await post('library:list', {});
    expect(response.status).toBe(200);
    const envelope = (await response.json()) as { ok: boolean; value: Array<{ id: string }> };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.map((entry) => entry.id)).toEqual(['report', 'news-daily-life']);
  });

  it('answers bad calls with error envelopes', async () => {
    expect(await (await post('nope:nope', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(
      await (await post('app:openExternal', { request: { url: 'file:///etc/passwd' } })).json(),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const notJson = await post('app:info', '{not json');
    expect(notJson.status).toBe(400);
    const wrongType = await fetch(new URL('/__reader/app%3Ainfo', host.url), { method: 'POST', body: '{}' });
    expect(wrongType.status).toBe(415);
  });

  it('refuses calls from another origin', async () => {
    const foreign = await post('app:info', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses calls addressed to another Host name (DNS rebinding)', async () => {
    // fetch() will not send a forged Host header, so this one goes through node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL('/__reader/app%3Ainfo', host.url);
      const req = request(
        url,
        { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('refuses oversized bodies', async () => {
    const response = await post('app:info', { request: 'x'.repeat(100_000) });
    expect(response.status).toBe(413);
  });

  it('does not serve files outside the renderer directory', async () => {
    for (const attempt of ['/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/%252e%252e/secret.txt']) {
      const response = await fetch(new URL(attempt, host.url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('top secret');
    }
  });
});

describe('browser host user data', () => {
  it('keeps settings and reading positions in its data folder, positions written on close', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-host-data-'));
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head></head><body></body></html>',
    );
    const dataDir = path.join(dir, 'data');
    const own = await startBrowserHost({
      port: 0,
      rootDir: path.resolve('.'),
      rendererDir,
      bundleDir: writeTinyBundle(),
      dataDir,
    });
    const call = async (channel: string, request?: unknown) => {
      const response = await fetch(new URL(`/__reader/${encodeURIComponent(channel)}`, own.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request }),
      });
      return (await response.json()) as { ok: boolean; value?: unknown };
    };
    expect((await call('settings:set', { theme: 'sepia' })).ok).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).theme).toBe('sepia');
    expect((await call('progress:set', { docId: 'report', blockId: 'report.b-2' })).ok).toBe(true);
    await own.close();
    const progress = JSON.parse(readFileSync(path.join(dataDir, 'progress.json'), 'utf8'));
    expect(progress.documents.report.blockId).toBe('report.b-2');
  });
});
