import { anchorAnnotation, applyAnchor } from '../annotations/anchor.js';
import {
  type AnchorStatus,
  type Annotation,
  type AnnotationFilter,
  type Color,
  fragmentOf,
  type Motivation,
  matchesFilter,
  type NoteFormat,
  noteBodyOf,
  noteOf,
  quoteOf,
  selectedText,
  statusOf,
  tagsOf,
} from '../annotations/model.js';
import type { BundleStore } from '../corpus/bundle-store.js';
import { buildDeepLink } from '../deeplink/deeplink.js';
import type { ExportLang } from './labels.js';

// What every export format prints about one annotation, resolved against the bundle once.

export interface ExportItem {
  annotation: Annotation;
  id: string;
  motivation: Motivation;
  status: AnchorStatus;
  docId: string;
  /** The document's title in the export language (the id when the document is unknown). */
  docTitle: string;
  blockId: string | undefined;
  sectionId: string | undefined;
  /** Section titles from the top of the document down. */
  sectionPath: string[];
  /** The chapter the item is grouped under (the first 'chapter'-level section on its path). */
  chapter: { id: string; title: string } | undefined;
  /** Printed page of the section, where the source prints one. */
  page: number | undefined;
  /** The text the annotation covers now; the original selection when it needs review. */
  quote: string;
  note: string;
  noteFormat: NoteFormat;
  color: Color | undefined;
  tags: string[];
  created: string;
  modified: string;
  link: string | undefined;
  /** Reading order: document, block, offset. */
  order: [number, number, number];
}

export interface PrepareOptions {
  lang: ExportLang;
  filter?: AnnotationFilter;
  /** Re-anchor against the bundle first (default true). The input objects are not modified. */
  reanchor?: boolean;
}

function tryLink(docId: string, blockId: string | undefined): string | undefined {
  try {
    return buildDeepLink(blockId ? { docId, blockId } : { docId });
  } catch {
    return undefined;
  }
}

/** Filter, re-anchor, resolve and sort annotations for export. */
export function prepareExport(
  bundle: BundleStore | undefined,
  annotations: readonly Annotation[],
  options: PrepareOptions,
): ExportItem[] {
  const docOrder = new Map<string, number>();
  const blockOrder = new Map<string, number>();
  for (const [i, doc] of (bundle?.documents() ?? []).entries()) {
    docOrder.set(doc.meta.id, i);
    for (const [j, block] of doc.blocks.entries()) blockOrder.set(block.id, j);
  }
  const items: ExportItem[] = [];
  for (const original of annotations) {
    if (!matchesFilter(original, { ...options.filter, status: undefined })) continue;
    const a =
      bundle && options.reanchor !== false
        ? applyAnchor(original, anchorAnnotation(bundle, original))
        : original;
    if (options.filter?.status !== undefined && statusOf(a) !== options.filter.status) continue;
    items.push(resolveItem(bundle, a, options.lang, docOrder, blockOrder));
  }
  items.sort(
    (x, y) =>
      x.order[0] - y.order[0] ||
      x.order[1] - y.order[1] ||
      x.order[2] - y.order[2] ||
      x.created.localeCompare(y.created) ||
      x.id.localeCompare(y.id),
  );
  return items;
}

function resolveItem(
  bundle: BundleStore | undefined,
  a: Annotation,
  lang: ExportLang,
  docOrder: Map<string, number>,
  blockOrder: Map<string, number>,
): ExportItem {
  const docId = a.target.source;
  const doc = bundle?.document(docId);
  const status = statusOf(a);
  const placed = status === 'anchored' && doc !== undefined;
  const fragment = fragmentOf(a);
  const quote = quoteOf(a);
  let blockId: string | undefined;
  let sectionId: string | undefined;
  let text = quote?.exact ?? '';
  let offset = 0;
  if (placed && fragment && bundle) {
    const block = bundle.block(fragment.value);
    if (block && block.docId === docId) {
      blockId = block.id;
      sectionId = block.sectionId;
      const refined = fragment.refinedBy;
      if (refined) {
        text = selectedText(block.text, refined.start, refined.end) ?? text;
        offset = refined.start;
      } else if (!quote) text = block.text;
    } else if (bundle.section(fragment.value) && fragment.value.startsWith(`${docId}.`)) {
      sectionId = fragment.value;
      blockId = fragment.value;
      text = bundle.section(fragment.value)?.title ?? text;
    }
  }
  const path = sectionId && bundle ? bundle.sectionPath(sectionId) : [];
  const chapterEntry =
    path.find((entry) => bundle?.section(entry.id)?.level === 'chapter') ??
    (path.length > 0 ? path[0] : undefined);
  const section = sectionId ? bundle?.section(sectionId) : undefined;
  const block = blockId ? bundle?.block(blockId) : undefined;
  const color = a['rr:color'];
  return {
    annotation: a,
    id: a.id,
    motivation: a.motivation,
    status: bundle ? (placed && sectionId ? 'anchored' : 'needs-review') : status,
    docId,
    docTitle: doc ? doc.meta.title[lang] || doc.meta.title.zh : docId,
    blockId,
    sectionId,
    sectionPath: path.map((entry) => entry.title),
    chapter: chapterEntry ? { id: chapterEntry.id, title: chapterEntry.title } : undefined,
    page: section?.page ?? block?.page,
    quote: text,
    note: noteOf(a),
    noteFormat: noteBodyOf(a)?.format ?? 'text/plain',
    color,
    tags: tagsOf(a),
    created: a.created,
    modified: a.modified,
    link: doc ? tryLink(docId, placed ? blockId : undefined) : undefined,
    order: [
      docOrder.get(docId) ?? Number.MAX_SAFE_INTEGER,
      placed && blockId ? (blockOrder.get(blockId) ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER,
      offset,
    ],
  };
}

export interface ExportGroup {
  docId: string;
  docTitle: string;
  chapters: { key: string; title: string | undefined; needsReview: boolean; items: ExportItem[] }[];
}

/** Items grouped by document, then chapter; items that need review last in their document. */
export function groupItems(items: readonly ExportItem[]): ExportGroup[] {
  const groups: ExportGroup[] = [];
  for (const item of items) {
    let group = groups.find((g) => g.docId === item.docId);
    if (!group) {
      group = { docId: item.docId, docTitle: item.docTitle, chapters: [] };
      groups.push(group);
    }
    const needsReview = item.status === 'needs-review';
    const key = needsReview ? '\u0000needs-review' : (item.chapter?.id ?? '\u0000none');
    let chapter = group.chapters.find((c) => c.key === key);
    if (!chapter) {
      chapter = { key, title: needsReview ? undefined : item.chapter?.title, needsReview, items: [] };
      group.chapters.push(chapter);
    }
    chapter.items.push(item);
  }
  for (const g of groups) g.chapters.sort((x, y) => Number(x.needsReview) - Number(y.needsReview));
  return groups;
}

/** "2024-05-01 14:03 UTC" from an ISO date-time. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what we replace
const NOT_WELL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/** Text safe to write as UTF-8: lone surrogates and NUL become U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(NOT_WELL_FORMED, '\uFFFD');
}

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Wrap text containing bidi controls in an isolate (FSI…PDI) so it cannot reorder what follows. */
export function isolateBidi(text: string): string {
  return BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text;
}
