import type { LoadedIndex } from './compact-index.js';
import type { SearchField } from './index-build.js';
import type { Alternative, Piece, QueryUnit } from './query.js';
import { wordRanges } from './words.js';

// Finds where query units occur in a passage, from the term positions kept in the index: a Han
// string is a chain of bigrams one character apart; the pieces of a phrase follow each other
// closely. This is what makes "every term present" and highlighting exact.

export type Span = [number, number];

/** Pieces of a phrase may be this many UTF-16 units apart (spaces, stop words, punctuation). */
const PHRASE_GAP = 12;
/**
 * The words of a close match must lie near one another: 服务业比重 is close to 服务业占GDP比重,
 * not to a passage with 服务业 at its start and 比重 at its end. Their bigrams must start within
 * this many times the piece's length (in UTF-16 units) plus a few units of each other; measured on
 * the labelled queries (recall@10 up 0.3 points, with 2.5 and 3 times doing as well).
 */
const PARTIAL_WINDOW_FACTOR = 2;
const PARTIAL_WINDOW_SLACK = 4;

export function bigramsOf(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

interface HanShape {
  chars: string[];
  bigrams: string[];
  /** Bigram indexes, rarest first: a passage lacking the rarest is rejected with one lookup. */
  checkOrder: number[];
  /** [from, to) character ranges of the piece's words of two or more characters. */
  words: [number, number][];
  /** The distinct bigrams inside those words (not straddling two words). */
  wordBigrams: string[];
}

/** Scratch space of `partial` and `mostWithin`, reused from call to call. */
const presentLists: (readonly number[][])[] = [];
let startKeys = new Float64Array(256);
let inWindow = new Int32Array(64);

export class Matcher {
  /**
   * Characters and bigrams of each Han piece, computed once for it rather than per passage (a
   * glossary form's pieces are shared by every query that uses it).
   */
  private readonly shapes = new WeakMap<Piece, HanShape>();

  constructor(private readonly index: LoadedIndex) {}

  private shape(piece: Piece & { kind: 'han' }): HanShape {
    let shape = this.shapes.get(piece);
    if (!shape) {
      const chars = [...piece.text];
      const bigrams = bigramsOf(chars);
      const frequency = bigrams.map((b) => this.index.documentFrequency(b));
      const checkOrder = bigrams.map((_, i) => i).sort((a, b) => (frequency[a] ?? 0) - (frequency[b] ?? 0));
      const words = wordRanges(chars);
      const wordBigrams = [...new Set(words.flatMap(([from, to]) => bigrams.slice(from, to - 1)))];
      shape = { chars, bigrams, checkOrder, words, wordBigrams };
      this.shapes.set(piece, shape);
    }
    return shape;
  }

  private positions(term: string, field: SearchField, position: number): readonly number[][] {
    return this.index.positions(term, field, position) ?? NO_POSITIONS;
  }

  /** Where a piece occurs in one field of one passage: [start, end) spans. */
  pieceSpans(piece: Piece, field: SearchField, position: number): readonly Span[] {
    if (piece.kind !== 'han' || piece.text.length <= 2) {
      return asSpans(this.positions(piece.kind === 'han' ? piece.text : piece.term, field, position));
    }
    const { chars, bigrams, checkOrder } = this.shape(piece);
    if (chars.length === 1) return asSpans(this.positions(piece.text, field, position));
    // Rarest first: most candidates lack it, and are turned away before anything is allocated.
    let lists: (readonly number[][])[] | undefined;
    for (const i of checkOrder) {
      const found = this.positions(bigrams[i] ?? '', field, position);
      if (found.length === 0) return NO_SPANS;
      lists ??= new Array(bigrams.length);
      lists[i] = found;
    }
    return lists ? chainSpans(chars, lists, 0, bigrams.length - 1) : NO_SPANS;
  }

  /** Spans where the alternative's pieces occur in order, each close after the previous one. */
  alternativeSpans(alternative: Alternative, field: SearchField, position: number): readonly Span[] {
    const { pieces } = alternative;
    const first = pieces[0];
    if (!first) return NO_SPANS;
    let spans = this.pieceSpans(first, field, position);
    for (let p = 1; p < pieces.length && spans.length > 0; p++) {
      const next = this.pieceSpans(pieces[p] as Piece, field, position);
      spans = spans.flatMap(([start, end]): Span[] => {
        const follower = next.find(([s]) => s >= end && s - end <= PHRASE_GAP);
        return follower ? [[start, follower[1]]] : [];
      });
    }
    return spans;
  }

  unitSpans(unit: QueryUnit, field: SearchField, position: number): Span[] {
    return unit.alternatives.flatMap((a) => this.alternativeSpans(a, field, position));
  }

  /** The unit's spans, and its occurrences weighted by the best-counting alternative. */
  unitEvidence(
    unit: QueryUnit,
    field: SearchField,
    position: number,
    spanWeight: (span: Span) => number = () => 1,
  ): { spans: readonly Span[]; occurrences: number } {
    let spans: Span[] | undefined;
    let occurrences = 0;
    for (const alternative of unit.alternatives) {
      const found = this.alternativeSpans(alternative, field, position);
      if (found.length === 0) continue;
      spans ??= [];
      spans.push(...found);
      let weighted = 0;
      for (const span of found) weighted += spanWeight(span);
      occurrences = Math.max(occurrences, weighted * alternative.weight);
    }
    return { spans: spans ?? NO_SPANS, occurrences };
  }

  /**
   * How much of the unit a passage has when it lacks the whole: the share of the bigrams inside
   * its words (金融业开放 → 金融, 开放; not 业开, which 企业开展 has) found close together in the
   * field, times the source's weight. The source is what was typed or, typed in English, the
   * preferred translation.
   */
  partial(unit: QueryUnit, field: SearchField, position: number): number {
    const source = partialSource(unit);
    let best = 0;
    for (const piece of source?.pieces ?? []) {
      if (piece.kind !== 'han') continue;
      const { bigrams, wordBigrams } = this.shape(piece);
      if (bigrams.length < 2) continue;
      let present = 0;
      for (const bigram of wordBigrams) {
        const found = this.positions(bigram, field, position);
        if (found.length > 0) presentLists[present++] = found;
      }
      // Where two or more are present, how many stand together (most candidates have fewer).
      const width = PARTIAL_WINDOW_FACTOR * piece.text.length + PARTIAL_WINDOW_SLACK;
      const together = present < 2 ? present : mostWithin(presentLists, present, width);
      best = Math.max(best, (together / wordBigrams.length) * (source?.weight ?? 1));
    }
    return best;
  }

  /**
   * Where the words of the unit that a passage holds occur, to show why a close match is there:
   * 金融业开放 → 金融 and 开放 (adjacent words merge into one span later: 对外开放). Words come
   * from the platform's word segmenter; only words of two or more characters are shown, never a
   * fragment across words (业对 in 企业对).
   */
  partialSpans(unit: QueryUnit, field: SearchField, position: number): Span[] {
    const spans: Span[] = [];
    for (const piece of partialSource(unit)?.pieces ?? []) {
      if (piece.kind !== 'han') continue;
      const { chars, bigrams, words } = this.shape(piece);
      if (bigrams.length < 2) continue;
      const lists = bigrams.map((bigram) => this.positions(bigram, field, position));
      for (const [from, to] of words) spans.push(...chainSpans(chars, lists, from, to - 2));
    }
    return spans;
  }
}

const NO_POSITIONS: readonly number[][] = Object.freeze([]);
const NO_SPANS: readonly Span[] = Object.freeze([]);

function asSpans(positions: readonly number[][]): readonly Span[] {
  return positions.length === 0 ? NO_SPANS : positions.map(([s = 0, l = 0]): Span => [s, s + l]);
}

/** What partial matching measures: what was typed, or, typed in English, the preferred translation. */
function partialSource(unit: QueryUnit): Alternative | undefined {
  const [typed] = unit.alternatives;
  return typed && hasHan(typed) ? typed : unit.alternatives.find((a) => a.translated && hasHan(a));
}

function hasHan(alternative: Alternative): boolean {
  return alternative.pieces.some((p) => p.kind === 'han');
}

/**
 * Where chars[from .. to + 1] occurs: the starts of bigram `from` from which each next bigram
 * starts one character later. `lists` holds each bigram's [start, length] positions.
 */
function chainSpans(
  chars: readonly string[],
  lists: readonly (readonly number[][])[],
  from: number,
  to: number,
): Span[] {
  const spans: Span[] = [];
  const tail = (chars[to] ?? '').length + (chars[to + 1] ?? '').length;
  const first = lists[from] ?? NO_POSITIONS;
  for (let p = 0; p < first.length; p++) {
    const start = first[p]?.[0] ?? 0;
    let at = start;
    let ok = true;
    for (let i = from + 1; i <= to && ok; i++) {
      at += (chars[i - 1] ?? '').length;
      ok = startsAt(lists[i] ?? NO_POSITIONS, at);
    }
    if (ok) spans.push([start, at + tail]);
  }
  return spans;
}

/**
 * How many of the first `count` lists have a position starting within one window: starts at most
 * `width` UTF-16 units apart (positions are [start, length]). A sliding window over all starts in
 * order, in scratch arrays.
 */
function mostWithin(lists: readonly (readonly number[][])[], count: number, width: number): number {
  let total = 0;
  for (let k = 0; k < count; k++) total += lists[k]?.length ?? 0;
  if (startKeys.length < total) startKeys = new Float64Array(Math.max(total, startKeys.length * 2));
  if (inWindow.length < count) inWindow = new Int32Array(Math.max(count, inWindow.length * 2));
  // Each start and its list in one sortable number: start × count + list.
  let n = 0;
  for (let k = 0; k < count; k++) {
    const list = lists[k] ?? NO_POSITIONS;
    for (let p = 0; p < list.length; p++) startKeys[n++] = (list[p]?.[0] ?? 0) * count + k;
  }
  const keys = startKeys.subarray(0, n).sort();
  inWindow.fill(0, 0, count);
  let distinct = 0;
  let most = 0;
  let low = 0;
  for (let high = 0; high < n; high++) {
    const key = keys[high] ?? 0;
    const start = Math.floor(key / count);
    const list = key - start * count;
    const entered = (inWindow[list] ?? 0) + 1;
    inWindow[list] = entered;
    if (entered === 1) distinct++;
    for (let first = keys[low] ?? 0; start - Math.floor(first / count) > width; first = keys[++low] ?? 0) {
      const gone = first - Math.floor(first / count) * count;
      const left = (inWindow[gone] ?? 0) - 1;
      inWindow[gone] = left;
      if (left === 0) distinct--;
    }
    if (distinct > most) most = distinct;
    if (most === count) break;
  }
  return most;
}

function startsAt(positions: readonly number[][], at: number): boolean {
  for (let p = 0; p < positions.length; p++) if (positions[p]?.[0] === at) return true;
  return false;
}

export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}
