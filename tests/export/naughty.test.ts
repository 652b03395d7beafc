import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Parser } from 'commonmark';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCollectionText, readCollectionFile } from '../../main/annotations/codec.js';
import { type Annotation, emptyCollection, newAnnotation, textTarget } from '../../main/annotations/model.js';
import { AnnotationStore } from '../../main/annotations/store.js';
import { exportAnnotations, sanitizeFileName } from '../../main/export/index.js';
import { bundleStore, htmlProblems, paragraphIn, parseCsv } from './helpers.js';
import { NAUGHTY_STRINGS } from './naughty-strings.js';

// Exports fuzzed with hostile strings in every user-controlled field: notes (Markdown and plain),
// tags, and quotes of annotations that need review. JSON must round-trip them exactly; HTML must
// stay inert; Markdown must not let raw HTML through; CSV must not start a cell with a formula.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-naughty-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function naughtyAnnotations(): Annotation[] {
  const block = paragraphIn('保险服务');
  const out: Annotation[] = [];
  for (const [i, s] of NAUGHTY_STRINGS.entries()) {
    const tag = s.normalize('NFC').trim();
    const tags = tag.length > 0 && tag.length <= 200 ? [s] : [];
    out.push(
      newAnnotation({
        target: textTarget(block, 0, 10),
        note: s,
        noteFormat: i % 2 ? 'text/plain' : 'text/markdown',
        tags,
      }),
    );
    if (s.length > 0) {
      out.push(
        newAnnotation({
          target: {
            source: 'report',
            selector: [{ type: 'TextQuoteSelector', exact: s, prefix: s.slice(0, 10) }],
          },
          note: s,
          color: 'purple',
        }),
      );
    }
  }
  return out;
}

const items = naughtyAnnotations();
const collection = { ...emptyCollection(), items };

describe('exports with naughty strings', () => {
  it(`covers ${NAUGHTY_STRINGS.length} strings`, () => {
    expect(NAUGHTY_STRINGS.length).toBeGreaterThanOrEqual(100);
  });

  it('round-trips every string exactly through JSON export and import', async () => {
    const json = exportAnnotations(bundleStore(), collection, { format: 'json', lang: 'en' }).content;
    const parsed = parseCollectionText(json).collection;
    const byId = new Map(parsed.items.map((a) => [a.id, a]));
    for (const a of items) {
      const back = byId.get(a.id);
      expect(back?.body).toEqual(a.body);
      expect(back?.target.selector.find((s) => s.type === 'TextQuoteSelector')).toEqual(
        a.target.selector.find((s) => s.type === 'TextQuoteSelector'),
      );
    }
    // Through the file system and the store's import as well.
    const file = path.join(tmp, 'export.json');
    writeFileSync(file, json, 'utf8');
    const store = new AnnotationStore(path.join(tmp, 'store'));
    const summary = await store.importCollection((await readCollectionFile(file)).collection);
    expect(summary).toEqual({ added: items.length, updated: 0, unchanged: 0 });
    const reopened = await new AnnotationStore(path.join(tmp, 'store')).list();
    const notes = new Map(reopened.map((a) => [a.id, a.body[0]?.value]));
    for (const a of items) expect(notes.get(a.id)).toBe(a.body[0]?.value);
    // Importing again changes nothing.
    expect(await store.importCollection(parsed)).toEqual({ added: 0, updated: 0, unchanged: items.length });
  });

  it.each(['en', 'zh'] as const)('keeps the HTML inert (%s)', (lang) => {
    const html = exportAnnotations(bundleStore(), collection, { format: 'html', lang }).content;
    expect(htmlProblems(html)).toEqual([]);
    // The check itself is not vacuous.
    expect(htmlProblems(html.replace('</main>', '<img src=x onerror=alert(1)></main>'))).not.toEqual([]);
    expect(htmlProblems(html.replace('</main>', '<script>alert(1)</script></main>'))).not.toEqual([]);
    expect(html).not.toContain('\u0000');
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('lets no raw HTML through Markdown (as a CommonMark reader parses it)', () => {
    const md = exportAnnotations(bundleStore(), collection, { format: 'md', lang: 'en' }).content;
    const html: string[] = [];
    let links = 0;
    const walker = new Parser().parse(md).walker();
    for (let event = walker.next(); event; event = walker.next()) {
      const { node, entering } = event;
      if (!entering) continue;
      if (node.type === 'html_inline' || node.type === 'html_block') html.push(node.literal ?? '');
      if (node.type === 'link' && node.destination?.startsWith('report-reader://open?')) links++;
    }
    expect(html).toEqual([]);
    // Every annotation's link is a link: no note swallowed the rest of the file.
    expect(links).toBe(items.length);
    expect(md).not.toContain('\u0000');
  });

  it('starts no CSV cell with a formula character', () => {
    const csv = exportAnnotations(bundleStore(), collection, { format: 'csv', lang: 'en' }).content;
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(items.length + 1);
    const FORMULA = /^[\s\u200B-\u200F\u2028-\u202F\u205F-\u206F\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
    for (const row of rows) {
      expect(row).toHaveLength(13);
      for (const cell of row) expect(FORMULA.test(cell) || /^[\t\r\n]/.test(cell)).toBe(false);
    }
    // Notes survive apart from the apostrophe guard (and NUL / lone surrogates, which become U+FFFD).
    const notes = rows.slice(1).map((r) => r[5]);
    expect(notes).toContain("'=1+1");
    expect(notes).toContain("'＝1+1");
    expect(notes).toContain('<script>alert(1)</script>');
  });

  it('turns every string into a usable file name', () => {
    for (const s of NAUGHTY_STRINGS) {
      const name = sanitizeFileName(s, '.md');
      expect(name.endsWith('.md')).toBe(true);
      expect(name.length).toBeGreaterThan(3);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not survive
      expect(name).not.toMatch(/[/\\?<>:*|"\u0000-\u001F\u202A-\u202E]/);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
    }
  });
});
