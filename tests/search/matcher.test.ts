import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../main/corpus/manifest.js';
import type { Bundle } from '../../main/corpus/types.js';
import { LoadedIndex } from '../../main/search/compact-index.js';
import { Glossary } from '../../main/search/glossary.js';
import { buildSearchIndex } from '../../main/search/index-build.js';
import { Matcher } from '../../main/search/matcher.js';
import { parseQuery } from '../../main/search/query.js';

// Close matches (a passage holding part of a unit) measured on a hand-made document, so that
// where the words stand is known exactly.

const meta = MANIFEST.find((doc) => doc.id === 'report');
if (!meta) throw new Error('no report in the manifest');
// 服务业比重 is five characters long: the bigrams of its words (服务, 比重) must start within
// 2 × 5 + 4 = 14 characters of each other.
const texts = [
  '服务业在GDP中的比重继续上升。',
  '服务业发展很快，新业态不断涌现，数字技术与各行各业深度融合，带动就业持续增长，而货物贸易比重下降。',
  '比重下降。',
  '服务业在国内生产总值中所占的比重。', // 比重 starts 14 after 服务
  '服务业在国内生产总值中所占有的比重。', // 15 after
];
const bundle: Bundle = {
  inputHash: 'fixture',
  documents: [
    {
      meta,
      sections: [{ id: 'report.s-1', title: '综述', level: 'chapter', children: [] }],
      blocks: texts.map((text, i) => ({
        id: `report.p-${i}`,
        docId: 'report',
        type: 'paragraph' as const,
        text,
        sectionId: 'report.s-1',
      })),
      datasets: [],
      figures: [],
    },
  ],
};
const matcher = new Matcher(new LoadedIndex(buildSearchIndex(bundle)));
const unit = parseQuery('服务业比重', new Glossary({ version: 1, sources: {}, entries: [] })).units[0];

describe('close matches', () => {
  // Exact shares depend on how the platform's segmenter splits 服务业比重 (服务/业/比重 here); the
  // assertions hold for any split.
  const partial = (position: number) => {
    if (!unit) throw new Error('no unit');
    return matcher.partial(unit, 'body', position);
  };

  it('counts the words of the query found near one another', () => {
    expect(partial(0)).toBe(1);
    // The same words, too far apart to be one phrase.
    expect(partial(1)).toBeGreaterThan(0);
    expect(partial(1)).toBeLessThan(1);
    // One word only.
    expect(partial(2)).toBeGreaterThan(0);
    expect(partial(2)).toBeLessThan(1);
  });

  it('counts words exactly at the edge of the window, not one character past it', () => {
    expect(partial(3)).toBe(1);
    expect(partial(4)).toBeLessThan(1);
  });
});
