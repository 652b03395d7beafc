import { buildDataset, datasetIdFor, parseFigureCaption, parseTableCaption } from './datasets.js';
import { DocumentBuilder, type DraftBlock, type FootnoteDiagnostics } from './document-builder.js';
import { type MatchedTocEntry, matchToc, scanToc } from './report-toc.js';
import {
  codePointLength,
  endsSentence,
  extractMarkers,
  joinHalves,
  LEADING_FOOTNOTE_MARKER,
} from './text.js';
import type { DocMeta, ParsedDocument } from './types.js';

// Parses the report: title page, the printed table of contents (matched to the body), and the body
// as text extracted from a PDF — paragraphs cut at page breaks, footnotes wherever a page ended,
// figures surviving only as captions, tables as tab-separated print layout.

export interface ReportDiagnostics extends FootnoteDiagnostics {
  toc: MatchedTocEntry[];
  /** Paragraph halves joined across a page break (first half's ending, second half's start). */
  joins: { before: string; after: string }[];
}

export interface ParsedReport {
  document: ParsedDocument;
  diagnostics: ReportDiagnostics;
}

const SUBSECTION = /^[（(][一二三四五六七八九十]+[)）]\s*/u;
const FIGURE = /^图\s*\d+-\d+\s*[：:]/u;
const TABLE = /^表\s*\d+-\d+\s*[：:]/u;
const NOTE = /^注\s*[：:]/u;
const SOURCE = /^(资料|数据)来源\s*[：:]/u;
/** A wrapped URL continuing the footnote above it. */
const FOOTNOTE_CONTINUATION = /^<https?:/u;
const HAS_LETTERS = /[A-Za-z]/u;

export function parseReport(raw: string, meta: DocMeta): ParsedReport {
  const lines = raw.replace(/\r\n?/gu, '\n').split('\n');
  const { entries, tocStart, bodyStart } = scanToc(lines);
  const toc = matchToc(entries, lines, bodyStart);
  const builder = new DocumentBuilder(meta);
  const joins: ReportDiagnostics['joins'] = [];

  addTitlePage(builder, lines.slice(0, tocStart));

  toc.forEach((entry, index) => {
    const end = toc[index + 1]?.bodyLine ?? lines.length;
    const options = { page: entry.page, ...(entry.role ? { role: entry.role } : {}) };
    builder.openSection(entry.level, entry.title, options);
    const heading = extractMarkers((lines[entry.bodyLine] ?? '').trim());
    builder.addBlock('heading', heading.text, heading.markers);
    walkBody(builder, lines.slice(entry.bodyLine + 1, end), entry.level === 'part', joins);
  });

  return { document: builder.finish(), diagnostics: { toc, joins, ...builder.diagnostics() } };
}

function addTitlePage(builder: DocumentBuilder, lines: string[]): void {
  const text = lines.map((l) => l.trim()).filter((l) => l !== '');
  builder.openSection('part', '封面', { role: 'front-matter' });
  // The English title is printed over two lines; it is one title.
  const english = text.filter((l) => HAS_LETTERS.test(l)).join(' ');
  const [first, ...rest] = text.filter((l) => !HAS_LETTERS.test(l));
  if (first) builder.addBlock('heading', first);
  if (english) builder.addBlock('paragraph', english, [], 'en');
  for (const line of rest) builder.addBlock('paragraph', line);
}

/**
 * `（一）…` lines are subsection headings, except in sections where they number a list of
 * sentences (some item ends with 。): there every item is a paragraph, even one cut by a page break.
 */
function numberedItemsAreList(lines: readonly string[]): boolean {
  return lines.some((l) => SUBSECTION.test(l.trim()) && /[。；]$/u.test(l.trim()));
}

