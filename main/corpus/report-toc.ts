import { headingKey, similarity } from './text.js';
import type { SectionLevel, SectionRole } from './types.js';

// The report's printed table of contents (目录) is the truth for its structure: every entry is
// matched, in order, to its heading in the body, and carries the printed page number.

export interface TocEntry {
  title: string;
  page: number;
  level: SectionLevel;
  role?: SectionRole;
  /** Line index (0-based) in the source where the entry is printed. */
  tocLine: number;
}

export interface MatchedTocEntry extends TocEntry {
  /** Line index of the heading in the body. */
  bodyLine: number;
  /** The heading as printed in the body, when it differs from the TOC wording. */
  bodyTitle?: string;
}

const TOC_TITLE = /^目\s*录$/u;
const TOC_ENTRY = /^(.+?)[\s.…·]*\t\s*(\d+)\s*$/u;
const PART = /^.{2}篇$/u;
const SECTION = /^[一二三四五六七八九十]+、/u;
const AFTERWORD = '编后语';

function levelOf(title: string): { level: SectionLevel; role?: SectionRole } {
  if (title === AFTERWORD) return { level: 'part', role: 'afterword' };
  if (PART.test(title)) return { level: 'part' };
  if (SECTION.test(title)) return { level: 'section' };
  return { level: 'chapter' };
}

export interface TocScan {
  entries: TocEntry[];
  /** Index of the 目录 line. */
  tocStart: number;
  /** Index of the first line after the table of contents. */
  bodyStart: number;
}

export function scanToc(lines: readonly string[]): TocScan {
  const tocStart = lines.findIndex((line) => TOC_TITLE.test(line.trim()));
  if (tocStart < 0) throw new Error('report: no table of contents (目录) found');
  const entries: TocEntry[] = [];
  let i = tocStart + 1;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const match = TOC_ENTRY.exec(line);
    if (!match) break;
    const title = (match[1] ?? '').trim();
    entries.push({ title, page: Number(match[2]), tocLine: i, ...levelOf(title) });
  }
  return { entries, tocStart, bodyStart: i };
}

/** The least similarity at which a TOC entry is accepted for a differently worded body heading. */
const FUZZY_THRESHOLD = 0.85;

/**
 * Finds each entry's heading in the body, in order. An exact match (ignoring spaces, dot leaders
 * and footnote markers) is taken first; otherwise the most similar line before the next entry's
 * exact match, if it is similar enough.
 */
export function matchToc(
  entries: readonly TocEntry[],
  lines: readonly string[],
  bodyStart: number,
): MatchedTocEntry[] {
  const keys = lines.map((line) => headingKey(line));
  const findExact = (key: string, from: number): number => {
    for (let i = from; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  };
  const matched: MatchedTocEntry[] = [];
  let cursor = bodyStart;
  entries.forEach((entry, index) => {
    const key = headingKey(entry.title);
    const exact = findExact(key, cursor);
    const next = entries[index + 1];
    const nextExact = next ? findExact(headingKey(next.title), cursor) : keys.length;
    if (exact >= 0 && (nextExact < 0 || exact <= nextExact)) {
      matched.push({ ...entry, bodyLine: exact });
      cursor = exact + 1;
      return;
    }
    const limit = nextExact >= 0 ? nextExact : keys.length;
    let best = -1;
    let bestScore = 0;
    for (let i = cursor; i < limit; i++) {
      const candidate = keys[i] ?? '';
      if (candidate === '' || candidate.length > key.length * 2) continue;
      const score = similarity(key, candidate);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0 || bestScore < FUZZY_THRESHOLD) {
      throw new Error(`report: TOC entry "${entry.title}" (p. ${entry.page}) has no heading in the body`);
    }
    matched.push({ ...entry, bodyLine: best, bodyTitle: (lines[best] ?? '').trim() });
    cursor = best + 1;
  });
  return matched;
}
