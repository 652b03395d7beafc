import { beforeAll, describe, expect, it } from 'vitest';
import { type ParsedReport, parseReport } from '../../main/corpus/parse-report.js';
import { endsSentence } from '../../main/corpus/text.js';
import type { Block, Section } from '../../main/corpus/types.js';
import { metaOf, sourceText } from './report-fixture.js';

const raw = sourceText('report');
let parsed: ParsedReport;

beforeAll(() => {
  parsed = parseReport(raw, metaOf('report'));
});

/** The printed TOC, read straight from the source with nothing but a regex. */
function printedToc(): { title: string; page: number }[] {
  const lines = raw.split('\n');
  const start = lines.findIndex((l) => l.trim() === '目 录');
  const entries: { title: string; page: number }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const match = /^(.+?)[.\s]*\t(\d+)$/u.exec(line.trim());
    if (!match) break;
    entries.push({ title: (match[1] ?? '').trim(), page: Number(match[2]) });
  }
  return entries;
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function blocksOf(type: Block['type']): Block[] {
  return parsed.document.blocks.filter((b) => b.type === type);
}

describe('report table of contents', () => {
  it('matches every one of the 134 printed entries, in order, with their pages', () => {
    const printed = printedToc();
    expect(printed).toHaveLength(134);
    const tree = flatten(parsed.document.sections).filter(
      (s) => s.level !== 'subsection' && s.role !== 'front-matter',
    );
    expect(tree.map((s) => ({ title: s.title, page: s.page }))).toEqual(printed);
  });

  it('matches the entry whose body heading is worded differently', () => {
    const fuzzy = parsed.diagnostics.toc.filter((entry) => entry.bodyTitle !== undefined);
    expect(fuzzy.map((e) => [e.title, e.bodyTitle])).toEqual([
      [
        '六、不断完善的区域经贸合作网络拓展服务贸易“朋友圈”',
        '六、不断完善区域经贸合作网络拓展服务贸易“朋友圈”',
      ],
    ]);
  });

  it('nests parts, chapters and sections as printed', () => {
    const parts = parsed.document.sections.filter((s) => s.level === 'part').map((s) => s.title);
    expect(parts).toEqual(['封面', '综述篇', '行业篇', '专题篇', '案例篇', '编后语']);
    const industry = parsed.document.sections.find((s) => s.title === '行业篇');
    expect(industry?.children.map((c) => c.title)).toEqual([
      '教育服务',
      '电信、计算机和信息服务',
      '知识产权服务',
      '保险服务',
      '环境服务',
      '地理信息服务',
      '中医药服务',
      '建筑服务',
      '金融服务',
    ]);
  });

  it('puts subsection headings under their section, with the section page', () => {
    const insurance = flatten(parsed.document.sections).find((s) => s.title === '保险服务');
    const trade = insurance?.children.find((s) => s.title === '四、贸易分析');
    expect(trade?.children.map((s) => s.title)).toEqual([
      '（一）金融开放政策推动外资保险机构扩大在华布局',
      '（二）各类共保体借力“一带一路”增强再保险实力',
      '（三）粤港澳大湾区实现跨境保险从0到1的突破',
      '（四）进出口货运及跨境电商保险发展迅速',
      '（一）“引进来”与“走出去”失衡',
      '（二）境外理赔服务能力和风控能力不足',
      '（三）商业银行和保险机构之间联动有限',
    ]);
    const subsection = trade?.children[0];
    const heading = parsed.document.blocks.find((b) => b.id === subsection?.id);
    expect(heading?.page).toBe(43);
  });

  it('normalises half-width subsection numbering', () => {
    const titles = flatten(parsed.document.sections).map((s) => s.title);
    expect(titles).toContain('（二）国内发展概况');
    expect(titles.some((t) => t.startsWith('(二)'))).toBe(false);
  });

  it('treats numbered sentences as list paragraphs, not headings', () => {
    const titles = flatten(parsed.document.sections).map((s) => s.title);
    expect(titles.some((t) => t.startsWith('（二）开拓远程洲际航线'))).toBe(false);
    const item = blocksOf('paragraph').find((b) => b.text.startsWith('（二）开拓远程洲际航线'));
    expect(item?.text).toBe(
      '（二）开拓远程洲际航线，增加航点、扩大航线网络，拓展欧洲、亚洲和美洲货运市场，通过与国际航空公司的资源共享、代号共享等措施，完善立体航空体系。',
    );
  });

  it('does not show the TOC page as body text', () => {
    const texts = parsed.document.blocks.map((b) => b.text);
    expect(texts.some((t) => t.includes('\t'))).toBe(false);
    expect(texts.filter((t) => t === '目 录' || t === '目录')).toEqual([]);
    expect(blocksOf('heading').filter((b) => b.text === '综述篇')).toHaveLength(1);
  });

  it('keeps the title page with the English title as one English paragraph', () => {
    const front = parsed.document.sections[0];
    expect(front?.role).toBe('front-matter');
    const english = parsed.document.blocks.find((b) => b.lang === 'en');
    expect(english?.text).toBe("REPORT ON CHINA'S DEVELOPMENT OF TRADE IN SERVICES");
    expect(english?.sectionId).toBe(front?.id);
  });
});

