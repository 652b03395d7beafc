import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../main/corpus/manifest.js';
import { parsePaper } from '../../main/corpus/parse-paper.js';
import type { Block, DocMeta, ParsedDocument, Section } from '../../main/corpus/types.js';

const meta = MANIFEST.find((m) => m.id === 'paper') as DocMeta;
const raw = readFileSync(new URL(`../../assets/corpus/${meta.source}`, import.meta.url), 'utf8');
const doc = parsePaper(raw, meta);

const CIRCLED = /[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]/u;
const ZH_SENTENCE_END = /[。！？；…][”’」』）)]*$/u;
const FRAGMENT_TITLE = '附：无关文章片段（新冠肺炎疫情与中小企业精准帮扶政策）';
const EN_TITLE =
  'The Great Achievements, Recent Challenges and Future Guidelines of China’s Service Trade Development';

function flatten(sections: Section[], depth = 0): { section: Section; depth: number }[] {
  return sections.flatMap((s) => [{ section: s, depth }, ...flatten(s.children, depth + 1)]);
}

function subtreeIds(section: Section): Set<string> {
  return new Set(flatten([section]).map((e) => e.section.id));
}

const all = flatten(doc.sections);
const byTitle = (title: string): Section => {
  const found = all.find((e) => e.section.title === title);
  if (!found) throw new Error(`no section titled ${title}`);
  return found.section;
};
const blocksOf = (section: Section): Block[] => doc.blocks.filter((b) => b.sectionId === section.id);

const fragment = byTitle(FRAGMENT_TITLE);
const fragmentIds = subtreeIds(fragment);
const abstractSection = byTitle(EN_TITLE);
/** The paper's own Chinese body: every block outside the English abstract and the fragment. */
const bodyBlocks = doc.blocks.filter(
  (b) => !fragmentIds.has(b.sectionId) && b.sectionId !== abstractSection.id,
);
const bodyParagraphs = bodyBlocks.filter((b) => b.type === 'paragraph');

describe('parsePaper: section tree', () => {
  it('has exactly the printed headings, joined into single titles, at the right levels', () => {
    const expected: [number, string, string][] = [
      [0, 'chapter', '引言'],
      [0, 'chapter', '一、相关研究文献评述'],
      [0, 'chapter', '二、我国服务贸易发展成就斐然'],
      [1, 'section', '（一）服务贸易数字化转型趋势愈加显著'],
      [1, 'section', '（二）服务贸易总体规模稳步扩大'],
      [1, 'section', '（三）服务贸易行业结构持续优化'],
      [1, 'section', '（四）服务贸易领域开放合作不断深化'],
      [0, 'chapter', '三、我国服务贸易快速发展的内生动力'],
      [1, 'section', '（一）国内外产业结构调整拉动服务贸易的蓬勃发展'],
      [1, 'section', '（二）数字化赋能推动服务贸易的全面高速发展'],
      [0, 'chapter', '四、我国服务贸易发展面临的现实挑战'],
      [1, 'section', '（一）服务贸易结构两极化特征显著，长期逆差并未改变'],
      [1, 'section', '（二）服务贸易的国内区域发展存在较大差距，统筹协调发展任务艰巨'],
      [1, 'section', '（三）服务贸易全球市场份额增长迟缓，出口竞争优势不显著'],
      [1, 'section', '（四）服务贸易领域顶层设计和数据统计体系滞后，国际规则话语权和参与权不高'],
      [0, 'chapter', '五、推动我国服务贸易高质量发展的政策建议'],
      [1, 'section', '（一）持续推进服务业高质量发展，夯实服务贸易大发展的产业基础'],
      [1, 'section', '（二）深化服务业对外开放，尤其要加大生产性服务业开放力度'],
      [1, 'section', '（三）加快服务贸易数字化转型升级进程，推动服务贸易高质量发展'],
      [1, 'section', '（四）提升参与服务贸易领域国际规则制定的深度，扩大服务贸易开放合作的广度'],
      [0, 'chapter', EN_TITLE],
      [0, 'chapter', FRAGMENT_TITLE],
      [
        1,
        'section',
        'Research on the Effectiveness of Policies to Accurately Help Small and Medium-sized Enterprises under the COVID-19',
      ],
    ];
    expect(all.map((e) => [e.depth, e.section.level, e.section.title])).toEqual(expected);
  });

  it('does not turn heading tails or the running head into blocks of their own', () => {
    const texts = new Set(doc.blocks.map((b) => b.text));
    for (const tail of [
      '并未改变',
      '统筹协调发展任务艰巨',
      '争优势不显著',
      '服务业开放力度',
      '服务贸易高质量发展',
    ]) {
      expect(texts.has(tail)).toBe(false);
    }
    const runningHead = '我国服务贸易发展成就、现实挑战与政策建议';
    expect(doc.blocks.some((b) => b.text.includes(runningHead))).toBe(false);
    // The paragraph the running head was printed in is joined across it.
    expect(
      bodyParagraphs.some((b) => b.text.includes('40多年的重要经验。我国服务业改革也已经进入深水区')),
    ).toBe(true);
  });

  it('emits one heading block per section, first among its blocks, in tree order', () => {
    const seenOrder: string[] = [];
    for (const b of doc.blocks) if (!seenOrder.includes(b.sectionId)) seenOrder.push(b.sectionId);
    expect(seenOrder).toEqual(all.map((e) => e.section.id));
    for (const { section } of all) {
      const blocks = blocksOf(section);
      const headings = blocks.filter((b) => b.type === 'heading');
      expect(headings).toHaveLength(1);
      expect(blocks[0]?.type).toBe('heading');
      expect(blocks[0]?.text).toBe(section.title);
      expect(blocks[0]?.level).toBe(section.level);
      expect(blocks.length).toBeGreaterThan(1);
    }
  });

  it('gives every block a unique id and an existing section', () => {
    const ids = doc.blocks.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sectionIds = new Set(all.map((e) => e.section.id));
    expect(sectionIds.size).toBe(all.length);
    for (const b of doc.blocks) {
      expect(sectionIds.has(b.sectionId)).toBe(true);
      expect(b.docId).toBe('paper');
    }
    expect(doc.datasets).toEqual([]);
    expect(doc.figures).toEqual([]);
  });
});

