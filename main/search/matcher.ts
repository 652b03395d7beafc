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
 * not to a passage with 服务业 at its start and 比重 at its end. The window is this many times
 * the unit's length, plus a few characters; measured on the labelled queries (recall@10 up 0.3
 * points, with 1.5 to 3 times doing as well).
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
  /** Indexes of the bigrams inside those words (not straddling two words). */
  inWords: number[];
}

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
      const inWords = words.flatMap(([from, to]) => bigrams.slice(from, to - 1).map((_, k) => from + k));
      shape = { chars, bigrams, checkOrder, words, inWords };
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
      const { bigrams, inWords } = this.shape(piece);
      if (bigrams.length < 2) continue;
      let present = 0;
      for (let w = 0; w < inWords.length; w++)
        if (this.positions(bigrams[inWords[w] ?? 0] ?? '', field, position).length > 0) present++;
      // Where two or more are present, how many stand together (most candidates have fewer).
      const together =
        present < 2
          ? present
          : mostWithin(
              inWords.map((i) => this.positions(bigrams[i] ?? '', field, position)),
              PARTIAL_WINDOW_FACTOR * piece.text.length + PARTIAL_WINDOW_SLACK,
            );
      best = Math.max(best, (together / inWords.length) * (source?.weight ?? 1));
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
 * The most lists with a position inside one window of `width` UTF-16 units (positions are
 * [start, length]). The best window starts at some position: each is tried, against every list.
 * Lists are a passage's few occurrences of a unit's few bigrams, and nothing is allocated.
 */
function mostWithin(lists: readonly (readonly number[][])[], width: number): number {
  let most = 0;
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l] ?? NO_POSITIONS;
    for (let p = 0; p < list.length; p++) {
      const from = list[p]?.[0] ?? 0;
      let count = 0;
      for (let o = 0; o < lists.length; o++)
        if (startsWithin(lists[o] ?? NO_POSITIONS, from, from + width)) count++;
      if (count > most) most = count;
    }
  }
  return most;
}

function startsWithin(positions: readonly number[][], low: number, high: number): boolean {
  for (let p = 0; p < positions.length; p++) {
    const start = positions[p]?.[0] ?? 0;
    if (start >= low && start <= high) return true;
  }
  return false;
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
