import { type Node, Parser } from 'commonmark';
import { type ExportItem, formatDate, groupItems, isolateBidi, wellFormed } from './items.js';
import { type ExportLang, LABELS } from './labels.js';

// Markdown export: one heading per document, one per chapter, then each annotation with its quote
// as a block quote, the note, colour, tags, section path, printed page, dates and a deep link.
// User text is escaped so it cannot add headings, links or raw HTML; a note written in Markdown
// keeps its formatting but its raw HTML is shown as text.

/** Escape Markdown inline syntax and HTML in plain text (one line). */
export function escapeMarkdownInline(text: string): string {
  return wellFormed(text)
    .replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, ' ');
}

/** Escape plain text that may span lines; block-level markers at line starts are escaped too. */
export function escapeMarkdownBlock(text: string): string[] {
  return wellFormed(text)
    .split(/\r\n?|\n/)
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`)
        // A backslash escapes punctuation only: "1." becomes "1\.", not "\1.".
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    );
}

/** A paragraph that follows every note in the export, to see whether a note swallows it. */
const SENTINEL = 'rr-end-of-note';

/**
 * A Markdown note: kept as written, but nothing in it may reach outside it. It is read as a
 * CommonMark reader will read it (Obsidian, Zotero, pandoc follow the same rules): if that finds
 * raw HTML, every `<` is written as an entity (code then shows `&lt;`, a price paid only then);
 * if a code fence is left open, it is closed, so that it cannot swallow the annotations after it.
 * A note without `<`, backticks or tildes can do neither, and is not parsed.
 */
function markdownNote(text: string, escapeAllHtml: boolean): string[] {
  let note = wellFormed(text).replace(/\r\n?/g, '\n');
  if (!/[<`~]/.test(note)) return note.split('\n');
  if (escapeAllHtml || hasHtml(note)) note = note.replaceAll('<', '&lt;');
  const fence = fenceLeftOpen(note);
  if (fence === undefined) return note.split('\n');
  const closed = `${note}\n${fence}`;
  if (fence !== '' && fenceLeftOpen(closed) === undefined) return closed.split('\n');
  // Not a fence, or closing it did not work (neither happens by CommonMark's rules): plain text.
  return plainNote(text);
}

function hasHtml(markdown: string): boolean {
  return parsed(markdown).some((n) => n.type === 'html_inline' || n.type === 'html_block');
}

function parsed(markdown: string): Node[] {
  const nodes: Node[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let event = walker.next(); event; event = walker.next()) if (event.entering) nodes.push(event.node);
  return nodes;
}

/**
 * The fence (``` or ~~~…) of a code block that the note leaves open, so that what follows it
 * would be code; '' when something else swallows it; undefined when nothing does.
 */
function fenceLeftOpen(note: string): string | undefined {
  // The last node that holds it: the note may hold the same words.
  const swallower = parsed(`${note}\n\n${SENTINEL}`).findLast((n) => n.literal?.includes(SENTINEL));
  if (swallower === undefined || swallower.type === 'text') return undefined;
  if (swallower.type !== 'code_block') return '';
  const opening = note.split('\n')[swallower.sourcepos[0][0] - 1] ?? '';
  return /^ {0,3}(`{3,}|~{3,})/.exec(opening)?.[1] ?? '';
}

/** Plain text: paragraphs split at blank lines, line breaks kept as hard breaks. */
function plainNote(text: string): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  const end = () => {
    if (paragraph.length > 0) out.push(paragraph.map(isolateBidi).join('\\\n'), '');
    paragraph = [];
  };
  for (const line of escapeMarkdownBlock(text)) {
    if (line.trim().length === 0) end();
    else paragraph.push(line);
  }
  end();
  return out;
}

function blockQuote(text: string): string[] {
  return escapeMarkdownBlock(text).map((line) => (line.trim().length === 0 ? '>' : `> ${isolateBidi(line)}`));
}

export interface MarkdownOptions {
  lang: ExportLang;
  /** Export date shown in the header (default now). */
  now?: Date;
}

export function exportMarkdown(items: readonly ExportItem[], options: MarkdownOptions): string {
  const markdown = assemble(items, options, false);
  // One note's link reference definition ("[b]: /x") applies to every other note, and can change
  // how one of them reads ("[a [b] c](<img …>)" is a link alone, raw HTML beside it). When a
  // note may define one and a note has a "<", the whole export is read again, and if it holds
  // raw HTML, every "<" of every note is written as an entity. (A definition always holds "]:",
  // wherever it is: at a line's start, in a quote, in a list.)
  const notes = items.filter((i) => i.noteFormat === 'text/markdown').map((i) => i.note);
  const risky = notes.some((n) => n.includes(']:')) && notes.some((n) => n.includes('<'));
  return risky && hasHtml(markdown) ? assemble(items, options, true) : markdown;
}

function assemble(items: readonly ExportItem[], options: MarkdownOptions, escapeAllHtml: boolean): string {
  const L = LABELS[options.lang];
  const out: string[] = [
    `# ${L.title}`,
    '',
    L.exported(formatDate((options.now ?? new Date()).toISOString()), items.length),
    '',
  ];
  if (items.length === 0) out.push(L.empty, '');
  for (const group of groupItems(items)) {
    out.push(`## ${isolateBidi(escapeMarkdownInline(group.docTitle))}`, '');
    for (const chapter of group.chapters) {
      const title = chapter.needsReview
        ? `⚠ ${L.needsReview}`
        : escapeMarkdownInline(chapter.title ?? L.noChapter);
      out.push(`### ${isolateBidi(title)}`, '');
      for (const item of chapter.items) out.push(...itemLines(item, options.lang, escapeAllHtml), '---', '');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function itemLines(item: ExportItem, lang: ExportLang, escapeAllHtml: boolean): string[] {
  const L = LABELS[lang];
  const lines: string[] = [];
  if (item.status === 'needs-review') lines.push(`**⚠ ${L.needsReviewNote}**`, '');
  if (item.motivation === 'bookmarking') {
    lines.push(`🔖 **${L.bookmark}:** ${isolateBidi(escapeMarkdownInline(item.quote))}`, '');
  } else if (item.quote.length > 0) lines.push(...blockQuote(item.quote), '');
  if (item.note.length > 0) {
    if (item.noteFormat === 'text/markdown') lines.push(...markdownNote(item.note, escapeAllHtml), '');
    else lines.push(...plainNote(item.note));
  }
  const meta: string[] = [];
  if (item.color) meta.push(`- ${L.color}: ${L.colors[item.color]}`);
  if (item.tags.length > 0) {
    meta.push(`- ${L.tags}: ${item.tags.map((t) => isolateBidi(escapeMarkdownInline(t))).join(', ')}`);
  }
  if (item.sectionPath.length > 0 || item.page !== undefined) {
    const where = item.sectionPath.map((t) => isolateBidi(escapeMarkdownInline(t))).join(' › ');
    const page = item.page !== undefined ? L.page(item.page) : '';
    meta.push(`- ${L.section}: ${[where, page].filter(Boolean).join(' · ')}`);
  }
  meta.push(`- ${L.created}: ${formatDate(item.created)} · ${L.modified}: ${formatDate(item.modified)}`);
  if (item.link) meta.push(`- [${L.open}](<${item.link}>)`);
  lines.push(...meta, '');
  return lines;
}
