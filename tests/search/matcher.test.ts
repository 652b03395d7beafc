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
const texts = [
  '服务业在GDP中的比重继续上升。',
  '服务业发展很快，新业态不断涌现，数字技术与各行各业深度融合，带动就业持续增长，而货物贸易比重下降。',
  '比重下降。',
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
  it('counts the words of the query found near one another', () => {
    if (!unit) throw new Error('no unit');
    // 服务 and 比重 (the bigrams inside its words 服务/业/比重), five characters apart.
    expect(matcher.partial(unit, 'body', 0)).toBe(1);
    // The same words, too far apart to be one phrase: only one counts.
    expect(matcher.partial(unit, 'body', 1)).toBe(0.5);
    // One word only.
    expect(matcher.partial(unit, 'body', 2)).toBe(0.5);
  });
});
