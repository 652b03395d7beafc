import type { Annotation, AnnotationCollection, AnnotationFilter } from '../annotations/model.js';
import type { BundleStore } from '../corpus/bundle-store.js';
import { exportCsv } from './csv.js';
import { defaultExportFileName, EXPORT_EXTENSIONS, type ExportFormat } from './filename.js';
import { exportHtml } from './html.js';
import { prepareExport } from './items.js';
import { exportJson } from './json.js';
import type { ExportLang } from './labels.js';
import { exportMarkdown } from './markdown.js';

export { exportCsv, neutraliseFormula } from './csv.js';
export { defaultExportFileName, EXPORT_EXTENSIONS, type ExportFormat, sanitizeFileName } from './filename.js';
export { escapeHtml, exportHtml, HTML_CSP } from './html.js';
export { type ExportItem, prepareExport } from './items.js';
export { exportJson } from './json.js';
export { type ExportLang, LABELS } from './labels.js';
export { exportMarkdown } from './markdown.js';

export const EXPORT_FORMATS = Object.keys(EXPORT_EXTENSIONS) as ExportFormat[];

export const MIME_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
};

export interface ExportRequest {
  format: ExportFormat;
  lang: ExportLang;
  /** Only annotations matching every given field (document, colour, tag…). */
  filter?: AnnotationFilter;
  /** Date printed in the header and the default file name (default now). */
  now?: Date;
}

export interface ExportResult {
  /** The file's text (CSV starts with a BOM); write it as UTF-8. */
  content: string;
  mimeType: string;
  /** Suggested name for the save dialog, already sanitised. */
  fileName: string;
  /** How many annotations were exported, and how many of those need review. */
  count: number;
  needsReview: number;
}

/**
 * Export annotations: filtered, re-anchored against the bundle (the inputs are not modified;
 * annotations that need review are exported too, marked), in reading order.
 */
export function exportAnnotations(
  bundle: BundleStore | undefined,
  source: AnnotationCollection | readonly Annotation[],
  request: ExportRequest,
): ExportResult {
  const annotations = Array.isArray(source)
    ? (source as readonly Annotation[])
    : (source as AnnotationCollection).items;
  const items = prepareExport(bundle, annotations, { lang: request.lang, filter: request.filter ?? {} });
  const now = request.now ?? new Date();
  let content: string;
  switch (request.format) {
    case 'md':
      content = exportMarkdown(items, { lang: request.lang, now });
      break;
    case 'html':
      content = exportHtml(items, { lang: request.lang, now });
      break;
    case 'csv':
      content = exportCsv(items, { lang: request.lang });
      break;
    case 'json':
      content = exportJson(
        items.map((i) => i.annotation),
        Array.isArray(source) ? undefined : (source as AnnotationCollection),
      );
      break;
  }
  const docId = request.filter?.docId;
  const doc = docId ? bundle?.document(docId) : undefined;
  return {
    content,
    mimeType: MIME_TYPES[request.format],
    fileName: defaultExportFileName({
      format: request.format,
      lang: request.lang,
      date: now,
      ...(doc ? { docTitle: doc.meta.title[request.lang] } : {}),
    }),
    count: items.length,
    needsReview: items.filter((i) => i.status === 'needs-review').length,
  };
}
