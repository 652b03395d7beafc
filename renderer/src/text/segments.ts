import type { FootnoteRef } from '../../../main/corpus/types.js';

// Cuts a block's text into what the view renders: plain runs, search matches (<mark>) and footnote
// markers. Search ranges are UTF-16 offsets; footnote offsets are code points (the bundle's
// convention), converted here. Nothing is ever rendered as HTML.

export type Segment =
  | { kind: 'text'; text: string; marked: boolean }
  | { kind: 'footnote'; marker: string; footnoteId: string };

export type Range = readonly [number, number];

/** UTF-16 index of each code-point offset in `text` (offsets past the end map to text.length). */
export function codePointToUtf16(text: string, offsets: readonly number[]): number[] {
  if (offsets.length === 0) return [];
  const positions: number[] = [];
  let index = 0;
  for (const char of text) {
    positions.push(index);
    index += char.length;
  }
  positions.push(text.length);
  return offsets.map(
    (offset) => positions[Math.max(0, Math.min(offset, positions.length - 1))] ?? text.length,
  );
}

/** Sorted, clamped, merged ranges; empty ones dropped. */
export function normalizeRanges(ranges: readonly Range[], length: number): [number, number][] {
  const clamped = ranges
    .map(([s, e]): [number, number] => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of clamped) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function segmentText(
  text: string,
  marks: readonly Range[] = [],
  refs: readonly FootnoteRef[] = [],
): Segment[] {
  const ranges = normalizeRanges(marks, text.length);
  const refAt = codePointToUtf16(
    text,
    refs.map((r) => r.offset),
  )
    .map((at, i) => ({ at, ref: refs[i] as FootnoteRef, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i);

  // Every place a run must end: range edges and marker positions.
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of ranges) {
    cuts.add(s);
    cuts.add(e);
  }
  for (const { at } of refAt) cuts.add(at);
  const points = [...cuts].sort((a, b) => a - b);

  const segments: Segment[] = [];
  let r = 0;
  let f = 0;
  for (let p = 0; p < points.length; p++) {
    const start = points[p] as number;
    while (f < refAt.length && (refAt[f] as { at: number }).at === start) {
      const { ref } = refAt[f] as { ref: FootnoteRef };
      segments.push({ kind: 'footnote', marker: ref.marker, footnoteId: ref.footnoteId });
      f++;
    }
    const end = points[p + 1];
    if (end === undefined || end === start) continue;
    while (r < ranges.length && (ranges[r] as [number, number])[1] <= start) r++;
    const range = ranges[r];
    const marked = range !== undefined && range[0] <= start && end <= range[1];
    const piece = text.slice(start, end);
    const previous = segments[segments.length - 1];
    if (previous?.kind === 'text' && previous.marked === marked) previous.text += piece;
    else segments.push({ kind: 'text', text: piece, marked });
  }
  return segments;
}

/** Highlight ranges in a snippet as alternating plain / marked runs (for search results). */
export function highlightRuns(text: string, ranges: readonly Range[]): { text: string; marked: boolean }[] {
  return segmentText(text, ranges).flatMap((s) =>
    s.kind === 'text' ? [{ text: s.text, marked: s.marked }] : [],
  );
}
