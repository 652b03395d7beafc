/// <reference path="../reader-api.d.ts" />
import { useEffect, useRef } from 'react';
import type {
  AnnotationExportResult,
  AnnotationImportResult,
  AnnotationView,
  StoredAnnotation,
} from '../../../main/ipc/schemas/annotations.js';
import { createStore, useStore } from '../state/store.js';
import type { HighlightColor } from './colors.js';

// The user's annotations in the renderer: a copy of what the main process stores (which writes
// every change to disk before it answers), indexed for the text view, plus the state of the
// annotation UI (sidebar, toast, which annotation is open). Every change goes through the main
// process first; the copy is updated from its answer, so what is shown is what is saved.

export type { AnnotationView, StoredAnnotation };

export interface AnnotationsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** All annotations of all texts, in reading order. */
  items: readonly AnnotationView[];
  /** Text annotations that are placed, by block id (what the text draws). */
  byBlock: ReadonlyMap<string, readonly AnnotationView[]>;
  /** Bookmarks by section id. */
  bookmarks: ReadonlyMap<string, AnnotationView>;
  readOnly: boolean;
  /** The store recovered from a damaged file at start (shown once, until dismissed). */
  recovery: { zh: string; en: string } | null;
}

const EMPTY_LIST: readonly AnnotationView[] = Object.freeze([]);

export const annotations = createStore<AnnotationsState>({
  status: 'idle',
  error: null,
  items: EMPTY_LIST,
  byBlock: new Map(),
  bookmarks: new Map(),
  readOnly: false,
  recovery: null,
});

export type SortOrder = 'position' | 'date';
export type KindFilter = 'all' | 'highlighting' | 'commenting' | 'bookmarking' | 'review';

export interface PanelFilters {
  /** Only the open text (true) or every text. */
  thisText: boolean;
  color: HighlightColor | null;
  tag: string | null;
  kind: KindFilter;
  query: string;
  sort: SortOrder;
}

export type Toast =
  | { id: number; kind: 'deleted'; removed: StoredAnnotation; view: AnnotationView }
  | { id: number; kind: 'info'; text: string; tone: 'ok' | 'error' };

export interface AnnotationUi {
  panelOpen: boolean;
  /** The annotation open in the sidebar (expanded for editing). */
  openId: string | null;
  /** Increments when the sidebar should scroll to and focus the open annotation. */
  focusRequest: number;
  filters: PanelFilters;
  toast: Toast | null;
}

export const DEFAULT_FILTERS: PanelFilters = {
  thisText: true,
  color: null,
  tag: null,
  kind: 'all',
  query: '',
  sort: 'position',
};

export const annotationUi = createStore<AnnotationUi>({
  panelOpen: false,
  openId: null,
  focusRequest: 0,
  filters: DEFAULT_FILTERS,
  toast: null,
});

// ---------------------------------------------------------------------------------------------
// Indexing

function byOrder(a: AnnotationView, b: AnnotationView): number {
  return (
    a.order[0] - b.order[0] ||
    a.order[1] - b.order[1] ||
    a.order[2] - b.order[2] ||
    a.created.localeCompare(b.created) ||
    a.id.localeCompare(b.id)
  );
}

