import type { Chunk } from '../state/doc-model.js';

// In what order the reading pane renders a text's chunks: first what the reader opens at, then
// outwards from it, the text below before the text above.

/** Characters of text in the first pass: about a screen and a half. */
export const FIRST_PASS_CHARS = 1400;

/** Chunk indexes ordered by distance from `start`, the following one first. */
export function fillOrder(count: number, start: number): number[] {
  const order = count > 0 ? [Math.min(Math.max(start, 0), count - 1)] : [];
  const first = order[0] ?? 0;
  for (let d = 1; order.length < count; d++) {
    if (first + d < count) order.push(first + d);
    if (first - d >= 0) order.push(first - d);
  }
  return order;
}

/** The start chunk and the ones after it, until about FIRST_PASS_CHARS of text. */
export function firstPass(chunks: readonly Chunk[], start: number, budget = FIRST_PASS_CHARS): Set<number> {
  const set = new Set<number>();
  let chars = 0;
  for (let index = Math.max(0, start); index < chunks.length && chars < budget; index++) {
    set.add(index);
    chars += chunks[index]?.chars ?? 0;
  }
  return set;
}
