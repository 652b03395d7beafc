import { createStore } from '../state/store.js';

// Small pieces of reading state that many components watch but that must not re-render the text:
// the section at the top of the reading pane and the footnote that is open.

/** The section being read (the last heading at or above the top part of the pane). */
export const currentSection = createStore<string | null>(null);

export interface OpenFootnote {
  footnoteId: string;
  /** The marker button that opened it: the popover sits under it and focus returns to it. */
  anchor: HTMLElement;
}

export const openFootnote = createStore<OpenFootnote | null>(null);

export function closeFootnote(returnFocus: boolean): void {
  const open = openFootnote.get();
  if (open === null) return;
  openFootnote.set(null);
  if (returnFocus && open.anchor.isConnected) open.anchor.focus();
}
