import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BundleStore, SEARCH_INDEX_FILE } from '../corpus/bundle-store.js';
import type { CompactIndex } from './compact-index.js';
import { SearchEngine } from './engine.js';
import { Glossary, readGlossary } from './glossary.js';

export function glossaryPath(assetsDir: string): string {
  return path.join(assetsDir, 'glossary', 'glossary.json');
}

/** Loads the prebuilt index next to the bundle and the glossary from the assets. */
export function loadSearchEngine(
  bundleDirectory: string,
  assetsDir: string,
  store: BundleStore,
): SearchEngine {
  const data = JSON.parse(
    readFileSync(path.join(bundleDirectory, SEARCH_INDEX_FILE), 'utf8'),
  ) as CompactIndex;
  return new SearchEngine(data, store, new Glossary(readGlossary(glossaryPath(assetsDir))));
}
