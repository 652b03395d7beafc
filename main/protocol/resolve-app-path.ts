import path from 'node:path';

// Maps the path of an app:// (or browser-host) request to a file under the renderer's directory.
// It refuses anything that is not a plain relative path of allow-listed segments: the request path
// comes from web content, and a path that escapes the directory would expose the user's files.

/** A file or directory name we ever ship: letters, digits, '.', '_' and '-', not starting with '.'. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_PATH_LENGTH = 1024;

/**
 * Returns the absolute file path for `requestPath` (the still percent-encoded path of the URL,
 * starting with '/'), or null when the path is refused. '/' maps to index.html.
 */
export function resolveAppPath(rootDir: string, requestPath: string): string | null {
  if (requestPath.length === 0 || requestPath.length > MAX_PATH_LENGTH) return null;
  if (!requestPath.startsWith('/') || requestPath.startsWith('//')) return null;
  // Backslashes are separators on Windows; NUL truncates paths in some APIs. Refuse them raw and
  // encoded, before decoding can hide them.
  if (/[\\\0]|%5c|%00/i.test(requestPath)) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  // A '%' left after one decoding means the path was encoded twice (%252e%252e): refuse rather
  // than guess how many layers some other component might peel off.
  if (decoded.includes('%')) return null;

  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment))) return null;

  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  // Belt and braces: the segment rules already exclude '..', but the result must stay inside root.
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  if (!resolved.startsWith(prefix)) return null;
  return resolved;
}
