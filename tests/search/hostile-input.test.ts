import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH } from '../../main/search/query.js';
import { realEngine } from './engine-fixture.js';

const hostile: string[] = [
  '',
  ' ',
  '\u3000\u3000',
  '服'.repeat(10_000),
  'a'.repeat(10_000),
  ': * ~ ^ + - " \\',
  '服务贸易:规则',
  'RCEP~',
  'RCEP~2',
  '^保险',
  '+保险 -',
  '保险^10',
  'title:保险',
  '"',
  '""',
  '"unterminated phrase',
  '- - -',
  '-保险',
  '😀',
  '👨‍👩‍👧‍👦 服务',
  '\u200b\u200c\u200d\ufeff',
  '保\u200b险',
  '\ud800',
  '\udfff保险',
  'the of and',
  'THE',
  '𠮷',
  '\u0000\u0001',
  '<script>alert(1)</script>',
  '%00%2e%2e',
  '\u202e保险',
  'ﷺ',
  '１２３',
  '*',
  '~',
  '(',
  ')',
  '[',
  '\\u0000',
];

describe('search never throws', () => {
  it.each(hostile.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s', (_label, query) => {
    const response = realEngine().search(query);
    expect(Array.isArray(response.hits)).toBe(true);
    expect(['all', 'best', 'none']).toContain(response.mode);
    for (const hit of response.hits) {
      expect(typeof hit.blockId).toBe('string');
      for (const [s, e] of hit.highlights) expect(e).toBeGreaterThan(s);
    }
  });

  it('returns a clean empty result for nothing searchable', () => {
    for (const query of ['', '   ', '😀', '\u200b', '\ud800', '* ~ ^']) {
      const response = realEngine().search(query);
      expect(response).toMatchObject({ hits: [], total: 0, mode: 'none' });
    }
  });

  it('says when the query was only stop words', () => {
    const response = realEngine().search('the of and');
    expect(response.onlyStopWords).toBe(true);
    expect(response.hits).toEqual([]);
  });

  it('caps very long queries and says so', () => {
    const response = realEngine().search(`保险${'x'.repeat(MAX_QUERY_LENGTH * 3)}`);
    expect(response.truncated).toBe(true);
    const short = realEngine().search('保险');
    expect(short.truncated).toBe(false);
  });

  it('ignores zero-width characters inside words', () => {
    const plain = realEngine().search('保险服务', { limit: 5 });
    const hidden = realEngine().search('保\u200b险\u200d服务', { limit: 5 });
    expect(hidden.hits.map((h) => h.blockId)).toEqual(plain.hits.map((h) => h.blockId));
  });

  it('never cuts a surrogate pair in a snippet', () => {
    for (const query of ['服务', '贸易', 'RCEP', '2020']) {
      for (const hit of realEngine().search(query, { limit: 50 }).hits) {
        expect(hit.snippet.isWellFormed()).toBe(true);
      }
    }
  });
});
