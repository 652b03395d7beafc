import { HIGHLIGHT_PASSAGES_MAX } from '../../../main/ipc/limits.js';
import {
  mapToBlockText,
  type NodeLike,
  textContentOf,
  textOffset,
  widenToCodePoints,
} from './text-offsets.js';

// The reader's text selection as an annotation target: which block, and where in its text.

/** The selected part of one block. */
export interface BlockPart {
  blockId: string;
  /** UTF-16 offsets in the block's text. */
  start: number;
  end: number;
  /** The selected text. */
  text: string;
}

export interface SelectionTarget extends BlockPart {
  /** Where the selection is on screen (for placing the toolbar). */
  rect: { top: number; bottom: number; left: number; right: number };
  /**
   * The selected parts of the blocks after this one, in reading order, as many as one highlight
   * may cover with this one (a note goes on this block's part only).
   */
  following: BlockPart[];
  /** The selection runs through more blocks than that. */
  beyond: boolean;
}

export const TEXT_ROOT = '[data-text-root]';

/** Footnote markers and anything marked data-annotate-skip are not part of a block's text. */
export const skipNonText = (node: NodeLike): boolean =>
  node.nodeType === 1 && (node as unknown as Element).matches('.fn-ref, [data-annotate-skip]');

function within(root: Node, node: Node): boolean {
  return root === node || root.contains(node);
}

/**
 * The part of `range` in the first block text it covers, and its parts in up to `parts` − 1 blocks
 * after it (no more than one highlight covers: a whole chapter selected is not walked block by
 * block). `blockText` gives the block's text for its id.
 */
export function targetOfRange(
  range: Range,
  pane: Element,
  blockText: (blockId: string) => string | undefined,
  parts = HIGHLIGHT_PASSAGES_MAX,
): SelectionTarget | null {
  if (range.collapsed) return null;
  const roots = [...pane.querySelectorAll<HTMLElement>(TEXT_ROOT)].filter((root) =>
    range.intersectsNode(root),
  );
  let first: SelectionTarget | null = null;
  for (const root of roots) {
    const part = partIn(root, range, blockText);
    if (part === null) continue;
    if (first === null) {
      const rect = rectOf(range, root, within(root, range.startContainer), within(root, range.endContainer));
      first = { ...part, rect, following: [], beyond: false };
    } else if (first.following.length < parts - 1) first.following.push(part);
    else {
      first.beyond = true;
      break;
    }
  }
  return first;
}

/** The selected part of one block's text root, snapped to whole characters; null if only blank. */
function partIn(
  root: HTMLElement,
  range: Range,
  blockText: (blockId: string) => string | undefined,
): BlockPart | null {
  const blockId = root.dataset.textRoot;
  const text = blockId !== undefined ? blockText(blockId) : undefined;
  if (blockId === undefined || text === undefined) return null;
  const domText = textContentOf(root as unknown as NodeLike, skipNonText);
  // A boundary inside this block counts from its start; one outside it is the block's edge.
  const offsetOf = (container: Node, offset: number, outside: number) =>
    within(root, container)
      ? textOffset(root as unknown as NodeLike, container as unknown as NodeLike, offset, skipNonText)
      : outside;
  const start = offsetOf(range.startContainer, range.startOffset, 0);
  const end = offsetOf(range.endContainer, range.endOffset, domText.length);
  if (start === null || end === null) return null;
  const mapped = mapToBlockText(text, domText, start, end);
  if (mapped === null) return null;
  const widened = widenToCodePoints(text, mapped.start, mapped.end);
  const selected = text.slice(widened.start, widened.end);
  if (selected.trim() === '') return null;
  return { blockId, start: widened.start, end: widened.end, text: selected };
}

function rectOf(range: Range, root: Element, startInside: boolean, endInside: boolean) {
  // The part of the selection in this block, so the toolbar sits next to what it will annotate.
  let box: DOMRect;
  if (startInside && endInside) box = range.getBoundingClientRect();
  else {
    const part = document.createRange();
    if (startInside) part.setStart(range.startContainer, range.startOffset);
    else part.setStart(root, 0);
    if (endInside) part.setEnd(range.endContainer, range.endOffset);
    else part.setEnd(root, root.childNodes.length);
    box = part.getBoundingClientRect();
  }
  if (box.width === 0 && box.height === 0) box = root.getBoundingClientRect();
  return { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
}

/** The current selection of the page as a target inside `pane`, if it is one (see targetOfRange). */
export function currentTarget(
  pane: Element | null,
  blockText: (blockId: string) => string | undefined,
  parts = HIGHLIGHT_PASSAGES_MAX,
): SelectionTarget | null {
  const selection = window.getSelection();
  if (pane === null || selection === null || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!pane.contains(range.commonAncestorContainer) && !within(pane, range.startContainer)) return null;
  return targetOfRange(range, pane, blockText, parts);
}
