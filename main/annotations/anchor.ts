import search from 'approx-string-match';
import type { BundleStore } from '../corpus/bundle-store.js';
import type { Block, ParsedDocument } from '../corpus/types.js';
import {
  type Annotation,
  type FragmentSelector,
  fragmentOf,
  quoteOf,
  type Selector,
  type TextQuoteSelector,
} from './model.js';
import { codePointLength, codePointsToUtf16, snapRange, utf16ToCodePoints } from './text-position.js';

// Re-anchoring: where does an annotation belong in the current bundle?
//
// 1. Its block still exists (block ids are hashes of the block's text, so the text is unchanged)
//    and the quote is at the stored position → anchored there.
// 2. Otherwise the quote is searched in the document: exact occurrences first, then approximate
//    ones (approx-string-match, up to MAX_ERROR_RATIO of the quote's length in edits). Each
//    candidate is scored by how well the quote *and* its stored prefix/suffix match around it,
//    weighted by their lengths, so a short quote found with the wrong context scores low.
// 3. The best candidate is accepted when its score reaches ANCHOR_THRESHOLD and no other,
//    non-overlapping candidate comes within AMBIGUITY_MARGIN of it. Otherwise the annotation
//    "needs review": it is kept with its original selectors, never placed elsewhere, never deleted.
//
// Positions are computed in UTF-16 internally and returned in code points, snapped to whole
// graphemes. The stored TextQuoteSelector (what the user selected) is never rewritten.

export const ANCHOR_THRESHOLD = 0.75;
/** A candidate whose quote alone matches worse than this is never accepted, whatever its context. */
export const MIN_QUOTE_SIMILARITY = 0.7;
export const AMBIGUITY_MARGIN = 0.08;
export const MAX_ERROR_RATIO = 0.25;
/** Weight of "the quote started/ended at the block edge" when the stored prefix/suffix is empty. */
const EDGE_WEIGHT = 4;
/** Bonus for a candidate in the block the annotation was last anchored to. */
const SAME_BLOCK_BONUS = 0.05;
const MAX_CANDIDATES = 5000;

/** The quote occurs too often to be told apart (e.g. a single common character). */
class TooManyCandidates extends Error {}
/**
 * Taken off candidates outside the section the annotation was made in (when that section still
 * exists): a moved paragraph found verbatim still passes, a look-alike sentence elsewhere does not.
 */
const OTHER_SECTION_PENALTY = 0.1;
/** Weight of an edit that changes a digit, relative to other edits. */
const DIGIT_WEIGHT = 4;

export type AnchorMethod = 'position' | 'block' | 'quote' | 'fuzzy' | 'section' | 'section-title';

export type NeedsReviewReason =
  | 'unknown-document'
  | 'no-selector'
  | 'no-match'
  | 'low-score'
  | 'ambiguous'
  | 'unknown-section';

export interface Anchored {
  status: 'anchored';
  docId: string;
  kind: 'block' | 'section';
  /** Block id (kind 'block') or section id (kind 'section'). */
  targetId: string;
  /** Code points within the block's text; absent for whole-block and section anchors. */
  start?: number;
  end?: number;
  method: AnchorMethod;
  /** 1 = certain; fuzzy matches score between ANCHOR_THRESHOLD and 1. */
  score: number;
  /** For matches found by searching: the parts of the score. */
  similarity?: Similarity;
}

export interface NeedsReview {
  status: 'needs-review';
  docId: string;
  reason: NeedsReviewReason;
  /** Best score seen, when a candidate was found but rejected. */
  bestScore?: number;
}

export type AnchorResult = Anchored | NeedsReview;

export interface AnchorOptions {
  threshold?: number;
}

