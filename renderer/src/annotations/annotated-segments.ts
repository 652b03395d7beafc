import type { FootnoteRef } from '../../../main/corpus/types.js';
import { codePointToUtf16, normalizeRanges, type Range } from '../text/segments.js';
import type { HighlightColor } from './colors.js';

// A block's text cut into what the view draws: plain runs, search matches, footnote markers, and
// the user's highlights around them. Highlights are UTF-16 ranges of the block's text (converted
// from the stored code points by the caller). Search <mark>s nest inside highlight <mark>s, so
// both stay visible; footnote markers are never inside a highlight (a button inside the
// highlight's own button would be nested interactive content), they split it instead.

export interface HighlightRange {
  id: string;
  start: number;
  end: number;
  color: HighlightColor;
}

export interface Piece {
  text: string;
  /** Inside a search match. */
  marked: boolean;
}

export type AnnotatedSegment =
  | { kind: 'text'; piece: Piece }
  | { kind: 'footnote'; marker: string; footnoteId: string }
  | {
      kind: 'highlight';
      /** Every highlight covering this run, oldest first; the last one is drawn on top. */
      ids: string[];
      color: HighlightColor;
      /** The newest highlight that starts at this run, if any: the run is its focus target. */
      startsHere: string | null;
      pieces: Piece[];
    };

export function segmentAnnotated(
  text: string,
  marks: readonly Range[] = [],
  refs: readonly FootnoteRef[] = [],
  highlights: readonly HighlightRange[] = [],
): AnnotatedSegment[] {
  const ranges = normalizeRanges(marks, text.length);
  const spans = highlights
    .map((h) => ({
      ...h,
      start: Math.max(0, Math.min(h.start, text.length)),
      end: Math.min(h.end, text.length),
    }))
    .filter((h) => h.end > h.start);
  const refAt = codePointToUtf16(
    text,
    refs.map((r) => r.offset),
  )
    .map((at, i) => ({ at, ref: refs[i] as FootnoteRef, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i);

  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of ranges) {
    cuts.add(s);
    cuts.add(e);
  }
  for (const h of spans) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  for (const { at } of refAt) cuts.add(at);
  const points = [...cuts].sort((a, b) => a - b);

  const out: AnnotatedSegment[] = [];
  let f = 0;
  for (let p = 0; p < points.length; p++) {
    const start = points[p] as number;
    let brokeGroup = false;
    while (f < refAt.length && (refAt[f] as { at: number }).at === start) {
      const { ref } = refAt[f] as { ref: FootnoteRef };
      out.push({ kind: 'footnote', marker: ref.marker, footnoteId: ref.footnoteId });
      brokeGroup = true;
      f++;
    }
    const end = points[p + 1];
    if (end === undefined || end === start) continue;
    const marked = ranges.some(([s, e]) => s <= start && end <= e);
    const piece: Piece = { text: text.slice(start, end), marked };
    const covering = spans.filter((h) => h.start <= start && end <= h.end);
    const previous = out[out.length - 1];
    if (covering.length === 0) {
      if (previous?.kind === 'text' && previous.piece.marked === marked && !brokeGroup)
        previous.piece = { text: previous.piece.text + piece.text, marked };
      else out.push({ kind: 'text', piece });
      continue;
    }
    const ids = covering.map((h) => h.id);
    const top = covering[covering.length - 1] as HighlightRange;
    if (previous?.kind === 'highlight' && !brokeGroup && sameIds(previous.ids, ids)) {
      const last = previous.pieces[previous.pieces.length - 1];
      if (last && last.marked === marked) last.text += piece.text;
      else previous.pieces.push(piece);
    } else {
      const starting = covering.filter((h) => h.start === start);
      out.push({
        kind: 'highlight',
        ids,
        color: top.color,
        startsHere: starting.length > 0 ? (starting[starting.length - 1] as HighlightRange).id : null,
        pieces: [piece],
      });
    }
  }
  return out;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
