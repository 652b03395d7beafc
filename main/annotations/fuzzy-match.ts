import search from 'approx-string-match';
import type { Block } from '../corpus/types.js';
import type { TextQuoteSelector } from './model.js';

// Finding and scoring the places where a quote may be now (re-anchoring, see anchor.ts): exact
// occurrences, and approximate ones (approx-string-match, up to MAX_ERROR_RATIO of the quote's
// length in edits, after a q-gram filter). Each candidate is scored by how well the quote *and*
// its stored prefix/suffix match around it, weighted by their lengths, so that a short quote found
// with the wrong context scores low; digits weigh more, and the hints (same block, same section)
// move the score a little. Offsets are UTF-16 here.

export const MAX_ERROR_RATIO = 0.25;
/** Weight of "the quote started/ended at the block edge" when the stored prefix/suffix is empty. */
const EDGE_WEIGHT = 4;
/** Bonus for a candidate in the block the annotation was last anchored to. */
const SAME_BLOCK_BONUS = 0.05;
const MAX_CANDIDATES = 5000;

/** The quote occurs too often to be told apart (e.g. a single common character). */
export class TooManyCandidates extends Error {}
/**
 * Taken off candidates outside the section the annotation was made in (when that section still
 * exists): a moved paragraph found verbatim still passes, a look-alike sentence elsewhere does not.
 */
const OTHER_SECTION_PENALTY = 0.1;
/** Weight of an edit that changes a digit, relative to other edits. */
const DIGIT_WEIGHT = 4;

export interface Candidate {
  block: Block;
  /** UTF-16 offsets in block.text. */
  start: number;
  end: number;
  errors: number;
  score: number;
  similarity: Similarity;
}

/** How well the quote, the text before it and the text after it matched (0–1 each). */
export interface Similarity {
  quote: number;
  prefix: number;
  suffix: number;
}

/**
 * Every candidate for `quote` in `blocks`, exact and approximate: they compete, since an exact copy
 * of the passage elsewhere must not win silently over a slightly edited original (the report
 * repeats some sentences verbatim). Throws TooManyCandidates.
 */
export function findCandidates(blocks: readonly Block[], quote: TextQuoteSelector, hint: Hint): Candidate[] {
  return [...findExact(blocks, quote, hint), ...findFuzzy(blocks, quote, hint)];
}

/** What is known about where the annotation was. */
export interface Hint {
  blockId: string | undefined;
  at: number | undefined;
  sectionId: string | undefined;
}

function findExact(blocks: readonly Block[], quote: TextQuoteSelector, hint: Hint): Candidate[] {
  const out: Candidate[] = [];
  const exact = quote.exact;
  for (const block of blocks) {
    let from = 0;
    for (;;) {
      const at = block.text.indexOf(exact, from);
      if (at < 0) break;
      out.push(scored(block, at, at + exact.length, 0, quote, hint));
      if (out.length > MAX_CANDIDATES) throw new TooManyCandidates();
      from = at + 1;
    }
  }
  return out;
}

function findFuzzy(blocks: readonly Block[], quote: TextQuoteSelector, hint: Hint): Candidate[] {
  const exact = quote.exact;
  const maxErrors = exact.length < 6 ? 0 : Math.floor(exact.length * MAX_ERROR_RATIO);
  if (maxErrors === 0) return [];
  const out: Candidate[] = [];
  // q-gram filter: each edit destroys at most two of the pattern's bigrams, so a block holding a
  // match with ≤ maxErrors edits contains at least (m − 1 − 2·maxErrors) of them.
  const grams = bigrams(exact);
  const needed = exact.length - 1 - 2 * maxErrors;
  for (const block of blocks) {
    if (block.text.length < exact.length - maxErrors) continue;
    if (needed > 0) {
      const present = blockBigrams(block);
      let found = 0;
      for (const g of grams) if (present.has(g)) found++;
      if (found < needed) continue;
    }
    const matches = search(block.text, exact, maxErrors);
    // Matches come as many overlapping end positions; keep one per overlapping run (fewest errors,
    // then longest).
    matches.sort((x, y) => x.start - y.start || x.errors - y.errors || y.end - x.end);
    let last: { start: number; end: number; errors: number } | undefined;
    for (const m of matches) {
      if (last && m.start < last.end) {
        if (m.errors < last.errors) last = m;
        continue;
      }
      if (last) out.push(scored(block, last.start, last.end, last.errors, quote, hint));
      last = m;
    }
    if (last) out.push(scored(block, last.start, last.end, last.errors, quote, hint));
    if (out.length > MAX_CANDIDATES) throw new TooManyCandidates();
  }
  return out;
}

function bigrams(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
  return out;
}