describe('report paragraph repair', () => {
  it('leaves no paragraph without its sentence end, except the title page lines', () => {
    const unterminated = parsed.document.blocks
      .filter((b) => (b.type === 'paragraph' || b.type === 'lead') && !endsSentence(b.text))
      .map((b) => b.text);
    // Real ones: the title page's lines are not sentences.
    expect(unterminated).toEqual([
      "REPORT ON CHINA'S DEVELOPMENT OF TRADE IN SERVICES",
      '2020',
      '中华人民共和国商务部',
    ]);
  });

  it('joins halves across a page break even with a footnote printed between them', () => {
    const paragraph = blocksOf('paragraph').find((b) =>
      b.text.includes('贯彻习近平新时代中国特色社会主义思想和习近平总书记关于教育的重要论述'),
    );
    expect(paragraph).toBeDefined();
    const halves = blocksOf('paragraph').filter((b) => b.text.startsWith('平总书记关于教育'));
    expect(halves).toEqual([]);
  });

  it('joins halves with three footnotes printed between them and keeps the footnotes after', () => {
    const blocks = parsed.document.blocks;
    const joined = blocks.findIndex((b) => b.text.startsWith('服务贸易国际市场结构更加多元'));
    expect(blocks[joined]?.text).toContain('2020年中国与美洲服务进出口1393.5亿美元');
    expect(blocks.slice(joined + 1, joined + 4).map((b) => b.type)).toEqual([
      'footnote',
      'footnote',
      'footnote',
    ]);
    expect(blocks[joined + 1]?.text).toBe('环渤海服务贸易集聚区包含北京、天津、河北、山东和辽宁。');
  });

  it('joins a number cut by a page break without inserting a space', () => {
    expect(blocksOf('paragraph').some((b) => b.text.includes('年均增长率为4.02%'))).toBe(true);
  });

  it('records every join, each one a mid-sentence cut', () => {
    expect(parsed.diagnostics.joins.length).toBeGreaterThanOrEqual(60);
    for (const join of parsed.diagnostics.joins) expect(endsSentence(join.before)).toBe(false);
  });
});

describe('report footnotes', () => {
  it('resolves every marker and leaves no orphan footnote', () => {
    expect(parsed.diagnostics.unresolvedMarkers).toEqual([]);
    expect(parsed.diagnostics.orphanFootnotes).toEqual([]);
    const printed = raw.split('\n').filter((line) => /^[¹²³⁴⁵⁶⁷⁸⁹⁰]/u.test(line));
    expect(printed).toHaveLength(36);
    expect(blocksOf('footnote')).toHaveLength(printed.length);
  });

  it('removes markers from the text and keeps their position', () => {
    for (const block of parsed.document.blocks) {
      if (block.type !== 'footnote') expect(block.text).not.toMatch(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/u);
    }
    const paragraph = blocksOf('paragraph').find((b) => b.text.includes('环渤海、长三角、珠三角'));
    const refs = paragraph?.footnoteRefs ?? [];
    expect(refs.map((r) => r.marker)).toEqual(['¹', '²', '³']);
    const chars = [...(paragraph?.text ?? '')];
    expect(chars.slice((refs[0]?.offset ?? 0) - 3, refs[0]?.offset).join('')).toBe('环渤海');
    const footnotes = refs.map((r) => parsed.document.blocks.find((b) => b.id === r.footnoteId)?.text);
    expect(footnotes[2]).toBe('珠三角服务贸易集聚区的数据用广东省代替。');
  });

  it('attaches heading markers to the section, not the title', () => {
    const education = flatten(parsed.document.sections).find((s) => s.title === '教育服务');
    expect(education?.footnoteIds).toHaveLength(1);
    const footnote = parsed.document.blocks.find((b) => b.id === education?.footnoteIds?.[0]);
    expect(footnote?.text).toBe('资料来源：教育部国际司提供。');
    expect(footnote?.refBlockId).toBe(education?.id);
    const finance = flatten(parsed.document.sections).find((s) => s.title === '金融服务');
    const status = finance?.children[0];
    expect(status?.title).toBe('一、发展现状');
    expect(parsed.document.blocks.find((b) => b.id === status?.footnoteIds?.[0])?.text).toBe(
      '资料来源：中国人民银行官网。',
    );
  });

  it('joins a footnote URL wrapped onto the next line', () => {
    const note = blocksOf('footnote').find((b) =>
      b.text.startsWith('数据来源：商务部召开网上例行新闻发布会，国新网。'),
    );
    expect(note?.text).toMatch(/<http:\/\/www\.scio\.gov\.cn\/.+>。$/u);
  });
});

describe('report figures, tables, notes and sources', () => {
  it('lists the six figures with caption and source, marked as having no data', () => {
    const figures = parsed.document.figures;
    expect(figures.map((f) => f.number)).toEqual([
      '图 1-1',
      '图 1-2',
      '图 1-3',
      '图 1-4',
      '图 3-1',
      '图 3-2',
    ]);
    for (const figure of figures) {
      expect(figure.hasData).toBe(false);
      expect(figure.source).toMatch(/^资料来源：/u);
      expect(parsed.document.blocks.find((b) => b.id === figure.blockId)?.type).toBe('figure');
    }
    expect(figures[2]?.caption).toBe('“十三五”时期知识密集型服务进出口与传统服务进出口占比及增速');
  });

  it('links the eight tables to their datasets and blocks', () => {
    const tables = blocksOf('table');
    expect(tables.map((b) => b.datasetId)).toEqual([
      'table-2-1',
      'table-2-2',
      'table-2-3',
      'table-2-4',
      'table-3-1',
      'table-3-2',
      'table-3-3',
      'table-3-4',
    ]);
    for (const dataset of parsed.document.datasets) {
      const block = parsed.document.blocks.find((b) => b.id === dataset.blockId);
      expect(block?.datasetId).toBe(dataset.id);
      expect(dataset.sectionId).toBe(block?.sectionId);
    }
  });

  it('types 注 and 资料来源 lines as note and source blocks', () => {
    expect(blocksOf('note').map((b) => b.text.slice(0, 8))).toContain('注：笔者根据全球');
    expect(blocksOf('source').length).toBeGreaterThanOrEqual(14);
  });
});
