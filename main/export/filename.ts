import sanitize from 'sanitize-filename';
import type { ExportLang } from './labels.js';

// Default file names for the save dialog. sanitize-filename removes what no file system accepts
// (/ \ ? < > : * | " and control characters, "." and "..", Windows device names, trailing dots and
// spaces). Around it we add what it lacks:
//   - bidi controls and zero-width characters are removed (a right-to-left override can disguise
//     "note‮dm.exe" as "noteexe.md"), and lone surrogates;
//   - a Windows device name (CON, NUL.txt) is kept readable as "_CON" rather than dropped;
//   - the result is at most 200 UTF-8 bytes, cut only at grapheme boundaries, extension kept.

const INVISIBLE = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_BYTES = 200;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

function bytes(text: string): number {
  return encoder.encode(text).length;
}

function truncateGraphemes(text: string, maxBytes: number): string {
  if (bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = bytes(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}

/**
 * A file name safe on Windows, macOS and Linux. `extension` (with its dot, e.g. ".md") is kept
 * intact; `fallback` is used when nothing usable is left.
 */
export function sanitizeFileName(name: string, extension = '', fallback = 'annotations'): string {
  let base = name
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC')
    .replace(INVISIBLE, '');
  if (WINDOWS_RESERVED.test(base.trim())) base = `_${base.trim()}`;
  base = sanitize(base, { replacement: ' ' }).replace(/\s+/g, ' ').trim();
  if (extension && base.toLowerCase().endsWith(extension.toLowerCase()))
    base = base.slice(0, -extension.length);
  base = truncateGraphemes(base, MAX_BYTES - bytes(extension))
    .replace(/[. ]+$/, '')
    .replace(/^[. ]+/, '');
  if (base.length === 0) base = fallback;
  if (WINDOWS_RESERVED.test(base) || WINDOWS_RESERVED.test(`${base}${extension}`)) base = `_${base}`;
  return `${base}${extension}`;
}

export const EXPORT_EXTENSIONS = { md: '.md', html: '.html', csv: '.csv', json: '.json' } as const;
export type ExportFormat = keyof typeof EXPORT_EXTENSIONS;

/** "Report Reader notes – <document> 2024-05-01.md" / "阅读笔记 – <文档> 2024-05-01.md". */
export function defaultExportFileName(options: {
  format: ExportFormat;
  lang: ExportLang;
  date?: Date;
  docTitle?: string;
}): string {
  const day = (options.date ?? new Date()).toISOString().slice(0, 10);
  const base = options.lang === 'zh' ? '阅读笔记' : 'Report Reader notes';
  const doc = options.docTitle ? ` – ${options.docTitle}` : '';
  return sanitizeFileName(`${base}${doc} ${day}`, EXPORT_EXTENSIONS[options.format]);
}
