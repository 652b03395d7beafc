import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIPBOARD_FILE, EXPORTS_FOLDER } from '../../main/datasets/host-files.js';
import { type BrowserHost, startBrowserHost } from '../../main/dev/browser-host.js';
import { MAX_SAVE_CHARS } from '../../main/ipc/schemas/files.js';
import { writeTinyBundle } from '../fixtures/tiny-bundle.js';

// The browser host's stand-ins for the save dialog and the clipboard, over real HTTP: a chart
// image is far larger than any other call, so file:save alone gets a larger body limit.

let host: BrowserHost;
let dataDir: string;

beforeAll(async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'rr-host-files-'));
  const rendererDir = path.join(base, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head></head><body></body></html>',
  );
  dataDir = path.join(base, 'data');
  host = await startBrowserHost({
    port: 0,
    rootDir: path.resolve('.'),
    rendererDir,
    bundleDir: writeTinyBundle(),
    dataDir,
  });
});

afterAll(async () => {
  await host?.close();
});

async function call(channel: string, request: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(`/__reader/${encodeURIComponent(channel)}`, host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request }),
  });
  return { status: response.status, body: await response.json() };
}

describe('browser host files', () => {
  it('accepts a file larger than other calls may be, and writes it to <data dir>/exports', async () => {
    const content = `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(50_000)}</svg>`;
    const reply = await call('file:save', { suggestedName: 'big chart', kind: 'svg', content });
    expect(reply.status).toBe(200);
    const file = path.join(dataDir, EXPORTS_FOLDER, 'big chart.svg');
    expect(reply.body).toEqual({ ok: true, value: { saved: true, path: file } });
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('still refuses a body over the file limit', async () => {
    const reply = await call('file:save', {
      suggestedName: 'x',
      kind: 'txt',
      content: 'x'.repeat(MAX_SAVE_CHARS + 200_000),
    });
    expect(reply.status).toBe(413);
  });

  it('keeps the small limit for every other channel', async () => {
    const reply = await call('clipboard:write', { text: 'x'.repeat(90_000) });
    expect(reply.status).toBe(413);
  });

  it('writes copied text to <data dir>/clipboard.txt', async () => {
    expect((await call('clipboard:write', { text: '引用' })).body).toEqual({ ok: true, value: true });
    expect(readFileSync(path.join(dataDir, CLIPBOARD_FILE), 'utf8')).toBe('引用');
  });
});