function sameList(a: readonly AnnotationView[] | undefined, b: readonly AnnotationView[]): boolean {
  return a !== undefined && a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Is this annotation drawn in the text? */
export function isDrawn(a: AnnotationView): boolean {
  return (
    a.kind === 'text' && a.status === 'anchored' && a.targetId !== null && a.start !== null && a.end !== null
  );
}

/**
 * The state for a new list of items. Per-block lists that did not change keep their identity, so
 * only the passages whose highlights changed re-render.
 */
export function indexItems(
  previous: Pick<AnnotationsState, 'byBlock'>,
  items: readonly AnnotationView[],
): Pick<AnnotationsState, 'items' | 'byBlock' | 'bookmarks'> {
  const sorted = [...items].sort(byOrder);
  const grouped = new Map<string, AnnotationView[]>();
  const bookmarks = new Map<string, AnnotationView>();
  for (const item of sorted) {
    if (item.kind === 'section') {
      if (item.sectionId !== null && item.status === 'anchored') bookmarks.set(item.sectionId, item);
      continue;
    }
    if (!isDrawn(item)) continue;
    const list = grouped.get(item.targetId as string) ?? [];
    list.push(item);
    grouped.set(item.targetId as string, list);
  }
  const byBlock = new Map<string, readonly AnnotationView[]>();
  for (const [blockId, list] of grouped) {
    // Drawn oldest first, so the newest highlight is on top where two overlap.
    list.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
    const old = previous.byBlock.get(blockId);
    byBlock.set(blockId, sameList(old, list) && old ? old : list);
  }
  return { items: sorted, byBlock, bookmarks };
}

/** Keep the previous object of every annotation that did not change (stable identities). */
function reuse(items: readonly AnnotationView[]): AnnotationView[] {
  const known = new Map(annotations.get().items.map((a) => [a.id, a]));
  return items.map((item) => {
    const old = known.get(item.id);
    return old && old.modified === item.modified && old.status === item.status && old.start === item.start
      ? old
      : item;
  });
}

function setItems(items: readonly AnnotationView[]): void {
  annotations.set((s) => ({ ...s, ...indexItems(s, items) }));
}

function upsert(view: AnnotationView): void {
  const items = annotations.get().items.filter((a) => a.id !== view.id);
  setItems([...items, view]);
}

function drop(id: string): void {
  setItems(annotations.get().items.filter((a) => a.id !== id));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// Actions (each answers once the main process has saved the change)

let loading: Promise<void> | null = null;

/** Load every annotation (once; again with `force`) and the store's status. */
export function loadAnnotations(force = false): Promise<void> {
  if (loading !== null && !force) return loading;
  annotations.set((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'loading', error: null }));
  loading = Promise.all([window.reader.listAnnotations({}), window.reader.annotationStatus()]).then(
    ([items, status]) => {
      annotations.set((s) => ({
        ...s,
        ...indexItems(s, reuse(items)),
        status: 'ready',
        error: null,
        readOnly: status.readOnly,
        recovery: status.recovery?.message ?? s.recovery,
      }));
    },
    (error: unknown) => {
      loading = null;
      annotations.set((s) => ({ ...s, status: 'error', error: message(error) }));
    },
  );
  return loading;
}

export function dismissRecovery(): void {
  annotations.set((s) => ({ ...s, recovery: null }));
}

export interface NewHighlight {
  docId: string;
  blockId: string;
  /** UTF-16 offsets in the block's text. */
  start: number;
  end: number;
  color: HighlightColor;
  note?: string;
  noteFormat?: 'text/markdown' | 'text/plain';
  tags?: string[];
}

export async function createHighlight(input: NewHighlight): Promise<AnnotationView> {
  const view = await window.reader.createAnnotation({
    docId: input.docId,
    blockId: input.blockId,
    start: input.start,
    end: input.end,
    color: input.color,
    ...(input.note !== undefined && input.note !== '' ? { note: input.note } : {}),
    ...(input.noteFormat !== undefined ? { noteFormat: input.noteFormat } : {}),
    ...(input.tags !== undefined && input.tags.length > 0 ? { tags: input.tags } : {}),
  });
  upsert(view);
  return view;
}

/** Highlights the parts of a selection across passages, one highlight each: all saved, or none. */
export async function createHighlights(
  docId: string,
  color: HighlightColor,
  parts: readonly { blockId: string; start: number; end: number }[],
): Promise<AnnotationView[]> {
  const views = await window.reader.createAnnotations({
    docId,
    color,
    parts: parts.map(({ blockId, start, end }) => ({ blockId, start, end })),
  });
  for (const view of views) upsert(view);
  return views;
}

export interface AnnotationChange {
  note?: string;
  noteFormat?: 'text/markdown' | 'text/plain';
  tags?: string[];
  color?: HighlightColor;
}

export async function updateAnnotation(id: string, change: AnnotationChange): Promise<AnnotationView> {
  const view = await window.reader.updateAnnotation({ id, ...change });
  upsert(view);
  return view;
}

let toastCounter = 0;
/** How long the "Deleted · Undo" toast stays. */
export const UNDO_MS = 8000;

export function showToast(text: string, tone: 'ok' | 'error' = 'ok'): void {
  annotationUi.set((s) => ({ ...s, toast: { id: ++toastCounter, kind: 'info', text, tone } }));
}

export function dismissToast(id?: number): void {
  annotationUi.set((s) =>
    s.toast === null || (id !== undefined && s.toast.id !== id) ? s : { ...s, toast: null },
  );
}

/** Delete one; a toast offers to undo it for UNDO_MS. */
export async function removeAnnotation(id: string): Promise<void> {
  const view = annotations.get().items.find((a) => a.id === id);
  const { removed } = await window.reader.removeAnnotation({ id });
  drop(id);
  annotationUi.set((s) => ({
    ...s,
    openId: s.openId === id ? null : s.openId,
    toast: removed && view ? { id: ++toastCounter, kind: 'deleted', removed, view } : s.toast,
  }));
}

/** Undo the deletion the toast shows; false when there is none. */
export async function undoRemove(): Promise<boolean> {
  const toast = annotationUi.get().toast;
  if (toast?.kind !== 'deleted') return false;
  dismissToast(toast.id);
  const view = await window.reader.restoreAnnotation({ annotation: toast.removed });
  upsert(view);
  return true;
}

/** Bookmark a section, or remove its bookmark (with undo) when it has one. */
export async function toggleBookmark(docId: string, sectionId: string): Promise<'added' | 'removed'> {
  const existing = annotations.get().bookmarks.get(sectionId);
  if (existing) {
    await removeAnnotation(existing.id);
    return 'removed';
  }
  upsert(await window.reader.bookmarkSection({ docId, sectionId }));
  return 'added';
}

export type ExportFormat = 'md' | 'html' | 'csv' | 'json';

export function exportAnnotations(request: {
  format: ExportFormat;
  lang: 'zh' | 'en';
  filter: {
    docId?: string;
    color?: HighlightColor;
    tag?: string;
    motivation?: AnnotationView['motivation'];
    status?: AnnotationView['status'];
  };
  query: string;
}): Promise<AnnotationExportResult> {
  return window.reader.exportAnnotations({
    format: request.format,
    lang: request.lang,
    filter: request.filter,
    ...(request.query.trim() !== '' ? { query: request.query.trim() } : {}),
  });
}

export async function importAnnotations(): Promise<AnnotationImportResult> {
  const result = await window.reader.importAnnotations();
  if (result.imported) await loadAnnotations(true);
  return result;
}

// ---------------------------------------------------------------------------------------------
// UI

export function setPanelOpen(open: boolean): void {
  annotationUi.set((s) => (s.panelOpen === open ? s : { ...s, panelOpen: open }));
}

/** Open an annotation in the sidebar (from a click on its highlight). */
export function openInPanel(id: string): void {
  annotationUi.set((s) => ({ ...s, panelOpen: true, openId: id, focusRequest: s.focusRequest + 1 }));
}

export function setOpenId(id: string | null): void {
  annotationUi.set((s) => ({ ...s, openId: id }));
}

export function setFilters(patch: Partial<PanelFilters>): void {
  annotationUi.set((s) => ({ ...s, filters: { ...s.filters, ...patch } }));
}

/**
 * The annotations sidebar and the search panel share the side of the reading view: opening one
 * closes the other. Returns whether the annotations sidebar is open.
 */
export function useExclusivePanels(searchOpen: boolean, closeSearch: () => void): boolean {
  const panelOpen = useStore(annotationUi, (s) => s.panelOpen);
  const previous = useRef({ searchOpen, panelOpen });
  useEffect(() => {
    const before = previous.current;
    previous.current = { searchOpen, panelOpen };
    if (searchOpen && panelOpen) {
      if (!before.searchOpen) setPanelOpen(false);
      else if (!before.panelOpen) closeSearch();
    }
  });
  return panelOpen;
}