describe('parsePaper: paragraphs', () => {
  it('reflows every Chinese paragraph to end with sentence-final punctuation', () => {
    // No exceptions are needed: every paragraph of the paper and of the fragment ends a sentence.
    const zh = doc.blocks.filter((b) => b.type === 'paragraph' && b.lang !== 'en');
    expect(zh).toHaveLength(28);
    expect(zh.filter((b) => !ZH_SENTENCE_END.test(b.text)).map((b) => b.text)).toEqual([]);
  });

  it('has no short paragraph except the fragment’s first, cut-off paragraph', () => {
    // The unrelated article's tail starts mid-list: the end of its point 1 is one short sentence.
    const allowed = ['以内需补外需，从多方面着手为中小企业创造需求。'];
    const short = doc.blocks
      .filter((b) => b.type === 'paragraph' && [...b.text].length < 60)
      .map((b) => b.text);
    expect(short).toEqual(allowed);
  });

  it('splits paragraphs where the indented first line says so, and only there', () => {
    // One paragraph per section except the literature review (5): 一是/二是/三是, 综上 and its opening.
    expect(bodyParagraphs).toHaveLength(24);
    expect(blocksOf(byTitle('一、相关研究文献评述')).filter((b) => b.type === 'paragraph')).toHaveLength(5);
    const starts = (prefix: string) => bodyParagraphs.some((b) => b.text.startsWith(prefix));
    // New paragraphs after a 。-line whose next line is indented.
    expect(starts('一是经济服务化的全球经济发展主流趋势日益明显')).toBe(true);
    expect(starts('综上，服务贸易领域的研究文献非常之多')).toBe(true);
    // A 。 at the end of a full-width line inside a paragraph does not split it.
    expect(bodyParagraphs.some((b) => b.text.includes('不断拓展深化。与此同时，我国服务贸易'))).toBe(true);
    expect(bodyParagraphs.some((b) => b.text.includes('王晓红，2021）。并从提升人力资本水平'))).toBe(true);
    expect(starts('与此同时')).toBe(false);
  });

  it('joins wrapped lines without spaces between Han characters and repairs broken Latin words', () => {
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('联合国贸易和发展会议（UNCTAD）数据');
    expect(text).toContain('《数字经济伙伴关系协定》（DEPA）');
    expect(text).toContain('分别达到 4413亿和 3922亿美元');
    expect(text).toContain('自 20世纪 70年代后期开始');
    expect(text).toContain('正在从服务贸易大国向服务贸易强国转变');
    expect(text).toContain('can not only effectively save social resources');
    for (const b of doc.blocks) {
      expect(b.text).not.toMatch(/\n/u);
      expect(b.text).toBe(b.text.trim());
    }
  });

  it('keeps every Han character of the body in order (nothing lost, nothing duplicated)', () => {
    const lines = raw.split('\n').map((l) => l.trim());
    const han = (s: string) => s.replace(/[^\u4e00-\u9fff]/gu, '');
    const englishAt = lines.findIndex((l) => l.startsWith('Abstract:'));
    const sourceBody = lines
      .slice(0, englishAt)
      .filter((l) => !CIRCLED.test(l.charAt(0)) && l !== '我国服务贸易发展成就、现实挑战与政策建议')
      .filter((l) => !l.startsWith('cle/') && !l.startsWith('//data'));
    const parsedBody = bodyBlocks
      .filter((b) => b.type !== 'footnote' && !(b.type === 'heading' && b.text === '引言'))
      .map((b) => b.text);
    expect(han(parsedBody.join(''))).toBe(han(sourceBody.join('')));
  });

  it('keeps the funding note as a note of the paper, not body text', () => {
    const intro = byTitle('引言');
    const notes = blocksOf(intro).filter((b) => b.type === 'note');
    expect(notes.map((b) => b.text)).toEqual([
      '本文系中国社会科学院创新工程项目《数字经济赋能服务业高质量发展研究》（2022CJYB004）。',
    ]);
    expect(doc.blocks.filter((b) => b.text.includes('本文系'))).toHaveLength(1);
    expect(blocksOf(intro).map((b) => b.type)).toEqual(['heading', 'note', 'paragraph']);
  });
});

