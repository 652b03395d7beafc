import { readFileSync } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleDir } from '../../main/corpus/bundle-store.js';
import type { Bundle } from '../../main/corpus/types.js';
import { type CompactIndex, LoadedIndex } from '../../main/search/compact-index.js';
import { buildLunrIndex, buildSearchIndex } from '../../main/search/index-build.js';
import { ROOT } from '../corpus/report-fixture.js';

let bundle: Bundle;
let compactData: CompactIndex;

beforeAll(() => {
  bundle = JSON.parse(readFileSync(path.join(bundleDir(ROOT), 'bundle.json'), 'utf8')) as Bundle;
  compactData = buildSearchIndex(bundle);
});

const queries: { terms: string[]; wildcard?: boolean }[] = [
  { terms: ['保险', '险服'] },
  { terms: ['服务'] },
  { terms: ['rcep'] },
  { terms: ['保'], wildcard: true },
  { terms: ['digit', 'trade'] },
  { terms: ['2020', '中医'] },
  { terms: ['不存在的词'] },
];

function run(index: lunr.Index, q: { terms: string[]; wildcard?: boolean }) {
  return index
    .query((query) => {
      for (const term of q.terms) {
        query.term(term, {
          usePipeline: false,
          wildcard: q.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
        });
      }
    })
    .map((r) => ({
      ref: r.ref,
      score: Math.round(r.score * 1e6) / 1e6,
      terms: Object.keys(r.matchData.metadata).sort(),
    }));
}

describe('compact search index', () => {
  it('answers every query exactly as lunr’s own serialisation does', () => {
    const original = buildLunrIndex(bundle);
    const reloaded = lunr.Index.load(JSON.parse(JSON.stringify(original)));
    const compact = new LoadedIndex(JSON.parse(JSON.stringify(compactData)));
    for (const q of queries) {
      expect(run(compact.index, q)).toEqual(run(reloaded, q));
    }
  });

  it('keeps each term’s positions for highlighting', () => {
    const compact = new LoadedIndex(compactData);
    const blocks = bundle.documents.flatMap((d) => d.blocks);
    const ref = blocks.findIndex((b) => b.type === 'heading' && b.text === '保险服务');
    expect(compact.positions('险服', 'heading', ref)).toEqual([[1, 2]]);
    expect(compact.positions('险服', 'body', ref)).toBeUndefined();
    expect(compact.documentFrequency('服务')).toBeGreaterThan(300);
  });

  it('answers for terms it lacks, however many are asked for, and still finds the ones it has', () => {
    const compact = new LoadedIndex(compactData);
    const blocks = bundle.documents.flatMap((d) => d.blocks);
    const ref = blocks.findIndex((b) => b.type === 'heading' && b.text === '保险服务');
    expect(compact.positions('险服', 'heading', ref)).toEqual([[1, 2]]);
    // More absent terms than the index remembers as absent (a long session of odd queries).
    for (let i = 0; i < 25_000; i++) {
      expect(compact.positions(`无${i.toString(36)}`, 'body', ref)).toBeUndefined();
      expect(compact.documentFrequency(`zz${i}`)).toBe(0);
    }
    // The memory of absent terms (private: reached for this check only) stays bounded.
    expect((compact as unknown as { absent: Set<string> }).absent.size).toBeLessThanOrEqual(10_000);
    expect(compact.positions('险服', 'heading', ref)).toEqual([[1, 2]]);
    expect(compact.documentFrequency('保险')).toBeGreaterThan(10);
  });

  it('refuses an index of another version', () => {
    const data = { ...compactData, version: 99 };
    expect(() => new LoadedIndex(data)).toThrow(/version 99/u);
  });
});
