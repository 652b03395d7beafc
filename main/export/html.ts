import { createHash } from 'node:crypto';
import { COLORS } from '../annotations/model.js';
import { type ExportItem, formatDate, groupItems, wellFormed } from './items.js';
import { type ExportLang, LABELS } from './labels.js';

// HTML export: one self-contained, printable page. Every piece of user text is escaped; the page
// carries a Content-Security-Policy that allows nothing but its own stylesheet (by hash), so even
// markup that slipped through could not run script, load images or submit forms. No inline style
// attributes and no scripts are emitted. User text sits in <bdi> (inline) or dir="auto" blocks so
// bidi controls in a note cannot reorder the rest of the page.

const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem; color: var(--ink);
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .5rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.exported, .meta, .review { color: var(--muted); font-size: .9rem; }
article { border-left: 4px solid var(--rule); padding: .25rem 0 .25rem 1rem; margin: 1rem 0 1.5rem; break-inside: avoid; }
article.c-yellow { border-left-color: #e8c21a; } article.c-green { border-left-color: #3aa55d; }
article.c-blue { border-left-color: #3b82d6; } article.c-pink { border-left-color: #e05a9b; }
article.c-purple { border-left-color: #8e5bd6; }
blockquote { margin: 0 0 .5rem; padding: 0; font-style: normal; white-space: pre-wrap; }
.note { white-space: pre-wrap; margin: .5rem 0; }
.review { font-weight: 600; color: #a15c00; }
.meta { margin: .5rem 0 0; padding: 0; list-style: none; }
a { color: #1a5fb4; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
`;

export const HTML_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}`;
export const HTML_CSP = `default-src 'none'; style-src '${HTML_STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we replace
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escape text for HTML content and quoted attribute values; control characters become U+FFFD. */
export function escapeHtml(text: string): string {
  return wellFormed(text)
    .replace(CONTROL, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export interface HtmlOptions {
  lang: ExportLang;
  now?: Date;
}

export function exportHtml(items: readonly ExportItem[], options: HtmlOptions): string {
  const L = LABELS[options.lang];
  const body: string[] = [];
  if (items.length === 0) body.push(`<p>${escapeHtml(L.empty)}</p>`);
  for (const group of groupItems(items)) {
    body.push(`<section><h2><bdi>${escapeHtml(group.docTitle)}</bdi></h2>`);
    for (const chapter of group.chapters) {
      const title = chapter.needsReview ? `⚠ ${L.needsReview}` : (chapter.title ?? L.noChapter);
      body.push(`<h3><bdi>${escapeHtml(title)}</bdi></h3>`);
      for (const item of chapter.items) body.push(article(item, options.lang));
    }
    body.push('</section>');
  }
  const exported = L.exported(formatDate((options.now ?? new Date()).toISOString()), items.length);
  return [
    '<!doctype html>',
    `<html lang="${options.lang === 'zh' ? 'zh-Hans' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(L.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(L.title)}</h1><p class="exported">${escapeHtml(exported)}</p></header>`,
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function article(item: ExportItem, lang: ExportLang): string {
  const L = LABELS[lang];
  const color = item.color && COLORS.includes(item.color) ? item.color : undefined;
  const parts: string[] = [`<article class="c-${color ?? 'none'}">`];
  if (item.status === 'needs-review') parts.push(`<p class="review">⚠ ${escapeHtml(L.needsReviewNote)}</p>`);
  if (item.motivation === 'bookmarking') {
    parts.push(`<p>🔖 <strong>${escapeHtml(L.bookmark)}:</strong> <bdi>${escapeHtml(item.quote)}</bdi></p>`);
  } else if (item.quote.length > 0)
    parts.push(`<blockquote dir="auto">${escapeHtml(item.quote)}</blockquote>`);
  if (item.note.length > 0) parts.push(`<div class="note" dir="auto">${escapeHtml(item.note)}</div>`);
  const meta: string[] = [];
  if (color) meta.push(`${escapeHtml(L.color)}: ${escapeHtml(L.colors[color])}`);
  if (item.tags.length > 0) {
    meta.push(`${escapeHtml(L.tags)}: ${item.tags.map((t) => `<bdi>${escapeHtml(t)}</bdi>`).join(', ')}`);
  }
  if (item.sectionPath.length > 0 || item.page !== undefined) {
    const where = item.sectionPath.map((t) => `<bdi>${escapeHtml(t)}</bdi>`).join(' › ');
    const page = item.page !== undefined ? escapeHtml(L.page(item.page)) : '';
    meta.push(`${escapeHtml(L.section)}: ${[where, page].filter(Boolean).join(' · ')}`);
  }
  meta.push(
    `${escapeHtml(L.created)}: ${escapeHtml(formatDate(item.created))} · ${escapeHtml(L.modified)}: ${escapeHtml(formatDate(item.modified))}`,
  );
  if (item.link) meta.push(`<a href="${escapeHtml(item.link)}">${escapeHtml(L.open)}</a>`);
  parts.push(`<ul class="meta">${meta.map((m) => `<li>${m}</li>`).join('')}</ul>`, '</article>');
  return parts.join('\n');
}