describe('parsePaper: footnotes', () => {
  const footnotes = doc.blocks.filter((b) => b.type === 'footnote');

  it('removes every circled marker from the text', () => {
    for (const b of doc.blocks) expect(b.text).not.toMatch(CIRCLED);
    for (const s of all) expect(s.section.title).not.toMatch(CIRCLED);
  });

  it('resolves all three markers to their footnotes, in reading order after the citing paragraph', () => {
    const refs = doc.blocks.flatMap((b) => (b.footnoteRefs ?? []).map((r) => ({ block: b, ref: r })));
    expect(refs.map((r) => r.ref.marker)).toEqual(['①', '①', '②']);
    expect(footnotes).toHaveLength(3);
    const ids = doc.blocks.map((b) => b.id);
    for (const { block, ref } of refs) {
      const fn = doc.blocks.find((b) => b.id === ref.footnoteId);
      expect(fn?.type).toBe('footnote');
      expect(fn?.marker).toBe(ref.marker);
      expect(fn?.refBlockId).toBe(block.id);
      expect(fn?.sectionId).toBe(block.sectionId);
      const gap = ids.indexOf(ref.footnoteId) - ids.indexOf(block.id);
      expect(gap).toBeGreaterThanOrEqual(1);
      expect(gap).toBeLessThanOrEqual(block.footnoteRefs?.length ?? 0);
    }
    // Every footnote is cited.
    expect(new Set(refs.map((r) => r.ref.footnoteId))).toEqual(new Set(footnotes.map((f) => f.id)));
  });

  it('matches each marker with the footnote printed for it, at the right offset', () => {
    const cases: [string, string, string][] = [
      ['服务贸易逆差较 2015年缩小将近 78%', '相关数据来源于联合国贸易发展会议（UNCTAD）数据库', '。'],
      ['增速达到 57.5%和 21.5%', '中华人民共和国商务部.我国服务贸易保持快速增长[EB/OL]', '。'],
      ['比重较 2015年提升了约0.5%', '根据国家统计局年度数据库相关数据测算而得', '。同时'],
    ];
    for (const [before, footnoteStart, after] of cases) {
      const block = bodyParagraphs.find((b) => b.text.includes(before + after)) as Block;
      expect(block).toBeDefined();
      const ref = (block.footnoteRefs ?? []).find((r) => {
        const cps = [...block.text];
        return (
          cps.slice(0, r.offset).join('').endsWith(before) && cps.slice(r.offset).join('').startsWith(after)
        );
      });
      expect(ref).toBeDefined();
      const fn = footnotes.find((f) => f.id === ref?.footnoteId);
      expect(fn?.text.startsWith(footnoteStart)).toBe(true);
    }
  });

  it('cleans the footnote texts (letter spacing, URLs broken over lines)', () => {
    const texts = footnotes.map((f) => f.text);
    expect(texts).toContain(
      '中华人民共和国商务部.我国服务贸易保持快速增长[EB/OL].http://tradeinservices.mofcom.gov.cn/article/tongji/guonei/buweitj/swbtj/202201/125757.html，2022-01-05.',
    );
    expect(texts).toContain(
      '根据国家统计局年度数据库相关数据测算而得，参考：https://data.stats.gov.cn/easyquery.htm?cn=C01。',
    );
    expect(texts[0]).toBe(
      '相关数据来源于联合国贸易发展会议（UNCTAD）数据库，详见 https://unctadstat.unctad.org/wds/ReportFolders/reportFolders.aspx。',
    );
  });
});

