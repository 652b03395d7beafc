// Offsets in the annotation model count Unicode code points; the DOM, String.prototype.slice and
// approx-string-match count UTF-16 code units. These helpers convert between the two and snap a
// UTF-16 range to whole grapheme clusters, so a selection never splits a surrogate pair (𠮷) or an
// emoji sequence (👨‍👩‍👧, 👍🏽, 🇨🇳).

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Number of code points in `text` (a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) i++;
    count++;
  }
  return count;
}

/**
 * Code points in `text` before the UTF-16 offset. An offset inside a surrogate pair counts the
 * whole pair (it is rounded up to the end of that code point).
 */
export function utf16ToCodePoints(text: string, offset: number): number {
  const limit = Math.max(0, Math.min(offset, text.length));
  let count = 0;
  let i = 0;
  while (i < limit) {
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    count++;
  }
  return count;
}

/** UTF-16 offset of the code-point offset `codePoints` (clamped to the end of the text). */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let i = 0;
  let count = 0;
  while (i < text.length && count < codePoints) {
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    count++;
  }
  return i;
}

/** Start of the grapheme cluster containing UTF-16 offset `i` (i itself when it is a boundary). */
export function graphemeStartAt(text: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  return segmenter.segment(text).containing(i)?.index ?? i;
}

/** End of the grapheme cluster containing UTF-16 offset `i - 1` (i itself when it is a boundary). */
export function graphemeEndAt(text: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  const seg = segmenter.segment(text).containing(i - 1);
  return seg ? seg.index + seg.segment.length : i;
}

export function isGraphemeBoundary(text: string, i: number): boolean {
  return graphemeStartAt(text, i) === i;
}

/**
 * Snap the UTF-16 range [start, end) to grapheme boundaries. 'widen' grows it to include every
 * cluster it touches; 'narrow' shrinks it to the clusters fully inside (possibly empty, collapsed
 * at the snapped start). Reversed ranges are put in order first.
 */
export function snapRange(
  text: string,
  start: number,
  end: number,
  mode: 'widen' | 'narrow' = 'widen',
): { start: number; end: number } {
  let s = Math.max(0, Math.min(Math.min(start, end), text.length));
  let e = Math.max(0, Math.min(Math.max(start, end), text.length));
  if (mode === 'widen') {
    const collapsed = s === e;
    s = graphemeStartAt(text, s);
    e = collapsed ? s : graphemeEndAt(text, e);
  } else {
    const sStart = graphemeStartAt(text, s);
    s = sStart === s ? s : graphemeEndAt(text, s + 1);
    const eStart = graphemeStartAt(text, e);
    e = eStart;
    if (e < s) e = s;
  }
  return { start: s, end: e };
}
