import { DocumentBuilder, type SectionOptions } from './document-builder.js';
import { endsSentence, extractMarkers, LEADING_FOOTNOTE_MARKER, stripMarkers } from './text.js';
import type { DocMeta, Lang, ParsedDocument, SectionLevel } from './types.js';

// Parser for the academic paper (assets/corpus/004_…): a PDF text export of a two-column journal
// page layout. What the file looks like, measured on the real text:
//
// - Body lines are hard-wrapped at the column width (about 22 Han characters) with a blank line
//   between every two wrapped lines. A line starting with a space begins a new printed page.
// - Line 1 is the paper's funding note (本文系中国社会科学院创新工程项目…): a note, not body text.
// - Headings are "一、…" (chapter) and "（一）…" (section); long ones wrap onto a second, short line.
//   The "一是/二是/三是" openers are paragraph text, not headings. There is no "1." level in the
//   paper: the "2./3./4." items near the end belong to the unrelated fragment and are paragraphs.
// - Page-bottom footnotes are printed as lines starting with a circled number (①…), sometimes
//   several in one run of adjacent lines (no blank line between them), inserted wherever the page
//   broke — even inside a paragraph and before the page that cites them (the footnote at line 120
//   explains the marker at line 282). Numbering restarts on each page. So the builder matches
//   footnotes to markers with its 'earliest-footnote' rule (see FootnoteMatching).
// - The running head "我国服务贸易发展成就、现实挑战与政策建议" is printed once at a page top
//   (line 692), in the middle of a paragraph.
// - The English abstract ("Abstract:"), its "Keywords:" line and then the English title close the
//   paper. Everything after the English title is the tail of an unrelated article (COVID-19 and
//   SME policy): Chinese paragraphs, then that article's English title, abstract and keywords.

/** Page header printed inside the body text; dropped wherever it stands alone on a line. */
const RUNNING_HEADS = new Set(['我国服务贸易发展成就、现实挑战与政策建议']);

/** Title of the section holding the text printed before the first numbered heading (not printed). */
const INTRO_TITLE = '引言';

/** The unrelated article's Chinese title is not in the file; this names it after its content. */
const FRAGMENT_TITLE = '附：无关文章片段（新冠肺炎疫情与中小企业精准帮扶政策）';

const CHAPTER_HEADING = /^[一二三四五六七八九十]+、/u;
const SECTION_HEADING = /^（[一二三四五六七八九十]+）/u;
const FUNDING_NOTE = /^(本文系|基金项目)/u;
const ABSTRACT_START = /^Abstract\s*[:：]/iu;
const KEYWORDS_START = /^Key\s*words\s*[:：]/iu;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;

// Paragraph-end rule (decided by measuring every line of the file, see `lineWidth`):
// A wrapped line may end with 。 in the middle of a paragraph when the sentence happens to end at
// the column edge (lines 21, 172, 688 are followed by the same paragraph). The printed paragraphs
// are indented by two characters, so a paragraph's first line is narrower: first lines measure
// 38–40 width units, while full continuation lines measure 42–46 (the continuation lines after a
// 。-line measured 43.5–45). So a paragraph ends after a line that ends a sentence when
//   (a) the next line is a heading, or
//   (b) the next line is indented (width ≤ FIRST_LINE_MAX), or
//   (c) the line itself is short (width < SHORT_LINE): a paragraph's last, partial line.
// A line that does not end a sentence never ends a paragraph.
const FIRST_LINE_MAX = 41;
const SHORT_LINE = 36;

// Heading continuation rule: the second line of a wrapped heading is short (measured 8–29) and
// does not end a sentence; the first body line after a heading is always a full, indented line
// (≥ 38). So the line after a heading line continues it when it is narrower than HEADING_TAIL_MAX,
// does not end a sentence and does not itself start a heading.
const HEADING_TAIL_MAX = 34;

/**
 * Printed width of a line in half-character units: Han characters 2; full-width punctuation 1
 * (the typesetting compresses it, so it averages about half a character); Latin letters and
 * digits 1; spaces (thin spaces around numbers in the export) 0.5.
 */
export function lineWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (HAN.test(ch)) width += 2;
    else if (ch === ' ') width += 0.5;
    else width += 1;
  }
  return width;
}

/** A printed line ends a sentence; footnote markers after the punctuation ("…。①") do not count. */
function lineEndsSentence(text: string): boolean {
  return endsSentence(stripMarkers(text));
}

function isHeadingStart(text: string): boolean {
  return CHAPTER_HEADING.test(text) || SECTION_HEADING.test(text);
}

