import { describe, expect, it } from 'vitest';
import { BundleStore } from '../../main/corpus/bundle-store.js';
import { createHandlers, type HandlerDeps } from '../../main/ipc/handlers.js';
import { tinyBundle } from '../fixtures/tiny-bundle.js';

function deps(overrides: Partial<HandlerDeps> = {}): HandlerDeps & { opened: string[] } {
  const opened: string[] = [];
  const store = new BundleStore(tinyBundle());
  return {
    store: () => store,
    openExternal: async (url) => {
      opened.push(url);
    },
    appInfo: { version: '1.2.3', platform: 'linux', locale: 'zh-CN' },
    opened,
    ...overrides,
  };
}

describe('handlers', () => {
  it('lists every document of the bundle with its metadata and counts', async () => {
    const list = await createHandlers(deps())['library:list']();
    expect(list.map((entry) => entry.id)).toEqual(['report', 'news-daily-life']);
    const [report, article] = list;
    expect(report?.kind).toBe('report');
    expect(report?.title.en).toBe("Report on China's Development of Trade in Services 2020");
    // 4 sections (nested ones included), 3 blocks, 1 dataset, 2 figures in the fixture.
    expect(report?.stats).toEqual({ sections: 4, blocks: 3, datasets: 1, figures: 2 });
    expect(article?.kind).toBe('article');
    expect(article?.stats).toEqual({ sections: 1, blocks: 1, datasets: 0, figures: 0 });
  });

  it('reports the app info it was given', async () => {
    expect(await createHandlers(deps())['app:info']()).toEqual({
      version: '1.2.3',
      platform: 'linux',
      locale: 'zh-CN',
    });
  });

  it('opens allowed URLs through the callback and refuses others even when called directly', async () => {
    const d = deps();
    const handlers = createHandlers(d);
    expect(await handlers['app:openExternal']({ url: 'https://example.org/' })).toBe(true);
    await expect(handlers['app:openExternal']({ url: 'file:///etc/passwd' })).rejects.toThrow(/https/);
    expect(d.opened).toEqual(['https://example.org/']);
  });

  it('loads the store lazily, so a missing bundle surfaces only when the library is asked for', async () => {
    const handlers = createHandlers(
      deps({
        store: () => {
          throw new Error('no bundle');
        },
      }),
    );
    expect((await handlers['app:info']()).version).toBe('1.2.3');
    await expect(handlers['library:list']()).rejects.toThrow('no bundle');
  });
});
