import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../main/ipc/schemas/search.js';
import { createTranslator } from '../../renderer/src/i18n/index.js';
import { countLine, describeTerm, understoodLine } from '../../renderer/src/search/search-text.js';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

function response(overrides: Partial<SearchResult>): SearchResult {
  return {
    understood: [{ input: '保险', kind: 'term', expansions: [] }],
    hits: [],
    total: 0,
    mode: 'none',
    truncated: false,
    onlyStopWords: false,
    ...overrides,
  };
}

const hit = {
  docId: 'report',
  blockId: 'b',
  type: 'paragraph' as const,
  sectionId: 's',
  sectionPath: [],
  snippet: '',
  highlights: [],
  marks: [],
  text: '',
  score: 1,
  matchedAll: true,
};

describe('how a search was understood', () => {
  it('shows translations and normalised forms', () => {
    expect(describeTerm({ input: 'insurance', kind: 'term', expansions: ['保险服务', '保险'] }, zh)).toBe(
      'insurance → 保险服务 / 保险',
    );
    expect(describeTerm({ input: '中國', kind: 'term', normalized: '中国', expansions: ['china'] }, zh)).toBe(
      '中國 → 中国 / china',
    );
    expect(describeTerm({ input: 'digital trade', kind: 'phrase', expansions: [] }, en)).toBe(
      '“digital trade”',
    );
    expect(describeTerm({ input: '保险', kind: 'excluded', expansions: [] }, zh)).toBe('不含 保险');
  });

  it('says nothing when every term was searched as typed', () => {
    expect(understoodLine(response({}), zh)).toBeNull();
    expect(
      understoodLine(
        response({
          understood: [
            { input: 'insurance', kind: 'term', expansions: ['保险'] },
            { input: '数字', kind: 'term', expansions: [] },
          ],
        }),
        en,
      ),
    ).toBe('insurance → 保险；数字');
  });
});

describe('the count line', () => {
  it('counts passages with every term truthfully, and says when the list is shorter', () => {
    const two = [
      { input: '保险', kind: 'term' as const, expansions: [] },
      { input: '数字化', kind: 'term' as const, expansions: [] },
    ];
    expect(countLine(response({ understood: two, mode: 'all', total: 3, hits: [hit, hit, hit] }), zh)).toBe(
      '3 段匹配全部词语',
    );
    expect(countLine(response({ understood: two, mode: 'all', total: 1, hits: [hit] }), en)).toBe(
      '1 passage matches every term',
    );
    expect(countLine(response({ mode: 'all', total: 150, hits: [hit, hit] }), en)).toBe(
      '150 passages match the term — the first 2 are listed',
    );
    expect(countLine(response({ mode: 'all', total: 150, hits: [hit] }), zh)).toBe(
      '150 段匹配该词语，列出前 1 段',
    );
  });

  it('says so when no passage has every term', () => {
    expect(countLine(response({ mode: 'best', hits: [hit] }), zh)).toBe(
      '没有段落匹配全部词语，以下为最接近的结果',
    );
    expect(countLine(response({ mode: 'best', hits: [hit] }), en)).toBe(
      'No passage matches every term — best matches',
    );
    expect(countLine(response({ mode: 'none' }), en)).toBe('No passage matches.');
    expect(countLine(response({ onlyStopWords: true }), en)).toBe(
      'Only very common words: try more specific terms.',
    );
  });
});