const bigramCache = new WeakMap<Block, Set<number>>();

function blockBigrams(block: Block): Set<number> {
  let set = bigramCache.get(block);
  if (!set) {
    set = new Set(bigrams(block.text));
    bigramCache.set(block, set);
  }
  return set;
}

function scored(
  block: Block,
  start: number,
  end: number,
  errors: number,
  quote: TextQuoteSelector,
  hint: Hint,
): Candidate {
  const text = block.text;
  const q = Math.max(1, quote.exact.length);
  // An absent prefix/suffix (other tools may omit them) says nothing; an empty one says the quote
  // started/ended at the edge of its block.
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  let prefixWeight: number;
  let prefixSim: number;
  if (quote.prefix === undefined) {
    prefixWeight = 0;
    prefixSim = 0;
  } else if (prefix.length === 0) {
    prefixWeight = EDGE_WEIGHT;
    prefixSim = start === 0 ? 1 : 0;
  } else {
    prefixWeight = prefix.length;
    const before = text.slice(Math.max(0, start - prefix.length - 8), start);
    const digitErrors = numberErrors(prefix, text.slice(Math.max(0, start - prefix.length), start));
    prefixSim = Math.max(0, 1 - (alignedErrors(prefix, before, 'end') + digitErrors) / prefix.length);
  }
  let suffixWeight: number;
  let suffixSim: number;
  if (quote.suffix === undefined) {
    suffixWeight = 0;
    suffixSim = 0;
  } else if (suffix.length === 0) {
    suffixWeight = EDGE_WEIGHT;
    suffixSim = end === text.length ? 1 : 0;
  } else {
    suffixWeight = suffix.length;
    const after = text.slice(end, end + suffix.length + 8);
    const digitErrors = numberErrors(suffix, text.slice(end, end + suffix.length));
    suffixSim = Math.max(0, 1 - (alignedErrors(suffix, after, 'start') + digitErrors) / suffix.length);
  }
  // Numbers carry the meaning of templated sentences ("增长9.1%" vs "增长4.7%"): every digit that
  // differs, in the quote or its context, counts DIGIT_WEIGHT times.
  const quoteDigitErrors = errors > 0 ? numberErrors(quote.exact, text.slice(start, end)) : 0;
  const quoteSim = Math.max(0, 1 - (errors + quoteDigitErrors) / q);
  let score =
    (q * quoteSim + prefixWeight * prefixSim + suffixWeight * suffixSim) / (q + prefixWeight + suffixWeight);
  if (hint.blockId === block.id) {
    score += SAME_BLOCK_BONUS;
    if (hint.at !== undefined)
      score += 0.001 * (1 - Math.min(1, Math.abs(start - hint.at) / Math.max(1, text.length)));
  }
  if (hint.sectionId !== undefined && block.sectionId !== hint.sectionId) score -= OTHER_SECTION_PENALTY;
  return {
    block,
    start,
    end,
    errors,
    score,
    similarity: { quote: quoteSim, prefix: prefixSim, suffix: suffixSim },
  };
}

function digitsOf(text: string): string {
  return text.replace(/[^0-9０-９]/g, '');
}

/** Extra errors for digits that differ between two pieces of text (numbers weigh DIGIT_WEIGHT). */
function numberErrors(expected: string, found: string): number {
  const a = digitsOf(expected);
  const b = digitsOf(found);
  return a.length === 0 && b.length === 0 ? 0 : (DIGIT_WEIGHT - 1) * editDistance(a, b);
}

/** Levenshtein distance (UTF-16 units). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j - 1] as number) + cost, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Fewest edits turning `pattern` into a piece of `text` that touches text's end ('end') or start
 * ('start'); the other side of the piece is free. Missing text counts as edits. UTF-16 units.
 */
export function alignedErrors(pattern: string, text: string, anchor: 'start' | 'end'): number {
  const m = pattern.length;
  const n = text.length;
  const fromEnd = anchor === 'end';
  // Edit distance of the pattern against every prefix of the text (read backwards for 'end');
  // the answer is the minimum over those prefixes.
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = m;
  for (let j = 1; j <= n; j++) {
    cur[0] = j;
    const tc = text.charCodeAt(fromEnd ? n - j : j - 1);
    for (let i = 1; i <= m; i++) {
      const pc = pattern.charCodeAt(fromEnd ? m - i : i - 1);
      const diagonal = (prev[i - 1] as number) + (pc === tc ? 0 : 1);
      const up = (prev[i] as number) + 1;
      const left = (cur[i - 1] as number) + 1;
      cur[i] = Math.min(diagonal, up, left);
    }
    if ((cur[m] as number) < best) best = cur[m] as number;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return best;
}
