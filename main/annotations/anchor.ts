import type { BundleStore } from '../corpus/bundle-store.js';
import type { Block, ParsedDocument } from '../corpus/types.js';
import {
  type Candidate,
  findCandidates,
  type Hint,
  type Similarity,
  TooManyCandidates,
} from './fuzzy-match.js';
import { type Annotation, type FragmentSelector, fragmentOf, quoteOf, type Selector } from './model.js';
import { codePointLength, codePointsToUtf16, snapRange, utf16ToCodePoints } from './text-position.js';

// Re-anchoring: where does an annotation belong in the current bundle?
//
// 1. Its block still exists (block ids are hashes of the block's text, so the text is unchanged)
//    and the quote is at the stored position → anchored there.
// 2. Otherwise the quote is searched in the document: exact occurrences first, then approximate
//    ones (approx-string-match, up to MAX_ERROR_RATIO of the quote's length in edits). Each
//    candidate is scored by how well the quote *and* its stored prefix/suffix match around it,
//    weighted by their lengths, so a short quote found with the wrong context scores low
//    (fuzzy-match.ts).
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
export {
  alignedErrors,
  editDistance,
  MAX_ERROR_RATIO,
  type Similarity,
} from './fuzzy-match.js';

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
  let candidates: Candidate[];
  try {
    candidates = findCandidates(doc.blocks, quote, hint);
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
