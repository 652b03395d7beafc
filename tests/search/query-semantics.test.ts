import { describe, expect, it } from 'vitest';
import { realEngine } from './engine-fixture.js';

const ids = (query: string, limit = 10) =>
  realEngine()
    .search(query, { limit })
    .hits.map((h) => h.blockId);

describe('query semantics', () => {
  it('puts passages containing every term first and counts only them', () => {
    const response = realEngine().search('保险 跨境', { limit: 200 });
    expect(response.mode).toBe('all');
    const all = response.hits.filter((h) => h.matchedAll);
    expect(all.length).toBe(response.total);
    expect(response.hits.slice(0, all.length).every((h) => h.matchedAll)).toBe(true);
    for (const hit of all) {
      expect(hit.text).toContain('保险');
      expect(hit.text).toContain('跨境');
    }
  });

  it('finds any Chinese substring, even across word boundaries', () => {
    const response = realEngine().search('险服务贸', { limit: 50 });
    expect(response.total).toBeGreaterThan(0);
    for (const hit of response.hits.filter((h) => h.matchedAll)) expect(hit.text).toContain('险服务贸');
  });

  it('says "best matches" rather than a count when no passage has every term', () => {
    const response = realEngine().search('保险 量子计算机');
    expect(response.mode).toBe('best');
    expect(response.total).toBe(0);
    expect(response.hits.length).toBeGreaterThan(0);
  });

  it('matches an exact phrase in double quotes', () => {
    const response = realEngine().search('"数字服务出口基地"', { limit: 50 });
    expect(response.total).toBeGreaterThan(0);
    for (const hit of response.hits.filter((h) => h.matchedAll))
      expect(hit.text).toContain('数字服务出口基地');
  });

  it('excludes passages with a -word', () => {
    const withWord = realEngine().search('保险', { limit: 200 });
    const without = realEngine().search('保险 -再保险', { limit: 200 });
    expect(withWord.hits.some((h) => h.text.includes('再保险'))).toBe(true);
    expect(without.hits.some((h) => h.text.includes('再保险'))).toBe(false);
    expect(without.total).toBeLessThan(withWord.total);
  });

  it('filters by document', () => {
    const response = realEngine().search('服贸会', { docId: 'news-fair-preview', limit: 50 });
    expect(response.hits.length).toBeGreaterThan(0);
    expect(response.hits.every((h) => h.docId === 'news-fair-preview')).toBe(true);
  });

  it('treats traditional and full-width input like simplified and half-width', () => {
    expect(ids('中國服務貿易')).toEqual(ids('中国服务贸易'));
    expect(ids('保險服務')).toEqual(ids('保险服务'));
    expect(ids('ＲＣＥＰ')).toEqual(ids('RCEP'));
    const understood = realEngine().search('中國').understood;
    expect(understood[0]).toMatchObject({ input: '中國', normalized: '中国' });
  });

  it('highlights the matched terms in the snippet and in the block text', () => {
    const [hit] = realEngine().search('知识产权', { limit: 1 }).hits;
    expect(hit).toBeDefined();
    const [start, end] = hit?.highlights[0] ?? [0, 0];
    expect(hit?.snippet.slice(start, end)).toBe('知识产权');
    const [ms, me] = hit?.marks[0] ?? [0, 0];
    expect(hit?.text.slice(ms, me)).toBe('知识产权');
  });

  it('gives every hit its document, section path and block id', () => {
    for (const hit of realEngine().search('保险服务', { limit: 5 }).hits) {
      expect(hit.docId).toBe('report');
      expect(hit.sectionPath.length).toBeGreaterThan(0);
      expect(hit.blockId.startsWith('report.')).toBe(true);
    }
  });
});

describe('cross-language search', () => {
  it('expands English to Chinese and shows how the query was understood', () => {
    const response = realEngine().search('insurance', { limit: 5 });
    expect(response.understood[0]?.expansions).toContain('保险');
    expect(response.hits[0]?.text).toMatch(/保险/u);
  });

  it('matches a multi-word term as a phrase before single words', () => {
    const response = realEngine().search('traditional Chinese medicine', { limit: 5 });
    expect(response.understood).toHaveLength(1);
    expect(response.understood[0]?.expansions).toContain('中医药');
    expect(response.hits[0]?.text).toContain('中医药');
  });

  it('gives an English query the same close matches as its Chinese translation', () => {
    // Passages holding part of 金融业开放 (金融…开放) follow the full matches, whichever language
    // the query was typed in.
    const close = (query: string) =>
      realEngine()
        .search(query, { limit: 200 })
        .hits.filter((h) => !h.matchedAll)
        .map((h) => h.blockId);
    const chinese = close('金融业开放');
    const english = close('financial sector opening');
    expect(chinese.length).toBeGreaterThan(5);
    expect(english.length).toBeGreaterThan(5);
    expect(english.filter((id) => chinese.includes(id)).length).toBeGreaterThan(english.length / 2);
  });

  it('highlights in a close match the words of the query it holds', () => {
    // Typed in English, the words are those of the preferred translation 金融业对外开放.
    for (const query of ['金融业开放', 'financial sector opening']) {
      const close = realEngine()
        .search(query, { limit: 200 })
        .hits.filter((h) => !h.matchedAll);
      expect(close.length).toBeGreaterThan(5);
      for (const hit of close) {
        expect(hit.highlights.length, hit.blockId).toBeGreaterThan(0);
        // Whole words, never a fragment across two (业对 in 企业对, 业开 in 企业开展).
        for (const [start, end] of hit.highlights)
          expect(hit.snippet.slice(start, end), hit.blockId).toMatch(/^(金融|对外|开放)+$/u);
      }
    }
  });

  it('highlights the words of the query in a passage found by its section', () => {
    // 外资金融机构业务范围不断扩大… is under 金融服务 › 二、开放进展 and holds 金融, not 金融业开放.
    const bySection = realEngine()
      .search('金融业开放', { limit: 50 })
      .hits.filter((h) => h.matchedAll && !/金融业?(对外)?开放/u.test(h.text) && h.text.includes('金融'));
    expect(bySection.length).toBeGreaterThan(0);
    for (const hit of bySection) {
      expect(hit.highlights.length, hit.blockId).toBeGreaterThan(0);
      for (const [start, end] of hit.highlights)
        expect(hit.snippet.slice(start, end), hit.blockId).toMatch(/^(金融|对外|开放)+$/u);
    }
  });

  it('finds the English abstract from a Chinese query', () => {
    const response = realEngine().search('数字化', { docId: 'paper', limit: 200 });
    expect(response.understood[0]?.expansions.some((e) => /digitali[sz]ation/u.test(e))).toBe(true);
    expect(response.hits.some((h) => /digitalization/u.test(h.text))).toBe(true);
  });
});
