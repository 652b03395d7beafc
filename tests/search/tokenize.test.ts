import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithOrigin } from '../../main/search/normalize.js';
import { tokenize } from '../../main/search/tokenize.js';

const terms = (text: string) => tokenize(text).map((t) => t.term);

describe('normalize', () => {
  it('folds full-width, case and traditional characters', () => {
    expect(normalize('ＲＣＥＰ')).toBe('rcep');
    expect(normalize('中國服務貿易')).toBe('中国服务贸易');
    expect(normalize('保險、醫藥、臺灣')).toBe('保险、医药、台湾');
  });

  it('drops zero-width characters, the BOM and lone surrogates, keeping the origin of each unit', () => {
    const { text, origin } = normalizeWithOrigin('服\u200b务\ufeff\ud800贸易');
    expect(text).toBe('服务贸易');
    expect(origin).toEqual([0, 2, 5, 6]);
  });

  it('keeps surrogate pairs and emoji whole', () => {
    expect(normalize('𠮷野家😀')).toBe('𠮷野家😀');
  });
});

describe('tokenize', () => {
  it('indexes Han text as unigrams and overlapping bigrams', () => {
    expect(terms('保险服务')).toEqual(['保', '保险', '险', '险服', '服', '服务', '务']);
  });

  it('stems English, drops stop words and keeps numbers whole', () => {
    expect(terms('The Insurance Services of China')).toEqual(['insur', 'servic', 'china']);
    expect(terms('增长13.9%，达6617.2亿，1,053,203')).toEqual([
      '增',
      '增长',
      '长',
      '13.9',
      '达',
      '6617.2',
      '亿',
      '1053203',
    ]);
  });

  it('separates Latin and Han runs written together', () => {
    expect(terms('ＲＣＥＰ协定')).toEqual(['rcep', '协', '协定', '定']);
  });

  it('reports positions in the original text, across surrogate pairs', () => {
    const tokens = tokenize('𠮷野 服务');
    const fu = tokens.find((t) => t.term === '服务');
    expect(fu).toMatchObject({ start: 4, length: 2 });
    const ji = tokens.find((t) => t.term === '𠮷');
    expect(ji).toMatchObject({ start: 0, length: 2 });
  });
});