describe('parsePaper: English abstract and the unrelated fragment', () => {
  it('puts the English abstract and keywords in an English abstract section', () => {
    expect(abstractSection.lang).toBe('en');
    expect(abstractSection.role).toBe('abstract');
    const blocks = blocksOf(abstractSection);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'note']);
    for (const b of blocks) expect(b.lang).toBe('en');
    expect(blocks[1]?.text.startsWith('Abstract: The servicization of economic')).toBe(true);
    expect(blocks[1]?.text.endsWith('agreements formation are included.')).toBe(true);
    expect(blocks[2]?.text).toBe('Keywords: service trade; digitalization; high-quality development');
  });

  it('keeps the unrelated fragment apart, as the last top-level section', () => {
    expect(doc.sections[doc.sections.length - 1]).toBe(fragment);
    expect(fragment.role).toBe('unrelated-fragment');
    const zh = blocksOf(fragment).filter((b) => b.type === 'paragraph');
    expect(zh.map((b) => b.text.slice(0, 2))).toEqual(['以内', '2.', '3.', '4.']);
    expect(zh[3]?.text.endsWith('为相关部门及时跟进、灵活调整提供参考依据。')).toBe(true);

    const [child] = fragment.children;
    expect(fragment.children).toHaveLength(1);
    expect(child?.lang).toBe('en');
    expect(child?.role).toBe('abstract');
    const en = blocksOf(child as Section);
    expect(en.map((b) => b.type)).toEqual(['heading', 'paragraph', 'note']);
    for (const b of en) expect(b.lang).toBe('en');
    expect(en[1]?.text.startsWith('Abstract:The impact of the COVID-19')).toBe(true);
    expect(en[2]?.text.startsWith('Keywords:COVID-19;small and medium-sized enterprises')).toBe(true);
  });

  it('does not mix the fragment into the paper', () => {
    const lastPaperSection = byTitle(
      '（四）提升参与服务贸易领域国际规则制定的深度，扩大服务贸易开放合作的广度',
    );
    const last = blocksOf(lastPaperSection);
    expect(last[last.length - 1]?.text.endsWith('营造互利共赢、友好公平的服务贸易领域合作环境。')).toBe(true);
    for (const b of bodyBlocks) {
      expect(b.text).not.toContain('中小企业');
      expect(b.text).not.toContain('疫情');
      expect(b.text).not.toContain('COVID');
    }
    for (const b of blocksOf(abstractSection)) expect(b.text).not.toContain('COVID');
  });
});

describe('parsePaper: stable ids', () => {
  it('gives identical output when parsing twice', () => {
    const again: ParsedDocument = parsePaper(raw, meta);
    expect(again).toEqual(doc);
  });

  it('changes only the edited paragraph’s id when one paragraph changes', () => {
    // Same printed width (one Han character for another), so the layout rules see the same lines.
    const edited = parsePaper(raw.replace('研究的热点问题', '研究的焦点问题'), meta);
    expect(edited.blocks).toHaveLength(doc.blocks.length);
    const changed = edited.blocks.filter((b, i) => b.id !== doc.blocks[i]?.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.text.startsWith('近些年，服务贸易是学术界研究的焦点问题')).toBe(true);
    expect(edited.sections).toEqual(doc.sections);
  });

  it('keeps footnote ids when the citing paragraph changes, and repoints the footnote', () => {
    const edited = parsePaper(raw.replace('近 78%①。', '近 79%①。'), meta);
    const changed = edited.blocks.filter((b, i) => b.id !== doc.blocks[i]?.id);
    expect(changed).toHaveLength(1);
    const citing = changed[0] as Block;
    expect(citing.text).toContain('近 79%');
    const fnId = citing.footnoteRefs?.[0]?.footnoteId;
    expect(doc.blocks.some((b) => b.id === fnId)).toBe(true);
    expect(edited.blocks.find((b) => b.id === fnId)?.refBlockId).toBe(citing.id);
  });
});