function walkBody(
  builder: DocumentBuilder,
  lines: readonly string[],
  underPart: boolean,
  joins: ReportDiagnostics['joins'],
): void {
  const listItems = numberedItemsAreList(lines);
  /** The last paragraph, while it still lacks its sentence end (cut by a page break). */
  let open: DraftBlock | undefined;
  let lastFootnote: DraftBlock | undefined;
  let lastFigure: { draft: DraftBlock; index: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;

    const footnoteMarker = LEADING_FOOTNOTE_MARKER.exec(line)?.[1];
    if (footnoteMarker) {
      lastFootnote = builder.addFootnote(footnoteMarker, line.slice(footnoteMarker.length).trim());
      continue;
    }
    if (lastFootnote && FOOTNOTE_CONTINUATION.test(line)) {
      lastFootnote.text = `${lastFootnote.text}${line}`;
      continue;
    }
    lastFootnote = undefined;

    if (FIGURE.test(line)) {
      lastFigure = { draft: addFigure(builder, line), index: builder.figures.length - 1 };
      continue;
    }
    if (TABLE.test(line)) {
      i = addTable(builder, lines, i);
      continue;
    }
    if (SOURCE.test(line) || NOTE.test(line)) {
      const type = NOTE.test(line) ? 'note' : 'source';
      const { text, markers } = extractMarkers(line);
      builder.addBlock(type, text, markers);
      const figure = lastFigure && builder.figures[lastFigure.index];
      if (figure && type === 'source' && figure.source === undefined) figure.source = text;
      continue;
    }
    lastFigure = undefined;

    if (SUBSECTION.test(line) && !listItems && !endsSentence(line)) {
      const { text, markers } = extractMarkers(line);
      builder.openSection('subsection', subsectionTitle(text));
      builder.addBlock('heading', text, markers);
      open = undefined;
      continue;
    }

    const { text, markers } = extractMarkers(line);
    if (open) {
      joins.push({ before: open.text.slice(-12), after: text.slice(0, 12) });
      const joined = joinHalves(open.text, text);
      const shift = codePointLength(joined) - codePointLength(text);
      builder.addMarkers(
        open,
        markers.map((m) => ({ marker: m.marker, offset: m.offset + shift })),
      );
      open.text = joined;
    } else {
      const isPartIntro = underPart && builder.currentSection?.level === 'part';
      open = builder.addBlock(isPartIntro ? 'lead' : 'paragraph', text, markers);
    }
    if (endsSentence(open.text)) open = undefined;
  }
}

/** Titles use the full-width numbering most headings are printed with: "(二) 国内…" → "（二）国内…". */
function subsectionTitle(text: string): string {
  return text.replace(/^[（(]([一二三四五六七八九十]+)[)）]\s*/u, '（$1）').trim();
}

function addFigure(builder: DocumentBuilder, line: string): DraftBlock {
  const parsed = parseFigureCaption(line);
  if (!parsed) throw new Error(`report: unreadable figure caption: ${line}`);
  const { text, markers } = extractMarkers(line);
  const draft = builder.addBlock('figure', text, markers);
  const id = `figure-${parsed.number.replace(/^图\s*/u, '')}`;
  draft.figureId = id;
  builder.figures.push({
    id,
    number: parsed.number,
    caption: parsed.caption,
    hasData: false,
    docId: builder.meta.id,
    sectionId: '',
    blockId: '',
  });
  return draft;
}

/**
 * Adds a table block and its dataset. Returns the index of the last line consumed: the caption,
 * the tab-separated rows, and the 注/资料来源 lines printed under the table.
 */
function addTable(builder: DocumentBuilder, lines: readonly string[], captionIndex: number): number {
  const caption = (lines[captionIndex] ?? '').trim();
  const parsed = parseTableCaption(caption);
  if (!parsed) throw new Error(`report: unreadable table caption: ${caption}`);
  const tableLines: string[] = [];
  const noteLines: string[] = [];
  const sourceLines: string[] = [];
  let i = captionIndex + 1;
  let last = captionIndex;
  for (; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '') continue;
    if (raw.includes('\t') && noteLines.length === 0 && sourceLines.length === 0) tableLines.push(raw);
    else if (NOTE.test(line)) noteLines.push(line);
    else if (SOURCE.test(line)) sourceLines.push(line);
    else break;
    last = i;
  }
  const id = datasetIdFor(parsed.number);
  const draft = builder.addBlock('table', caption);
  draft.datasetId = id;
  for (const note of noteLines) builder.addBlock('note', note);
  for (const source of sourceLines) builder.addBlock('source', source);
  builder.datasets.push(
    buildDataset({
      caption,
      tableLines,
      sourceLines,
      noteLines,
      ids: { id, docId: builder.meta.id, sectionId: '', blockId: '' },
    }),
  );
  return last;
}
