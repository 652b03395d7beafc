import type { SelectionTarget } from './selection.js';

// The reading pane the annotation layer's floating boxes sit on, and where the selection toolbar
// and the note composer go (the highlight tip places itself below its highlight).

const PANE = 'main.reading-pane';
const GAP = 10;

/** The scrolling reading pane the annotations sit on. */
export function pane(): HTMLElement | null {
  return document.querySelector<HTMLElement>(PANE);
}

/** Place a floating box of `size` above (else below) a rectangle, inside the window. */
export function placeNear(
  rect: SelectionTarget['rect'],
  size: { width: number; height: number },
  at?: { x: number; y: number },
): { top: number; left: number } {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const centre = at ? at.x : (rect.left + rect.right) / 2;
  const left = Math.max(8, Math.min(centre - size.width / 2, vw - size.width - 8));
  let top = (at ? Math.min(at.y, rect.top) : rect.top) - size.height - GAP;
  if (top < 64) top = (at ? Math.max(at.y, rect.bottom) : rect.bottom) + GAP;
  top = Math.max(8, Math.min(top, vh - size.height - 8));
  return { top, left };
}

/** Whether any of a rectangle is inside the visible part of the reading pane. */
export function inView(rect: SelectionTarget['rect'], scroller: HTMLElement | null): boolean {
  if (scroller === null) return false;
  const box = scroller.getBoundingClientRect();
  return rect.bottom > box.top && rect.top < box.bottom;
}
