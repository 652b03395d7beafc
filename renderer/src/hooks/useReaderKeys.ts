import { useEffect, useRef } from 'react';

// The reading view's keyboard shortcuts, on the window. Keys that type text are left alone in
// text fields; keys that activate controls (Space) are left alone on controls.

export interface ReaderKeyActions {
  search(): void;
  nextMatch(direction: 1 | -1): void;
  back(): void;
  forward(): void;
  section(direction: 1 | -1): void;
  page(direction: 1 | -1): void;
  help(): void;
  escape(): boolean;
}

function isTextField(el: Element | null): boolean {
  if (el === null) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(el.type);
  return (el as HTMLElement).isContentEditable;
}

function isControl(el: Element | null): boolean {
  return (
    el?.closest('button, a[href], input, select, textarea, summary, [role="treeitem"], [role="button"]') !=
    null
  );
}

export function useReaderKeys(actions: ReaderKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const a = ref.current;
      const target = event.target instanceof Element ? event.target : document.activeElement;
      const mod = event.ctrlKey || event.metaKey;
      const handled = (run: () => void) => {
        event.preventDefault();
        run();
      };
      if (document.querySelector('dialog[open]') !== null) return; // the modal handles its own keys
      if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f')
        return handled(a.search);
      if (event.key === 'F3') return handled(() => a.nextMatch(event.shiftKey ? -1 : 1));
      if (event.altKey && !mod && !event.shiftKey && event.key === 'ArrowLeft') return handled(a.back);
      if (event.altKey && !mod && !event.shiftKey && event.key === 'ArrowRight') return handled(a.forward);
      if (event.key === 'Escape') {
        if (a.escape()) event.preventDefault();
        return;
      }
      if (mod || event.altKey || isTextField(target)) return;
      if (event.key === 'PageDown') return handled(() => a.page(1));
      if (event.key === 'PageUp') return handled(() => a.page(-1));
      if (event.key === ' ' && !isControl(target)) return handled(() => a.page(event.shiftKey ? -1 : 1));
      if (event.key === '[') return handled(() => a.section(-1));
      if (event.key === ']') return handled(() => a.section(1));
      if (event.key === '?') return handled(a.help);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
