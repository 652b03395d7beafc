import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { sanitizeFileName } from '../export/filename.js';
import { HandlerError } from '../ipc/contract.js';
import { SAVE_KINDS, type SaveKind } from '../ipc/schemas/files.js';

// Saving a file the user asked for (a table as CSV, a chart as PNG…). The renderer proposes a
// name and hands over the content; the main process sanitises the name, asks where to save
// (Electron's save dialog, or a folder in tests), checks the content fits its kind and writes it
// atomically (a temporary file renamed over the target, so a crash never leaves half a file).

export { SAVE_KINDS, type SaveKind };

export interface SaveRequest {
  suggestedName: string;
  kind: SaveKind;
  content: string;
  encoding: 'utf8' | 'base64';
}

export interface SaveResult {
  saved: boolean;
  /** Where the file went (absent when the user cancelled). */
  path?: string;
}

/**
 * Asks where to save: Electron shows a save dialog; the browser host and tests answer with a path
 * in a folder of their own. Null means the user cancelled.
 */
export type ChooseSavePath = (options: { defaultName: string; kind: SaveKind }) => Promise<string | null>;

/** The file name offered in the save dialog: sanitised, with the kind's extension. */
export function defaultSaveName(suggestedName: string, kind: SaveKind): string {
  return sanitizeFileName(suggestedName, SAVE_KINDS[kind].extension, 'export');
}

/** A path the user typed without the extension gets it (a CSV called "data" is saved as data.csv). */
export function withExtension(filePath: string, kind: SaveKind): string {
  const extension = SAVE_KINDS[kind].extension;
  return filePath.toLowerCase().endsWith(extension) ? filePath : `${filePath}${extension}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes to write, refusing content that is not what its kind says. */
export function decodeContent(request: Pick<SaveRequest, 'kind' | 'content' | 'encoding'>): Buffer {
  const spec = SAVE_KINDS[request.kind];
  let data: Buffer;
  if (request.encoding === 'base64') {
    const compact = request.content.replace(/\s+/g, '');
    if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
      throw new HandlerError('BAD_REQUEST', 'The content is not valid base64.');
    }
    data = Buffer.from(compact, 'base64');
  } else {
    if (spec.binary) throw new HandlerError('BAD_REQUEST', `A ${request.kind} file must be sent as base64.`);
    data = Buffer.from(request.content, 'utf8');
  }
  if (data.length === 0) throw new HandlerError('BAD_REQUEST', 'Nothing to save.');
  if (request.kind === 'png' && !data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new HandlerError('BAD_REQUEST', 'The content is not a PNG image.');
  }
  if (
    request.kind === 'svg' &&
    !/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/u.test(data.toString('utf8'))
  ) {
    throw new HandlerError('BAD_REQUEST', 'The content is not an SVG image.');
  }
  return data;
}

/** Asks where, then writes. Cancelling the dialog is not an error: {saved: false}. */
export async function saveFile(choose: ChooseSavePath, request: SaveRequest): Promise<SaveResult> {
  // Validate before asking: the user is never shown a dialog for content that cannot be written.
  const data = decodeContent(request);
  const defaultName = defaultSaveName(request.suggestedName, request.kind);
  const chosen = await choose({ defaultName, kind: request.kind });
  if (chosen === null || chosen.trim() === '') return { saved: false };
  const target = withExtension(path.resolve(chosen), request.kind);
  await writeFileAtomic(target, data, { fsync: true });
  return { saved: true, path: target };
}

/**
 * A save "dialog" that always answers with a file in `dir` (created on demand): the browser host
 * and the end-to-end tests, which then read the file from there. An existing file is not
 * overwritten: "name (2).csv" and so on.
 */
export function folderChooser(dir: string): ChooseSavePath {
  return async ({ defaultName, kind }) => {
    mkdirSync(dir, { recursive: true });
    const extension = SAVE_KINDS[kind].extension;
    const base = defaultName.slice(0, defaultName.length - extension.length);
    let candidate = path.join(dir, defaultName);
    for (let n = 2; existsSync(candidate); n++) candidate = path.join(dir, `${base} (${n})${extension}`);
    return candidate;
  };
}
