// Text predicates shared by the parsers. Kept small and explicit because paragraph repair and
// heading detection depend on them.

const SUPERSCRIPT_DIGITS = '¹²³⁴⁵⁶⁷⁸⁹⁰';
const CIRCLED_NUMBERS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

export const FOOTNOTE_MARKER = new RegExp(`[${SUPERSCRIPT_DIGITS}]+|[${CIRCLED_NUMBERS}]`, 'gu');
export const LEADING_FOOTNOTE_MARKER = new RegExp(`^([${SUPERSCRIPT_DIGITS}]+|[${CIRCLED_NUMBERS}])`, 'u');

/** Characters that close a sentence; closing quotes and brackets may follow them. */
const SENTENCE_END = /[。！？；：…!?;:.][”’」』）)》\]]*$/u;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.trimEnd());
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The text without its footnote markers (for tests on printed lines that still carry them). */
export function stripMarkers(text: string): string {
  return text.replace(FOOTNOTE_MARKER, '');
}

/** Comparison key for headings: no whitespace, dot leaders or footnote markers; full-width folded. */
export function headingKey(text: string): string {
  return stripMarkers(text)
    .normalize('NFKC')
    .replace(/[\s.…·]+/gu, '')
    .toLowerCase();
}

const LATIN_OR_DIGIT_END = /[A-Za-z]$/u;
const LATIN_OR_DIGIT_START = /^[A-Za-z]/u;

/**
 * Joins two halves of a paragraph cut by a page break. Chinese needs no space; two Latin words do.
 * Numbers cut mid-way ("1,053," + "203亿") join without a space.
 */
export function joinHalves(first: string, second: string): string {
  const needsSpace = LATIN_OR_DIGIT_END.test(first) && LATIN_OR_DIGIT_START.test(second);
  return needsSpace ? `${first} ${second}` : `${first}${second}`;
}

export interface ExtractedMarkers {
  text: string;
  markers: { marker: string; offset: number }[];
}

/** Removes footnote markers from text, remembering where (in code points) each one stood. */
export function extractMarkers(text: string): ExtractedMarkers {
  const markers: { marker: string; offset: number }[] = [];
  let out = '';
  let outLength = 0;
  let last = 0;
  for (const match of text.matchAll(FOOTNOTE_MARKER)) {
    const before = text.slice(last, match.index);
    out += before;
    outLength += codePointLength(before);
    markers.push({ marker: match[0], offset: outLength });
    last = match.index + match[0].length;
  }
  out += text.slice(last);
  return { text: out, markers };
}

/** Similarity in [0, 1] from the longest common subsequence; used to match a TOC entry to a heading. */
export function similarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const cx of x) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      row[j] = cx === y[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, row[j - 1] ?? 0);
    }
    prev = row;
  }
  return (2 * (prev[y.length] ?? 0)) / (x.length + y.length);
}