interface Candidate {
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

export function anchorAnnotation(
  store: BundleStore,
  a: Annotation,
  options: AnchorOptions = {},
): AnchorResult {
  const docId = a.target.source;
  const doc = store.document(docId);
  if (!doc) return { status: 'needs-review', docId, reason: 'unknown-document' };
  if (a.motivation === 'bookmarking') return anchorSection(store, doc, a);
  return anchorText(store, doc, a, options.threshold ?? ANCHOR_THRESHOLD);
}

function anchorSection(store: BundleStore, doc: ParsedDocument, a: Annotation): AnchorResult {
  const docId = doc.meta.id;
  const id = fragmentOf(a)?.value;
  if (id?.startsWith(`${docId}.`) && store.section(id)) {
    return { status: 'anchored', docId, kind: 'section', targetId: id, method: 'section', score: 1 };
  }
  const title = quoteOf(a)?.exact;
  if (title) {
    const found: string[] = [];
    const walk = (list: ParsedDocument['sections']): void => {
      for (const s of list) {
        if (s.title === title) found.push(s.id);
        walk(s.children);
      }
    };
    walk(doc.sections);
    if (found.length === 1 && found[0]) {
      return {
        status: 'anchored',
        docId,
        kind: 'section',
        targetId: found[0],
        method: 'section-title',
        score: 1,
      };
    }
    if (found.length > 1) return { status: 'needs-review', docId, reason: 'ambiguous' };
  }
  return { status: 'needs-review', docId, reason: id || title ? 'unknown-section' : 'no-selector' };
}

function anchorText(store: BundleStore, doc: ParsedDocument, a: Annotation, threshold: number): AnchorResult {
  const docId = doc.meta.id;
  const fragment = fragmentOf(a);
  const quote = quoteOf(a);
  const hinted = fragment ? store.block(fragment.value) : undefined;
  const block = hinted && hinted.docId === docId ? hinted : undefined;
  const position = fragment?.refinedBy;
  const hasQuote = quote !== undefined && quote.exact.length > 0;

  if (block) {
    const length = codePointLength(block.text);
    if (position && position.end <= length) {
      const s16 = codePointsToUtf16(block.text, position.start);
      const e16 = codePointsToUtf16(block.text, position.end);
      if (!hasQuote || block.text.slice(s16, e16) === quote.exact) {
        return anchoredIn(docId, block, s16, e16, 'position', 1);
      }
    }
    if (!hasQuote && !position) {
      return { status: 'anchored', docId, kind: 'block', targetId: block.id, method: 'block', score: 1 };
    }
  }
  if (!hasQuote) return { status: 'needs-review', docId, reason: fragment ? 'no-match' : 'no-selector' };

  const section = a.target['rr:section'];
  const hint: Hint = {
    blockId: block?.id,
    at: block && position ? codePointsToUtf16(block.text, position.start) : undefined,
    // Only a section that still exists can vouch against matches outside it.
    sectionId: typeof section === 'string' && store.section(section) ? section : undefined,
  };
  // Exact and approximate matches compete: an exact copy of the passage elsewhere must not win
  // silently over a slightly edited original (the report repeats some sentences verbatim).
  let candidates: Candidate[];
  try {
    candidates = [...findExact(doc.blocks, quote, hint), ...findFuzzy(doc.blocks, quote, hint)];
  } catch (error) {
    if (error instanceof TooManyCandidates) return { status: 'needs-review', docId, reason: 'ambiguous' };
    throw error;
  }
  const best = pick(candidates, threshold);
  if (best.status === 'anchored') {
    const c = best.candidate;
    return {
      ...anchoredIn(
        docId,
        c.block,
        c.start,
        c.end,
        c.errors === 0 ? 'quote' : 'fuzzy',
        round(Math.min(1, c.score)),
      ),
      similarity: {
        quote: round(c.similarity.quote),
        prefix: round(c.similarity.prefix),
        suffix: round(c.similarity.suffix),
      },
    };
  }
  if (best.status === 'none') return { status: 'needs-review', docId, reason: 'no-match' };
  return { status: 'needs-review', docId, reason: best.status, bestScore: round(best.score) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function anchoredIn(
  docId: string,
  block: Block,
  s16: number,
  e16: number,
  method: AnchorMethod,
  score: number,
): Anchored {
  const snapped = snapRange(block.text, s16, e16, 'widen');
  return {
    status: 'anchored',
    docId,
    kind: 'block',
    targetId: block.id,
    start: utf16ToCodePoints(block.text, snapped.start),
    end: utf16ToCodePoints(block.text, snapped.end),
    method,
    score,
  };
}

type Pick =
  | { status: 'anchored'; candidate: Candidate }
  | { status: 'low-score' | 'ambiguous'; score: number }
  | { status: 'none' };

function pick(candidates: Candidate[], threshold: number): Pick {
  if (candidates.length === 0) return { status: 'none' };
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || c.score > best.score) best = c;
  if (!best) return { status: 'none' };
  if (best.score < threshold || best.similarity.quote < MIN_QUOTE_SIMILARITY) {
    return { status: 'low-score', score: best.score };
  }
  for (const c of candidates) {
    if (c === best) continue;
    const overlaps = c.block === best.block && c.start < best.end && best.start < c.end;
    if (!overlaps && c.score >= best.score - AMBIGUITY_MARGIN)
      return { status: 'ambiguous', score: best.score };
  }
  return { status: 'anchored', candidate: best };
}

interface Hint {
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

/**
 * The annotation with its FragmentSelector moved to the anchor and "rr:status" set. The
 * TextQuoteSelector (what was selected) is kept. Returns the same object when nothing changes.
 */
export function applyAnchor(a: Annotation, result: AnchorResult): Annotation {
  const status = result.status;
  if (result.status === 'needs-review') {
    return a['rr:status'] === status ? a : { ...a, 'rr:status': status };
  }
  const old = fragmentOf(a);
  let fragment: FragmentSelector;
  if (result.start !== undefined && result.end !== undefined) {
    fragment = {
      ...(old ?? {}),
      type: 'FragmentSelector',
      value: result.targetId,
      refinedBy: { type: 'TextPositionSelector', start: result.start, end: result.end },
    };
  } else {
    fragment = { ...(old ?? {}), type: 'FragmentSelector', value: result.targetId };
    if (result.kind === 'section') delete fragment.refinedBy;
  }
  const same =
    old !== undefined &&
    old.value === fragment.value &&
    old.refinedBy?.start === fragment.refinedBy?.start &&
    old.refinedBy?.end === fragment.refinedBy?.end &&
    a['rr:status'] === status;
  if (same) return a;
  const others = a.target.selector.filter((s: Selector) => s !== old);
  return { ...a, 'rr:status': status, target: { ...a.target, selector: [fragment, ...others] } };
}

export interface ReanchorSummary {
  annotations: Annotation[];
  results: AnchorResult[];
  anchored: number;
  needsReview: number;
  changed: number;
}

/** Re-anchor every annotation; returns new objects for the ones that changed. */
export function reanchorAll(
  store: BundleStore,
  annotations: readonly Annotation[],
  options: AnchorOptions = {},
): ReanchorSummary {
  const out: Annotation[] = [];
  const results: AnchorResult[] = [];
  let anchored = 0;
  let changed = 0;
  for (const a of annotations) {
    const result = anchorAnnotation(store, a, options);
    const next = applyAnchor(a, result);
    if (result.status === 'anchored') anchored++;
    if (next !== a) changed++;
    out.push(next);
    results.push(result);
  }
  return { annotations: out, results, anchored, needsReview: annotations.length - anchored, changed };
}