const ASCII_ALNUM_END = /[A-Za-z0-9]$/u;
const ASCII_ALNUM_START = /^[A-Za-z0-9]/u;
const BROKEN_WORD_END = /[A-Za-z]-$/u;
const LATIN_START = /^[A-Za-z]/u;

/**
 * Joins wrapped lines. Chinese: no space, except where two Latin words/numbers meet. English:
 * a space. In both, a Latin word broken with a hyphen at the line end ("UNC-" + "TAD",
 * "arti-" + "cle", "ef-" + "fectively") is rejoined without the hyphen: every line-final hyphen
 * in this file is such a break.
 */
function joinLines(lines: readonly string[], lang: Lang): string {
  let out = '';
  for (const line of lines) {
    if (out === '') {
      out = line;
    } else if (BROKEN_WORD_END.test(out) && LATIN_START.test(line)) {
      out = out.slice(0, -1) + line;
    } else if (lang === 'en' || (ASCII_ALNUM_END.test(out) && ASCII_ALNUM_START.test(line))) {
      out = `${out} ${line}`;
    } else {
      out += line;
    }
  }
  return out;
}

/**
 * Footnote text cleanup: one footnote is exported letter-spaced ("中 华 人 民 … 部 . 我 国"). A
 * single space between two characters neither of which is a Latin letter or digit is removed;
 * spaces next to Latin words, numbers and URLs are kept ("详见 https://…").
 */
function collapseLetterSpacing(text: string): string {
  return text.replace(/(?<=[^\sA-Za-z0-9]) (?=[^\sA-Za-z0-9])/gu, '');
}

interface RawLine {
  text: string;
  /** The next physical line is non-blank (no blank line between them). */
  adjacentNext: boolean;
}

/**
 * Splits a run of footnote lines ("①…②…") into footnotes; the run's lines are joined first. Each
 * footnote's text runs from its marker to the next one.
 */
function splitFootnotes(lines: readonly string[]): { marker: string; text: string }[] {
  const { text, markers } = extractMarkers(joinLines(lines, 'zh'));
  const chars = [...text];
  return markers.map((m, k) => {
    const own = chars.slice(m.offset, markers[k + 1]?.offset ?? chars.length).join('');
    return { marker: m.marker, text: collapseLetterSpacing(own.trim()) };
  });
}

