import {
  type Annotation,
  emptyCollection,
  newAnnotation,
  sectionTarget,
  textTarget,
} from '../../main/annotations/model.js';
import { ensureFreshBundle } from '../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import type { Block } from '../../main/corpus/types.js';
import { ROOT } from '../corpus/report-fixture.js';

let cached: BundleStore | undefined;

export function bundleStore(): BundleStore {
  if (!cached) {
    ensureFreshBundle(ROOT);
    cached = BundleStore.load(bundleDir(ROOT));
  }
  return cached;
}

/** A paragraph of the report in the chapter with the given title (e.g. 保险服务, printed p. 41). */
export function paragraphIn(chapter: string, docId = 'report'): Block {
  const store = bundleStore();
  const block = store
    .document(docId)
    ?.blocks.find(
      (b) => b.type === 'paragraph' && store.sectionPath(b.sectionId).some((s) => s.title === chapter),
    );
  if (!block) throw new Error(`no paragraph in ${chapter}`);
  return block;
}

/** A small collection: notes in two documents, a bookmark and one that needs review. */
export function sampleCollection(now = new Date('2024-05-01T08:00:00.000Z')) {
  const store = bundleStore();
  const insurance = paragraphIn('保险服务');
  const paper = store.document('paper')?.blocks.find((b) => b.type === 'paragraph') as Block;
  const section = store.document('report')?.sections[1]?.children[0];
  if (!section) throw new Error('no section');
  const c = emptyCollection();
  const items: Annotation[] = [
    newAnnotation(
      {
        target: textTarget(insurance, 0, 15),
        note: 'Insurance grew **steadily**.',
        color: 'yellow',
        tags: ['insurance', 'growth'],
      },
      now,
    ),
    newAnnotation(
      {
        target: textTarget(paper, 2, 20),
        note: '纸面笔记',
        noteFormat: 'text/plain',
        color: 'blue',
        tags: ['paper'],
      },
      now,
    ),
    newAnnotation({ target: sectionTarget('report', section), motivation: 'bookmarking' }, now),
    newAnnotation(
      {
        target: {
          source: 'report',
          selector: [
            { type: 'FragmentSelector', value: 'report.p-0000000000' },
            { type: 'TextQuoteSelector', exact: '这一段在当前文本中已经不存在了，不存在了' },
          ],
        },
        note: 'lost passage',
        color: 'pink',
        tags: ['growth'],
      },
      now,
    ),
  ];
  c.items.push(...items);
  return c;
}

/** Minimal RFC 4180 parser (quoted fields, CRLF), enough to read our own CSV back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ALLOWED_TAGS =
  /^<\/?(?:html|head|meta|title|style|body|header|h1|h2|h3|p|main|section|article|blockquote|div|ul|li|a|strong|bdi)(?:\s+(?:class|href|lang|dir|charset|http-equiv|content|name)="[^"<>]*")*\s*>/;

/**
 * Problems that would make an exported HTML page not inert: any "<" that does not start one of
 * the tags we emit (so user text never produced markup), script elements, event-handler
 * attributes, links other than our deep links, style attributes.
 */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html.replace(/<style>[^<]*<\/style>/, '<style></style>');
  if (!body.startsWith('<!doctype html>\n')) problems.push('no doctype');
  const rest = body.slice('<!doctype html>'.length);
  for (let at = rest.indexOf('<'); at >= 0; at = rest.indexOf('<', at + 1)) {
    const tag = ALLOWED_TAGS.exec(rest.slice(at, at + 600));
    if (!tag) problems.push(`unexpected "<" at ${at}: ${JSON.stringify(rest.slice(at, at + 40))}`);
  }
  if (/<script/i.test(html)) problems.push('script element');
  if (/\son[a-z]+\s*=/i.test(html.replace(/>[^<]*</g, '><'))) problems.push('event handler attribute');
  for (const m of html.matchAll(/href="([^"]*)"/g)) {
    if (!m[1]?.startsWith('report-reader://open?')) problems.push(`foreign link ${m[1]}`);
  }
  if (/\sstyle="/i.test(html)) problems.push('style attribute');
  return problems;
}
