import path from 'node:path';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import type { SearchEngine } from '../../main/search/engine.js';
import { loadSearchEngine } from '../../main/search/load.js';
import { ROOT } from '../corpus/report-fixture.js';

let engine: SearchEngine | undefined;

/** The real engine over the built bundle and the bundled glossary, loaded once per test file. */
export function realEngine(): SearchEngine {
  if (!engine) {
    const store = BundleStore.load(bundleDir(ROOT));
    engine = loadSearchEngine(bundleDir(ROOT), path.join(ROOT, 'assets'), store);
  }
  return engine;
}