/** Groups Chinese body lines into paragraphs by the paragraph-end rule above. */
function groupParagraphs(lines: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (
      prev !== undefined &&
      lineEndsSentence(prev) &&
      (lineWidth(line) <= FIRST_LINE_MAX || lineWidth(prev) < SHORT_LINE)
    ) {
      groups.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function parsePaper(raw: string, meta: DocMeta): ParsedDocument {
  const physical = raw.split(/\r?\n/u);
  const lines: RawLine[] = [];
  physical.forEach((text, i) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    lines.push({ text: trimmed, adjacentNext: (physical[i + 1] ?? '').trim() !== '' });
  });

  const abstractAt = lines.findIndex((l) => ABSTRACT_START.test(l.text));
  const bodyLines = abstractAt >= 0 ? lines.slice(0, abstractAt) : lines;
  const tailLines = abstractAt >= 0 ? lines.slice(abstractAt) : [];

  const builder = new DocumentBuilder(meta, { footnotes: 'earliest-footnote', headingIds: 'text' });
  /** Opens a section and emits its heading block (markers: footnote markers printed in the title). */
  const openSection = (
    level: SectionLevel,
    title: string,
    options: SectionOptions = {},
    markers: { marker: string; offset: number }[] = [],
  ): void => {
    builder.openSection(level, title, options);
    builder.addBlock('heading', title, markers);
  };

  // --- Pass 1: separate the body stream from the funding note, footnotes and running heads.
  // Footnotes go to the builder as printed; it matches them to their markers when done.
  const notes: string[] = [];
  const stream: string[] = [];
  for (let i = 0; i < bodyLines.length; i++) {
    const line = bodyLines[i] as RawLine;
    if (stream.length === 0 && FUNDING_NOTE.test(line.text)) {
      notes.push(line.text);
      continue;
    }
    if (RUNNING_HEADS.has(line.text)) continue;
    if (LEADING_FOOTNOTE_MARKER.test(line.text)) {
      // A footnote run: this line and the lines printed right under it without a blank line.
      const run = [line.text];
      let last = line;
      while (last.adjacentNext && i + 1 < bodyLines.length) {
        last = bodyLines[++i] as RawLine;
        run.push(last.text);
      }
      for (const footnote of splitFootnotes(run)) builder.addFootnote(footnote.marker, footnote.text);
      continue;
    }
    stream.push(line.text);
  }

  // --- Pass 2: headings and paragraphs of the paper body.
  /** The open "一、" chapter (or the intro): "（一）" headings are its sections. */
  let chapter = false;
  let pending: string[] = [];

  const ensureSection = (): void => {
    if (builder.currentSection) return;
    openSection('chapter', INTRO_TITLE);
    chapter = true;
  };

  const flushParagraphs = (): void => {
    if (pending.length === 0) return;
    ensureSection();
    for (const group of groupParagraphs(pending)) {
      const { text, markers } = extractMarkers(joinLines(group, 'zh'));
      builder.addBlock('paragraph', text, markers);
    }
    pending = [];
  };

  // The funding note opens the intro section, before its paragraphs.
  if (notes.length > 0) {
    ensureSection();
    for (const note of notes) builder.addBlock('note', note);
  }

  for (let i = 0; i < stream.length; i++) {
    const line = stream[i] as string;
    const prev = pending[pending.length - 1];
    if (isHeadingStart(line) && (prev === undefined || lineEndsSentence(prev))) {
      flushParagraphs();
      const parts = [line];
      const next = stream[i + 1];
      if (
        next !== undefined &&
        lineWidth(next) < HEADING_TAIL_MAX &&
        !lineEndsSentence(next) &&
        !isHeadingStart(next)
      ) {
        parts.push(next);
        i++;
      }
      const { text: title, markers } = extractMarkers(joinLines(parts, 'zh'));
      if (CHAPTER_HEADING.test(title)) {
        openSection('chapter', title, {}, markers);
        chapter = true;
      } else {
        // "（一）" before any "一、" chapter: a chapter of its own.
        openSection(chapter ? 'section' : 'chapter', title, {}, markers);
      }
      continue;
    }
    pending.push(line);
  }
  flushParagraphs();

  // --- Pass 3: the English abstract, keywords and title; then the unrelated fragment.
  let t = 0;
  const takeWhile = (pred: (l: RawLine) => boolean): RawLine[] => {
    const out: RawLine[] = [];
    while (t < tailLines.length && pred(tailLines[t] as RawLine)) out.push(tailLines[t++] as RawLine);
    return out;
  };
  const readAbstract = (): { abstract: string[]; keywords: string[] } => {
    const abstract = takeWhile((l) => !KEYWORDS_START.test(l.text)).map((l) => l.text);
    const keywords: string[] = [];
    if (t < tailLines.length) {
      // The keywords line and any lines printed right under it.
      const first = tailLines[t++] as RawLine;
      keywords.push(first.text);
      let last = first;
      while (last.adjacentNext && t < tailLines.length && !HAN.test((tailLines[t] as RawLine).text)) {
        last = tailLines[t++] as RawLine;
        keywords.push(last.text);
      }
    }
    return { abstract, keywords };
  };
  /** Opens an English abstract section titled `title` and adds the abstract and keywords to it. */
  const emitAbstract = (level: SectionLevel, title: string, abstract: string[], keywords: string[]): void => {
    openSection(level, title || 'Abstract', { lang: 'en', role: 'abstract' });
    if (abstract.length > 0) builder.addBlock('paragraph', joinLines(abstract, 'en'), [], 'en');
    if (keywords.length > 0) builder.addBlock('note', joinLines(keywords, 'en'), [], 'en');
  };

  if (tailLines.length > 0) {
    const { abstract, keywords } = readAbstract();
    const enTitle = joinLines(
      takeWhile((l) => !HAN.test(l.text) && !ABSTRACT_START.test(l.text)).map((l) => l.text),
      'en',
    );
    emitAbstract('chapter', enTitle, abstract, keywords);

    if (t < tailLines.length) {
      openSection('chapter', FRAGMENT_TITLE, { role: 'unrelated-fragment' });
      const zh = takeWhile((l) => HAN.test(l.text)).map((l) => l.text);
      for (const group of groupParagraphs(zh)) {
        const { text, markers } = extractMarkers(joinLines(group, 'zh'));
        builder.addBlock('paragraph', text, markers);
      }
      const fragTitle = joinLines(
        takeWhile((l) => !ABSTRACT_START.test(l.text)).map((l) => l.text),
        'en',
      );
      const rest = readAbstract();
      // A section of the fragment: its English title and abstract.
      emitAbstract('section', fragTitle, rest.abstract, rest.keywords);
    }
  }

  return builder.finish();
}
