import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveAppPath } from './resolve-app-path.js';

// Answers a GET for a renderer file: the same code serves app:// in Electron and the browser host,
// so both send identical files and headers. Returns a plain description of the response; each host
// turns it into its own response object.

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FileResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string;
}

export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every renderer response carries, errors included. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function plain(status: number, text: string, csp: string): FileResponse {
  return {
    status,
    headers: { ...securityHeaders(csp), 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  };
}

export async function serveFile(
  rootDir: string,
  method: string,
  requestPath: string,
  csp: string,
): Promise<FileResponse> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed', csp);
  const file = resolveAppPath(rootDir, requestPath);
  if (file === null) return plain(404, 'Not found', csp);
  let body: Uint8Array<ArrayBuffer>;
  try {
    // A plain Uint8Array (not a pooled Buffer) is what both Response and http accept as a body.
    body = new Uint8Array(await readFile(file));
  } catch {
    return plain(404, 'Not found', csp);
  }
  return {
    status: 200,
    headers: { ...securityHeaders(csp), 'content-type': mimeType(file), 'cache-control': 'no-cache' },
    body: method === 'HEAD' ? '' : body,
  };
}
