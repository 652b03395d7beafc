import { jumpTo } from '../state/navigation.js';
import type { AnnotationView } from './state.js';

// Going to an annotation from the sidebar: the passage is brought into view (the jump records
// history like every other jump) and the highlight flashes once it is on screen.

const FLASH_CLASS = 'hl--flash';
const WAIT_MS = 3000;

export function highlightElements(id: string, root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`mark[data-annotation-ids~="${CSS.escape(id)}"]`)];
}

/** Flash the highlight of annotation `id` as soon as it is rendered (within a few seconds). */
export function flashHighlight(id: string): void {
  const started = performance.now();
  const tick = () => {
    const marks = highlightElements(id);
    if (marks.length === 0) {
      if (performance.now() - started < WAIT_MS) requestAnimationFrame(tick);
      return;
    }
    for (const mark of marks) {
      mark.classList.remove(FLASH_CLASS);
      void mark.offsetWidth;
      mark.classList.add(FLASH_CLASS);
      mark.addEventListener('animationend', () => mark.classList.remove(FLASH_CLASS), { once: true });
    }
  };
  requestAnimationFrame(tick);
}

export function revealAnnotation(view: AnnotationView): boolean {
  if (view.jumpBlockId === null) return false;
  jumpTo({ docId: view.docId, blockId: view.jumpBlockId }, 'center');
  if (view.kind === 'text') flashHighlight(view.id);
  return true;
}
