import type { SearchHitPayload, SearchResult } from '../../../main/ipc/schemas/search.js';
import { createStore, type Store } from '../state/store.js';

// The search panel's state, outside React so keys (F3, Ctrl+F) and the reading view (marks in the
// text) share it. Queries run as the user types: the first keystroke after a pause searches at
// once, further ones at most every `delayMs`; an answer that arrives after a newer query was sent
// is dropped, so results never jump back to an older query.

export type SearchRequest = { query: string; docId?: string; limit?: number };
export type SearchFn = (request: SearchRequest) => Promise<SearchResult>;

export interface SearchState {
  open: boolean;
  query: string;
  /** Only this document, or all of them. */
  docId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  response: SearchResult | null;
  /** The query (as sent) that `response` answers. */
  responseQuery: string;
  error: string | null;
  /** The hit last opened (index into response.hits), -1 for none. */
  active: number;
  /** Bumped to ask the panel to focus its search box. */
  focusRequest: number;
}

export interface SearchController {
  store: Store<SearchState>;
  setQuery(query: string): void;
  setScope(docId: string | null): void;
  /** Opens the panel and asks for the search box to be focused. */
  open(): void;
  close(): void;
  /** Marks hit `index` as the one being read and returns it. */
  select(index: number): SearchHitPayload | undefined;
  /** The next (+1) or previous (-1) hit from the active one, wrapping around. */
  step(direction: 1 | -1): SearchHitPayload | undefined;
}

export interface SearchControllerOptions {
  delayMs?: number;
  limit?: number;
  now?: () => number;
}

export const SEARCH_DELAY_MS = 120;

/**
 * The hits in the order the panel lists them and F3 walks them: passages with every term first,
 * grouped by text (texts in order of their best hit, hits in rank order), then the close ones.
 */
export function orderForDisplay(response: SearchResult): SearchResult {
  const group = (hits: SearchResult['hits']) => {
    const docs: string[] = [];
    for (const hit of hits) if (!docs.includes(hit.docId)) docs.push(hit.docId);
    return docs.flatMap((doc) => hits.filter((hit) => hit.docId === doc));
  };
  const hits =
    response.mode === 'all'
      ? [
          ...group(response.hits.filter((h) => h.matchedAll)),
          ...group(response.hits.filter((h) => !h.matchedAll)),
        ]
      : group(response.hits);
  return { ...response, hits };
}
export const SEARCH_LIMIT = 100;

export function createSearchController(
  search: SearchFn,
  options: SearchControllerOptions = {},
): SearchController {
  const delay = options.delayMs ?? SEARCH_DELAY_MS;
  const limit = options.limit ?? SEARCH_LIMIT;
  const now = options.now ?? (() => performance.now());
  const store = createStore<SearchState>({
    open: false,
    query: '',
    docId: null,
    status: 'idle',
    response: null,
    responseQuery: '',
    error: null,
    active: -1,
    focusRequest: 0,
  });
  let sequence = 0;
  let lastSent = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fire = () => {
    timer = undefined;
    const { query, docId } = store.get();
    const trimmed = query.trim();
    const id = ++sequence;
    if (trimmed === '') {
      store.set((s) => ({
        ...s,
        status: 'idle',
        response: null,
        responseQuery: '',
        error: null,
        active: -1,
      }));
      return;
    }
    lastSent = now();
    store.set((s) => ({ ...s, status: 'loading' }));
    search({ query: trimmed, limit, ...(docId !== null ? { docId } : {}) }).then(
      (response) => {
        if (id !== sequence) return;
        store.set((s) => ({
          ...s,
          status: 'ready',
          response: orderForDisplay(response),
          responseQuery: trimmed,
          error: null,
          active: -1,
        }));
      },
      (error: unknown) => {
        if (id !== sequence) return;
        store.set((s) => ({
          ...s,
          status: 'error',
          error: error instanceof Error ? error.message : String(error),
        }));
      },
    );
  };

  const schedule = () => {
    if (store.get().query.trim() === '') {
      if (timer !== undefined) clearTimeout(timer);
      fire();
      return;
    }
    if (timer !== undefined) return; // the pending run reads the latest query
    const wait = lastSent + delay - now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };

  const hitAt = (index: number) => store.get().response?.hits[index];

  return {
    store,
    setQuery(query) {
      if (query === store.get().query) return;
      store.set((s) => ({ ...s, query }));
      schedule();
    },
    setScope(docId) {
      if (docId === store.get().docId) return;
      store.set((s) => ({ ...s, docId }));
      schedule();
    },
    open() {
      store.set((s) => ({ ...s, open: true, focusRequest: s.focusRequest + 1 }));
    },
    close() {
      store.set((s) => ({ ...s, open: false }));
    },
    select(index) {
      const hit = hitAt(index);
      if (hit !== undefined) store.set((s) => ({ ...s, active: index }));
      return hit;
    },
    step(direction) {
      const response = store.get().response;
      if (!response) return undefined;
      // F3 walks the passages the count speaks of: those with every term, when there are any.
      const count =
        response.mode === 'all' ? response.hits.filter((h) => h.matchedAll).length : response.hits.length;
      if (count === 0) return undefined;
      const { active } = store.get();
      const next =
        active < 0 || active >= count
          ? direction === 1
            ? 0
            : count - 1
          : (active + direction + count) % count;
      return this.select(next);
    },
  };
}
