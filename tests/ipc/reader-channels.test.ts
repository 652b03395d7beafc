import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleStore } from '../../main/corpus/bundle-store.js';
import { buildReaderApi } from '../../main/ipc/client.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createHandlers, type HandlerDeps } from '../../main/ipc/handlers.js';
import { SearchEngine } from '../../main/search/engine.js';
import { Glossary } from '../../main/search/glossary.js';
import { buildSearchIndex } from '../../main/search/index-build.js';
import { openUserData } from '../../main/settings/index.js';
import { DEFAULT_SETTINGS } from '../../main/settings/schema.js';
import { tinyBundle } from '../fixtures/tiny-bundle.js';

// The reading view's channels end to end through the real dispatcher and the client the preload
// builds (window.reader), over the tiny bundle, a search engine built from it and a temporary
// user data folder.

function setup(overrides: Partial<HandlerDeps> = {}) {
  const bundle = tinyBundle();
  const store = new BundleStore(bundle);
  const engine = new SearchEngine(buildSearchIndex(bundle), store, Glossary.empty());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-ipc-data-'));
  const userData = openUserData(dataDir, { debounceMs: 10 });
  const dispatch = createDispatch(
    createHandlers({
      store: () => store,
      openExternal: async () => undefined,
      appInfo: { version: '1', platform: 'linux', locale: 'zh-CN' },
      search: () => engine,
      userData: () => userData,
      ...overrides,
    }),
  );
  const api = buildReaderApi((channel, request) => dispatch(channel, request));
  return { api, dispatch, dataDir, userData, bundle };
}

describe('reader channels', () => {
  it('sends a whole document: metadata, sections, blocks, datasets and figures', async () => {
    const { api, bundle } = setup();
    const doc = await api.getDocument({ docId: 'report' });
    const source = bundle.documents[0];
    expect(doc.meta.id).toBe('report');
    expect(doc.sections).toEqual(source?.sections);
    expect(doc.blocks).toEqual(source?.blocks);
    expect(doc.datasets).toEqual(source?.datasets);
    expect(doc.figures).toEqual(source?.figures);
    await expect(api.getDocument({ docId: 'missing' })).rejects.toThrow('No document "missing".');
  });

  it('searches, and only in the document asked for', async () => {
    const { api } = setup();
    const all = await api.search({ query: '服务贸易' });
    expect(all.mode).toBe('all');
    expect(all.hits.map((h) => h.blockId)).toContain('report.b-2');
    const hit = all.hits.find((h) => h.blockId === 'report.b-2');
    expect(hit?.sectionPath).toEqual(['综述篇', '第一章']);
    expect(hit?.marks.length).toBeGreaterThan(0);
    const onlyNews = await api.search({ query: '服务贸易', docId: 'news-daily-life' });
    expect(onlyNews.hits).toEqual([]);
    await expect(api.search({ query: 'x', docId: 'nope' })).rejects.toThrow('No document');
  });

  it('passes a query longer than the limit on, cut', async () => {
    const seen: string[] = [];
    const { api } = setup({
      search: () => ({
        search: (query) => {
          seen.push(query);
          return {
            query,
            understood: [],
            hits: [],
            total: 0,
            mode: 'none',
            truncated: true,
            onlyStopWords: false,
          };
        },
      }),
    });
    await api.search({ query: '新闻'.repeat(600) });
    expect(seen[0]?.length).toBe(1000);
  });

  it('keeps settings and positions in the user data folder', async () => {
    const { api, dataDir, userData } = setup();
    expect(await api.getSettings()).toEqual({ settings: DEFAULT_SETTINGS, notices: [] });
    expect(await api.setSettings({ theme: 'dark', fontSize: 21 })).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      fontSize: 21,
    });
    await expect(api.setSettings({ fontSize: 99 })).rejects.toThrow(/fontSize/);
    expect((await api.getSettings()).settings.fontSize).toBe(21);

    expect(await api.getProgress()).toEqual({});
    const entry = await api.setProgress({ docId: 'report', blockId: 'report.b-2' });
    expect(entry.blockId).toBe('report.b-2');
    expect(Number.isNaN(Date.parse(entry.updatedAt))).toBe(false);
    expect(await api.getProgress()).toEqual({ report: entry });
    userData.flush();
    expect(JSON.parse(readFileSync(path.join(dataDir, 'progress.json'), 'utf8')).documents.report).toEqual(
      entry,
    );
  });

  it('refuses a position in a block the document does not have', async () => {
    const { api } = setup();
    await expect(api.setProgress({ docId: 'report', blockId: 'news.b-1' })).rejects.toThrow('No block');
    await expect(api.setProgress({ docId: 'nope', blockId: 'report.b-2' })).rejects.toThrow('No document');
    expect(await api.getProgress()).toEqual({});
  });

  it('says plainly when a build has no settings storage or search', async () => {
    const { dispatch } = setup({ userData: undefined, search: undefined });
    expect(await dispatch('settings:get', undefined)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Settings storage is not available in this build.' },
    });
    const reply = await dispatch('search:query', { query: 'x' });
    expect(!reply.ok && reply.error.message).toBe('Search is not available in this build.');
  });
});
