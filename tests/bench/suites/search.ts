import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { ensureFreshBundle } from '../../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir, SEARCH_INDEX_FILE } from '../../../main/corpus/bundle-store.js';
import type { CompactIndex } from '../../../main/search/compact-index.js';
import { SearchEngine } from '../../../main/search/engine.js';
import { Glossary, readGlossary } from '../../../main/search/glossary.js';
import { buildSearchIndex } from '../../../main/search/index-build.js';
import { glossaryPath } from '../../../main/search/load.js';
import { normalize } from '../../../main/search/normalize.js';
import { tokenize } from '../../../main/search/tokenize.js';
import { SEARCH_LIMIT } from '../../../renderer/src/search/search-controller.js';
import type { BenchSuite } from '../index.js';
import { percentile, round, timeMs } from '../stats.js';

// Search: index size and load time, and query latency over the labelled queries, for our engine,
// a plain substring scan and MiniSearch (same tokenizer), all on the same passages.

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const ROUNDS = 5;
const WARM_ROUNDS = 20;

function labelledQueries(): string[] {
  const file = path.join(ROOT, 'tests', 'search', 'relevance.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { query: string }[]).map((q) => q.query);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function latencies(
  queries: string[],
  run: (q: string) => unknown,
  warmUpRounds = 1,
): { p50: number; p95: number } {
  const samples: number[] = [];
  for (let r = 0; r < warmUpRounds; r++) for (const q of queries) run(q); // not measured
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of queries) {
      const start = performance.now();
      run(q);
      samples.push(performance.now() - start);
    }
  }
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

const suite: BenchSuite = {
  name: 'search',
  async run() {
    ensureFreshBundle(ROOT);
    const store = BundleStore.load(bundleDir(ROOT));
    const indexFile = path.join(bundleDir(ROOT), SEARCH_INDEX_FILE);
    const raw = readFileSync(indexFile, 'utf8');
    const buildMs = await timeMs(() => buildSearchIndex(store.bundle), 3, 0);
    const glossary = existsSync(glossaryPath(path.join(ROOT, 'assets')))
      ? new Glossary(readGlossary(glossaryPath(path.join(ROOT, 'assets'))))
      : Glossary.empty();

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let engine: SearchEngine | undefined;
    const loadMs = await timeMs(
      () => {
        engine = new SearchEngine(JSON.parse(raw) as CompactIndex, store, glossary);
      },
      9,
      2,
    );
    gc();
    const heapAfterLoad = process.memoryUsage().heapUsed - heapBefore;
    if (!engine) throw new Error('engine did not load');
    const ours = engine;

    const queries = labelledQueries();
    const blocks = store.documents().flatMap((d) => d.blocks);
    const normalized = blocks.map((b) => normalize(b.text));
    const scan = (q: string) => {
      const terms = normalize(q).split(/\s+/u).filter(Boolean);
      const hits: number[] = [];
      normalized.forEach((text, i) => {
        if (terms.every((t) => text.includes(t))) hits.push(i);
      });
      return hits;
    };
    const terms = (text: string) => tokenize(text).map((t) => t.term);
    const mini = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      tokenize: terms,
      processTerm: (t) => t,
    });
    mini.addAll(blocks.map((b, id) => ({ id, text: b.text })));

    const oursLatency = latencies(queries, (q) => ours.search(q, { limit: 20 }));
    // The reader's search panel asks for 100 hits; and after a session's worth of queries the
    // JIT has finished optimising (the figures above are from the first rounds).
    const oursPanelLatency = latencies(queries, (q) => ours.search(q, { limit: SEARCH_LIMIT }));
    const oursWarmLatency = latencies(queries, (q) => ours.search(q, { limit: 20 }), WARM_ROUNDS);
    const scanLatency = latencies(queries, scan);
    const miniLatency = latencies(queries, (q) => mini.search(q, { tokenize: terms, processTerm: (t) => t }));

    return {
      passages: blocks.length,
      queries: queries.length,
      indexBuildMs: round(buildMs, 1),
      indexBytes: raw.length,
      indexBytesGzip: gzipSync(raw).length,
      indexLoadMs: round(loadMs, 2),
      heapAfterLoadBytes: heapAfterLoad,
      queryMs: oursLatency,
      queryMsLimit100: oursPanelLatency,
      queryMsWarm: oursWarmLatency,
      substringScanMs: scanLatency,
      miniSearchMs: miniLatency,
      ratioOursToScanP95: round(oursLatency.p95 / scanLatency.p95, 2),
      ratioOursToMiniSearchP95: round(oursLatency.p95 / miniLatency.p95, 2),
    };
  },
};

export default suite;
