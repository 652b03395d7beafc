import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mimeType, serveFile } from '../../main/protocol/serve-file.js';

const CSP = "default-src 'none'";
let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'rr-serve-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(outside, 'top secret');
});

describe('serveFile', () => {
  it('serves index.html for / with the CSP and nosniff', async () => {
    const response = await serveFile(root, 'GET', '/', CSP);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(response.body).toString()).toContain('<title>x</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await serveFile(root, 'GET', '/assets/app.js', CSP);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const response = await serveFile(root, 'HEAD', '/index.html', CSP);
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
  });

  it('refuses traversal to a file that exists outside the root, still with the CSP', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2Fsecret.txt',
      '/%252e%252e/secret.txt',
    ]) {
      const response = await serveFile(root, 'GET', attempt, CSP);
      expect(response.status).toBe(404);
      expect(String(response.body)).not.toContain('top secret');
      expect(response.headers['content-security-policy']).toBe(CSP);
    }
  });

  it('answers 404 for missing files and directories', async () => {
    expect((await serveFile(root, 'GET', '/nope.js', CSP)).status).toBe(404);
    expect((await serveFile(root, 'GET', '/assets', CSP)).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serveFile(root, 'POST', '/index.html', CSP)).status).toBe(405);
  });

  it('knows the types the renderer ships and defaults to octet-stream', () => {
    expect(mimeType('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('a.SVG')).toBe('image/svg+xml');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });
});
