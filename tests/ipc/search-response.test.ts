import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureFreshBundle } from '../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import { SearchResponseSchema } from '../../main/ipc/schemas/search.js';
import { loadSearchEngine } from '../../main/search/load.js';

// The search:query reply schema against the real engine over the real bundle: whatever the engine
// answers for these queries must pass, unchanged, through the contract.

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('search:query reply schema', () => {
  ensureFreshBundle(ROOT);
  const store = BundleStore.load(bundleDir(ROOT));
  const engine = loadSearchEngine(bundleDir(ROOT), path.join(ROOT, 'assets'), store);

  it.each(['insurance', '保险 数字化', '中國', '"digital trade"', '服务 -保险', 'xyzzyq', 'the of', ''])(
    'accepts the engine reply for %j',
    (query) => {
      const response = engine.search(query, { limit: 50 });
      const parsed = SearchResponseSchema.safeParse(response);
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
      if (!parsed.success) return;
      const { query: _query, ...rest } = response as typeof response & { query?: string };
      expect(parsed.data).toEqual(rest);
      for (const hit of parsed.data.hits) {
        for (const [s, e] of hit.marks) expect(e <= hit.text.length && s < e).toBe(true);
        for (const [s, e] of hit.highlights) expect(e <= hit.snippet.length && s < e).toBe(true);
      }
    },
  );
});
