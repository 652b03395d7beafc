import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import { buildReaderApi } from '../../main/ipc/client.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import type { SearchResult } from '../../main/ipc/schemas/search.js';
import { loadSearchEngine } from '../../main/search/load.js';
import {
  createSearchController,
  orderForDisplay,
  type SearchRequest,
} from '../../renderer/src/search/search-controller.js';

// The search panel's controller over the real window.reader client, dispatcher, handlers and
// engine on the real bundle; only the clock is faked so the throttling can be stepped through.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const store = BundleStore.load(bundleDir(ROOT));
const engine = loadSearchEngine(bundleDir(ROOT), path.join(ROOT, 'assets'), store);
const api = buildReaderApi(
  createDispatch(
    createHandlers({
      store: () => store,
      openExternal: async () => undefined,
      appInfo: { version: '1', platform: 'linux', locale: 'zh-CN' },
      search: () => engine,
    }),
  ),
);

function controller() {
  const sent: SearchRequest[] = [];
  let now = 0;
  const search = createSearchController(
    (request) => {
      sent.push(request);
      return api.search(request);
    },
    { delayMs: 120, now: () => now },
  );
  return {
    search,
    sent,
    advance: async (ms: number) => {
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
    },
  };
}

/** Resolves once the controller has an answer for `query`. */
async function settled(
  search: ReturnType<typeof controller>['search'],
  query: string,
): Promise<SearchResult> {
  await vi.waitFor(() => {
    const state = search.store.get();
    if (state.status !== 'ready' || state.responseQuery !== query) throw new Error('not yet');
  });
  return search.store.get().response as SearchResult;
}

describe('search controller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('searches on the first keystroke at once, then at most every 120 ms, ending on the last query', async () => {
    const { search, sent, advance } = controller();
    search.setQuery('保');
    expect(sent.map((r) => r.query)).toEqual(['保']);
    search.setQuery('保险');
    search.setQuery('保险服');
    expect(sent).toHaveLength(1);
    await advance(119);
    expect(sent).toHaveLength(1);
    await advance(1);
    expect(sent.map((r) => r.query)).toEqual(['保', '保险服']);
    search.setQuery('保险服务');
    await advance(120);
    expect(sent.map((r) => r.query)).toEqual(['保', '保险服', '保险服务']);
    const response = await settled(search, '保险服务');
    expect(response.mode).toBe('all');
    // The passages with every term come first, as many as counted.
    const full = Math.min(response.total, response.hits.length);
    expect(response.hits.slice(0, full).every((h) => h.matchedAll)).toBe(true);
  });

  it('drops an answer that arrives after a newer query was sent', async () => {
    const slow = createSearchController(
      (request) =>
        new Promise<SearchResult>((resolve) => {
          // The first query's answer comes back last.
          setTimeout(() => resolve(api.search(request)), request.query === 'insurance' ? 500 : 10);
        }),
      { delayMs: 120, now: () => 0 },
    );
    slow.setQuery('insurance');
    await vi.advanceTimersByTimeAsync(150);
    slow.setQuery('数字贸易');
    await vi.advanceTimersByTimeAsync(200);
    expect(slow.store.get().responseQuery).toBe('数字贸易');
    await vi.advanceTimersByTimeAsync(600);
    expect(slow.store.get().responseQuery).toBe('数字贸易');
    expect(slow.store.get().response?.understood[0]?.input).toBe('数字贸易');
  });

  it('limits to one text when asked, and clears when the box is emptied', async () => {
    const { search, sent, advance } = controller();
    search.setScope('paper');
    search.setQuery('服务贸易');
    const response = await settled(search, '服务贸易');
    expect(sent.at(-1)).toMatchObject({ docId: 'paper' });
    expect(response.hits.length).toBeGreaterThan(0);
    expect(new Set(response.hits.map((h) => h.docId))).toEqual(new Set(['paper']));
    search.setQuery('   ');
    await advance(0);
    expect(search.store.get()).toMatchObject({ status: 'idle', response: null, active: -1 });
  });

  it('steps through the hits, wrapping around, from none selected', async () => {
    const { search } = controller();
    search.setQuery('insurance');
    const response = await settled(search, 'insurance');
    // F3 walks the passages with every term (the close matches after them are listed, not walked).
    expect(response.mode).toBe('all');
    const count = response.hits.filter((h) => h.matchedAll).length;
    expect(count).toBeGreaterThan(2);
    expect(response.hits.length).toBeGreaterThan(count);
    expect(search.step(1)?.blockId).toBe(response.hits[0]?.blockId);
    expect(search.step(1)?.blockId).toBe(response.hits[1]?.blockId);
    expect(search.step(-1)?.blockId).toBe(response.hits[0]?.blockId);
    expect(search.step(-1)?.blockId).toBe(response.hits[count - 1]?.blockId);
    expect(search.store.get().active).toBe(count - 1);
    expect(search.select(response.hits.length + 5)).toBeUndefined();
  });

  it('keeps the hits in the order the panel lists them, so F3 walks down the list', async () => {
    const { search } = controller();
    // 服务贸易 is in every text: the full matches of several texts interleave in rank order.
    search.setQuery('服务贸易');
    const response = await settled(search, '服务贸易');
    const full = response.hits.filter((h) => h.matchedAll);
    expect(new Set(full.map((h) => h.docId)).size).toBeGreaterThan(1);
    // Each text's hits are together, texts in order of their best hit.
    const runs = full.map((h) => h.docId).filter((doc, i, docs) => doc !== docs[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    expect(search.step(1)?.blockId).toBe(full[0]?.blockId);
    expect(search.step(1)?.blockId).toBe(full[1]?.blockId);
  });

  it('opens with a request to focus the box and closes', () => {
    const { search } = controller();
    search.open();
    search.open();
    expect(search.store.get()).toMatchObject({ open: true, focusRequest: 2 });
    search.close();
    expect(search.store.get().open).toBe(false);
  });
});

describe('display order', () => {
  const hit = (docId: string, blockId: string, matchedAll: boolean) => ({
    docId,
    blockId,
    type: 'paragraph' as const,
    sectionId: 's',
    sectionPath: [],
    snippet: '',
    highlights: [],
    marks: [],
    text: '',
    score: 1,
    matchedAll,
  });
  const base = { understood: [], total: 3, truncated: false, onlyStopWords: false };

  it('lists full matches grouped by text in rank order, then the close ones', () => {
    const ordered = orderForDisplay({
      ...base,
      mode: 'all',
      hits: [
        hit('report', 'a', true),
        hit('paper', 'b', true),
        hit('report', 'c', true),
        hit('paper', 'd', false),
        hit('report', 'e', false),
      ],
    });
    expect(ordered.hits.map((h) => h.blockId)).toEqual(['a', 'c', 'b', 'd', 'e']);
  });

  it('only groups when no passage has every term', () => {
    const ordered = orderForDisplay({
      ...base,
      mode: 'best',
      hits: [hit('paper', 'b', false), hit('report', 'a', false), hit('paper', 'c', false)],
    });
    expect(ordered.hits.map((h) => h.blockId)).toEqual(['b', 'c', 'a']);
  });
});
