// Where a selection starts and ends in a block's text, counted in UTF-16 units of `block.text`.
//
// A block's text is rendered inside one element (the "text root", [data-text-root]) as text nodes,
// possibly split and wrapped by search <mark>s and highlight <mark>s, with footnote markers
// (<sup class="fn-ref"><button>¹</button></sup>) between them. The markers are not part of the
// block's text, so their subtrees are skipped; everything else is the text, in order. The
// functions work on anything shaped like a DOM node, so they are tested without a browser.

export interface NodeLike {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<NodeLike>;
}

const TEXT_NODE = 3;

/** Subtrees whose text is not the block's (footnote markers). */
export type SkipNode = (node: NodeLike) => boolean;

/**
 * UTF-16 offset in the text of `root` of the boundary point (container, offset) — a DOM Range's
 * start or end. For a text node `offset` counts characters in it; for an element, child nodes.
 * A point inside a skipped subtree counts as the position of that subtree. Null when `container`
 * is not `root` or inside it.
 */
export function textOffset(
  root: NodeLike,
  container: NodeLike,
  offset: number,
  skip: SkipNode,
): number | null {
  let count = 0;
  let result: number | null = null;
  const visit = (node: NodeLike, skipped: boolean): boolean => {
    if (node === container) {
      if (node.nodeType === TEXT_NODE) {
        result = skipped ? count : count + Math.max(0, Math.min(offset, node.nodeValue?.length ?? 0));
        return true;
      }
      const inside = skipped || (node !== root && skip(node));
      const kids = node.childNodes;
      const limit = Math.max(0, Math.min(offset, kids.length));
      for (let i = 0; i < limit; i++) visit(kids[i] as NodeLike, inside);
      result = count;
      return true;
    }
    if (node.nodeType === TEXT_NODE) {
      if (!skipped) count += node.nodeValue?.length ?? 0;
      return false;
    }
    const inside = skipped || (node !== root && skip(node));
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) if (visit(kids[i] as NodeLike, inside)) return true;
    return false;
  };
  return visit(root, false) ? result : null;
}

/** The text of `root` as the offsets count it (skipped subtrees left out). */
export function textContentOf(root: NodeLike, skip: SkipNode): string {
  let out = '';
  const visit = (node: NodeLike) => {
    if (node.nodeType === TEXT_NODE) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node !== root && skip(node)) return;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) visit(kids[i] as NodeLike);
  };
  visit(root);
  return out;
}

/**
 * The selection [start, end) of `domText` as a range of `blockText`. They are the same string when
 * the view renders the block faithfully (always, today); if they ever differ, the selected text is
 * looked up in the block's text, nearest to where it was selected. Null when it cannot be found.
 */
export function mapToBlockText(
  blockText: string,
  domText: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const s = Math.max(0, Math.min(start, end));
  const e = Math.min(Math.max(start, end), domText.length);
  if (e <= s) return null;
  if (domText === blockText) return { start: s, end: e };
  const selected = domText.slice(s, e);
  let best = -1;
  for (let at = blockText.indexOf(selected); at >= 0; at = blockText.indexOf(selected, at + 1)) {
    if (best < 0 || Math.abs(at - s) < Math.abs(best - s)) best = at;
  }
  return best < 0 ? null : { start: best, end: best + selected.length };
}

const HIGH = (code: number) => code >= 0xd800 && code <= 0xdbff;
const LOW = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Widen a UTF-16 range so it never splits a surrogate pair (the main process snaps to whole
 * grapheme clusters as well; this keeps what the toolbar shows and sends honest).
 */
export function widenToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  if (s > 0 && s < text.length && LOW(text.charCodeAt(s)) && HIGH(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && LOW(text.charCodeAt(e)) && HIGH(text.charCodeAt(e - 1))) e++;
  return { start: s, end: e };
}

/** UTF-16 offset of a code-point offset in `text` (clamped to the end). */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let i = 0;
  let count = 0;
  while (i < text.length && count < codePoints) {
    i += HIGH(text.charCodeAt(i)) && LOW(text.charCodeAt(i + 1)) ? 2 : 1;
    count++;
  }
  return i;
}
