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

/** A code fence opening: up to three spaces, three or more ` or ~ (no ` after a ` fence). */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * A Markdown note: kept as written, but nothing in it may reach outside it. Raw HTML is shown as
 * text (`<` written as an entity outside code, where entities are not read), and a code fence
 * left open is closed, so that it cannot swallow the annotations after it.
 */
function markdownNote(text: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of wellFormed(text).split(/\r\n?|\n/)) {
    if (fence !== undefined) {
      out.push(line);
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) {
      fence = open[1];
      out.push(line);
    } else out.push(escapeHtmlOutsideCode(line));
  }
  if (fence !== undefined) out.push(fence);
  return out;
}

/**
 * `<` as `&lt;` in a line, except inside code spans (which show it as it is). Backslash escapes
 * are honoured, as CommonMark reads them: an escaped backtick opens no code span. A code span
 * must close on its line here; one running over several lines has its `<` escaped, which shows
 * as `&lt;` there — never as HTML.
 */
function escapeHtmlOutsideCode(line: string): string {
  if (!line.includes('<')) return line;
  if (!line.includes('`')) return line.replaceAll('<', '&lt;');
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      let n = 1;
      while (line[i + n] === '`') n++;
      const close = closingRun(line, i + n, n);
      const end = close < 0 ? i + n : close + n;
      out += line.slice(i, end);
      i = end;
    } else {
      out += c === '<' ? '&lt;' : c;
      i++;
    }
  }
  return out;
}

/** Where the next run of exactly `n` backticks starts, at or after `from`; -1 if none. */
function closingRun(line: string, from: number, n: number): number {
  for (let i = from; i < line.length; ) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (line[i + run] === '`') run++;
    if (run === n) return i;
    i += run;
  }
  return -1;
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
      for (const item of chapter.items) out.push(...itemLines(item, options.lang), '---', '');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function itemLines(item: ExportItem, lang: ExportLang): string[] {
  const L = LABELS[lang];
  const lines: string[] = [];
  if (item.status === 'needs-review') lines.push(`**⚠ ${L.needsReviewNote}**`, '');
  if (item.motivation === 'bookmarking') {
    lines.push(`🔖 **${L.bookmark}:** ${isolateBidi(escapeMarkdownInline(item.quote))}`, '');
  } else if (item.quote.length > 0) lines.push(...blockQuote(item.quote), '');
  if (item.note.length > 0) {
    if (item.noteFormat === 'text/markdown') lines.push(...markdownNote(item.note), '');
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
