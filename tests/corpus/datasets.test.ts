import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildDataset,
  datasetIdFor,
  isNullCell,
  parseFigureCaption,
  parseNumber,
  parseTableCaption,
} from '../../main/corpus/datasets.js';
import type { Cell, Dataset } from '../../main/corpus/types.js';

const REPORT = fileURLToPath(new URL('../../assets/corpus/003_6a74c797f131c217.txt', import.meta.url));
const lines = readFileSync(REPORT, 'utf8').split('\n');

interface Collected {
  caption: string;
  tableLines: string[];
  sourceLines: string[];
  noteLines: string[];
}

/**
 * The collection rule the report parser follows: after the caption, skip blank lines; take every
 * line containing a tab (untrimmed, blank lines between them skipped) up to the first non-blank
 * line without a tab; then take the consecutive non-blank lines starting with 资料来源/数据来源
 * (sources) or 注 + colon (notes), skipping blanks, up to the first non-blank line that is neither.
 */
function collect(captionIndex: number): Collected {
  const caption = lines[captionIndex] ?? '';
  const isBlank = (l: string) => l.trim() === '';
  let i = captionIndex + 1;
  while (i < lines.length && isBlank(lines[i] ?? '')) i++;
  const tableLines: string[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (isBlank(l)) continue;
    if (!l.includes('\t')) break;
    tableLines.push(l);
  }
  const sourceLines: string[] = [];
  const noteLines: string[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (isBlank(l)) continue;
    if (/^(资料来源|数据来源)\s*[:：]/.test(l)) sourceLines.push(l);
    else if (/^注\s*[:：]/.test(l)) noteLines.push(l);
    else break;
  }
  return { caption, tableLines, sourceLines, noteLines };
}

const captionIndexes = new Map<string, number>();
lines.forEach((l, i) => {
  const c = parseTableCaption(l);
  if (c) captionIndexes.set(c.number, i);
});

function table(number: string): Dataset {
  const index = captionIndexes.get(number);
  if (index === undefined) throw new Error(`no caption for ${number}`);
  return buildDataset({
    ...collect(index),
    ids: { id: datasetIdFor(number), docId: 'doc', sectionId: 'sec', blockId: 'blk', page: 7 },
  });
}

function row(d: Dataset, label: string): Cell[] {
  const r = d.rows.find((x) => x[0] === label);
  if (!r) throw new Error(`${d.number}: no row ${label}`);
  return r;
}

function col(d: Dataset, label: string): number {
  const j = d.columns.findIndex((c) => c.label === label);
  if (j < 0) throw new Error(`${d.number}: no column ${label}`);
  return j;
}

function num(cell: Cell | undefined): number {
  if (typeof cell !== 'number') throw new Error(`not a number: ${JSON.stringify(cell)}`);
  return cell;
}

describe('captions', () => {
  it('finds exactly the 8 tables of the report, with normalised numbers, titles and units', () => {
    const found = [...captionIndexes.entries()].map(([number, i]) => ({ number, line: i + 1 }));
    expect(found.map((f) => f.number)).toEqual([
      '表 2-1',
      '表 2-2',
      '表 2-3',
      '表 2-4',
      '表 3-1',
      '表 3-2',
      '表 3-3',
      '表 3-4',
    ]);
    const parsed = [...captionIndexes.values()].map((i) => parseTableCaption(lines[i] ?? ''));
    expect(parsed).toEqual([
      { number: '表 2-1', title: '欧盟 28 国环境产品和服务业从业人员状况', unit: '千人' },
      { number: '表 2-2', title: '欧盟 28 国环境产品与服务业发展状况', unit: '百万欧元' },
      { number: '表 2-3', title: '日本环境产品与服务业市场发展状况', unit: '亿日元' },
      { number: '表 2-4', title: 'APEC 环境产品清单产品贸易发展状况', unit: '亿美元' },
      { number: '表 3-1', title: '全球主要自贸区的区域内贸易比重', unit: '%' },
      { number: '表 3-2', title: '2017—2020 年全球主要经济体相互贸易占全球贸易比重变化', unit: '%' },
      { number: '表 3-3', title: '全球分组别第三产业占 GDP 之比', unit: '%' },
      { number: '表 3-4', title: '全球服务业、贸易、服务贸易、货物贸易在 GDP 中占比', unit: '%' },
    ]);
  });

  it('handles caption variants and rejects prose', () => {
    expect(parseTableCaption('表2－1:  标题 （ 单位 : 千人 ）')).toEqual({
      number: '表 2-1',
      title: '标题',
      unit: '千人',
    });
    expect(parseTableCaption('表 5-2 没有单位的表')).toEqual({ number: '表 5-2', title: '没有单位的表' });
    expect(parseTableCaption('表2-1显示了就业情况')).toBeNull();
    expect(parseTableCaption('如表2-1、表2-2所示')).toBeNull();
    expect(parseTableCaption('表 2-1：（单位：千人）')).toBeNull();
    expect(parseTableCaption('图 1-1：标题')).toBeNull();
  });

  it('parses figure captions and splits off a trailing footnote marker', () => {
    const figures = lines.map((l) => parseFigureCaption(l)).filter((f) => f !== null);
    expect(figures.map((f) => f.number)).toEqual([
      '图 1-1',
      '图 1-2',
      '图 1-3',
      '图 1-4',
      '图 3-1',
      '图 3-2',
    ]);
    expect(figures[2]).toEqual({
      number: '图 1-3',
      caption: '“十三五”时期知识密集型服务进出口与传统服务进出口占比及增速',
      marker: '¹',
    });
    expect(figures[0]).toEqual({
      number: '图 1-1',
      caption: '“十三五”时期中国服务进出口、出口和进口规模及增速',
    });
    expect(figures[4]?.caption).toBe('2005—2019 年发达国家与发展中国家服务贸易国际收支比较');
    expect(figures.filter((f) => f.marker !== undefined)).toHaveLength(1);
    expect(parseFigureCaption('图 2-7: 标题②')).toEqual({ number: '图 2-7', caption: '标题', marker: '②' });
    expect(parseFigureCaption('图1-1显示')).toBeNull();
    expect(parseFigureCaption('表 1-1：标题')).toBeNull();
  });

  it('derives dataset ids from table numbers', () => {
    expect(datasetIdFor('表 2-1')).toBe('table-2-1');
    expect(datasetIdFor('表3-4')).toBe('table-3-4');
    expect(() => datasetIdFor('图')).toThrow();
  });
});

describe('cells', () => {
  it('parses numbers with thousands separators and percents', () => {
    expect(parseNumber('4,052')).toBe(4052);
    expect(parseNumber('4052')).toBe(4052);
    expect(parseNumber('1,053,203')).toBe(1053203);
    expect(parseNumber('-13.42%')).toBe(-13.42);
    expect(parseNumber('0.00')).toBe(0);
    expect(parseNumber('12,34')).toBeUndefined();
    expect(parseNumber('USMCA')).toBeUndefined();
    expect(parseNumber('2,0,0')).toBeUndefined();
  });

  it('treats dashes and empty cells as null', () => {
    for (const c of ['', '—', '-', ' — ']) expect(isNullCell(c)).toBe(true);
    for (const c of ['0', '-0.2', '国家']) expect(isNullCell(c)).toBe(false);
  });
});

describe('common dataset fields', () => {
  it('copies ids, unit, source and notes (labels stripped)', () => {
    const d = table('表 3-1');
    expect(d).toMatchObject({
      id: 'table-3-1',
      number: '表 3-1',
      title: '全球主要自贸区的区域内贸易比重',
      unit: '%',
      source: 'JETRO《世界贸易投资报告》2017年版和2020年版。',
      notes: ['笔者根据全球贸易矩阵数据计算。'],
      docId: 'doc',
      sectionId: 'sec',
      blockId: 'blk',
      page: 7,
    });
    expect(table('表 2-2').source).toBe('Eurostat。');
    expect(table('表 2-2').notes).toEqual([]);
  });

  it('does not take the footnote printed under 表 2-1 as its source', () => {
    const c = collect(captionIndexes.get('表 2-1') ?? -1);
    expect(c.sourceLines).toEqual(['资料来源：Eurostat。']);
    expect(table('表 2-1').source).toBe('Eurostat。');
  });
});

describe('表 2-1 (year series wrapped over two blocks)', () => {
  const d = table('表 2-1');

  it('is one row per year, 2008–2017, with no rows for the — padding', () => {
    expect(d.columns).toEqual([
      { key: 'year', label: '年份', kind: 'label' },
      { key: 'c1', label: '从业人数', kind: 'number', unit: '千人' },
    ]);
    expect(d.rows.map((r) => r[0])).toEqual([
      '2008',
      '2009',
      '2010',
      '2011',
      '2012',
      '2013',
      '2014',
      '2015',
      '2016',
      '2017',
    ]);
    expect(d.rows.flat()).not.toContain(null);
  });

  it('has the printed values', () => {
    expect(d.rows[0]).toEqual(['2008', 4052]);
    expect(row(d, '2014')).toEqual(['2014', 4305]);
    expect(row(d, '2015')).toEqual(['2015', 4483]);
    expect(d.rows[d.rows.length - 1]).toEqual(['2017', 4613]);
    // The text: 2017年吸纳就业461.3万 (4613 千人).
    expect(num(row(d, '2017')[1]) / 10).toBeCloseTo(461.3, 5);
  });
});

describe('表 2-2 (two series wrapped over two blocks)', () => {
  const d = table('表 2-2');

  it('is 10 years × (年份, 产值, 增加值)', () => {
    expect(d.columns.map((c) => [c.key, c.label, c.kind, c.unit])).toEqual([
      ['year', '年份', 'label', undefined],
      ['c1', '产值', 'number', '百万欧元'],
      ['c2', '增加值', 'number', '百万欧元'],
    ]);
    expect(d.rows).toHaveLength(10);
    expect(d.rows[0]).toEqual(['2008', 609693, 247133]);
    expect(row(d, '2015')).toEqual(['2015', 762278, 312200]);
    expect(d.rows[9]).toEqual(['2017', 807285, 331242]);
  });

  it('agrees with the text and is internally plausible', () => {
    // The text: 产值达到8072.9亿欧元 in 2017 (807285 百万欧元 = 8072.85 亿欧元).
    expect(num(row(d, '2017')[1]) / 100).toBeCloseTo(8072.9, 0);
    for (const r of d.rows) expect(num(r[2])).toBeLessThan(num(r[1]));
  });
});

describe('表 2-3 (year series wrapped over two full blocks)', () => {
  const d = table('表 2-3');

  it('is 10 years × (年份, 市场规模)', () => {
    expect(d.columns.map((c) => c.label)).toEqual(['年份', '市场规模']);
    expect(d.columns[1]?.unit).toBe('亿日元');
    expect(d.rows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => String(2009 + i)));
    expect(d.rows[0]).toEqual(['2009', 780159]);
    expect(row(d, '2013')).toEqual(['2013', 994826]);
    expect(row(d, '2014')).toEqual(['2014', 1006143]);
    expect(d.rows[9]).toEqual(['2018', 1053203]);
  });

  it('agrees with the text (1,053,203亿日元; 年均增长率 3.4%; "1.4倍" is 1.35 rounded up)', () => {
    const first = num(row(d, '2009')[1]);
    const last = num(row(d, '2018')[1]);
    expect(last).toBe(parseNumber('1,053,203'));
    const ratio = last / first;
    expect(ratio).toBeGreaterThan(1.345);
    expect(ratio).toBeLessThan(1.355);
    expect(((ratio ** (1 / 9) - 1) * 100).toFixed(1)).toBe('3.4');
  });
});

describe('表 2-4 (two side-by-side halves plus a totals block)', () => {
  const d = table('表 2-4');
  const c2014 = col(d, '2014');
  const c2020 = col(d, '2020');
  const cRate = col(d, '年均增长率');

  it('is 18 economies × (国家, 2014, 2020, 年均增长率), left half then right half', () => {
    expect(d.columns).toEqual([
      { key: 'label', label: '国家', kind: 'label' },
      { key: 'c1', label: '2014', kind: 'number', unit: '亿美元' },
      { key: 'c2', label: '2020', kind: 'number', unit: '亿美元' },
      { key: 'c3', label: '年均增长率', kind: 'number', unit: '%' },
    ]);
    expect(d.rows).toHaveLength(18);
    expect(d.rows[0]).toEqual(['中国', 40, 17, -13.42]);
    expect(d.rows[8]).toEqual(['墨西哥', 30, 44, 6.62]);
    expect(d.rows[9]).toEqual(['新西兰', 25, 89, 23.98]);
    expect(d.rows[17]).toEqual(['其他经济体', 73, 100, 5.28]);
    expect(row(d, '韩国')[cRate]).toBe(-0.2);
  });

  it('maps "-" to null (菲律宾: 0 → 24, no growth rate) and keeps -100.00% where 2020 is 0', () => {
    expect(row(d, '菲律宾')).toEqual(['菲律宾', 0, 24, null]);
    expect(d.rows.filter((r) => r[cRate] === null).map((r) => r[0])).toEqual(['菲律宾']);
    const zero2020 = d.rows.filter((r) => r[c2020] === 0).map((r) => [r[0], r[cRate]]);
    expect(zero2020).toEqual([
      ['智利', -100],
      ['秘鲁', -100],
      ['俄罗斯', -100],
    ]);
  });

  it('growth rates are consistent with the printed (rounded) values over 6 years', () => {
    let checked = 0;
    for (const r of d.rows) {
      const a = num(r[c2014]);
      const b = num(r[c2020]);
      if (a === 0 || b === 0) continue;
      const rate = num(r[cRate]) / 100;
      const lo = ((b - 0.5) / (a + 0.5)) ** (1 / 6) - 1;
      const hi = ((b + 0.5) / (a - 0.5)) ** (1 / 6) - 1;
      expect(rate, String(r[0])).toBeGreaterThanOrEqual(lo - 5e-5);
      expect(rate, String(r[0])).toBeLessThanOrEqual(hi + 5e-5);
      checked++;
    }
    expect(checked).toBe(14);
  });

  it('keeps the totals block as a summary with its own columns', () => {
    expect(d.summary?.label).toBe('合计');
    expect(d.summary?.columns).toEqual([
      { key: 'label', label: '项目', kind: 'label' },
      { key: 'c1', label: '2014', kind: 'number', unit: '亿美元' },
      { key: 'c2', label: '2020', kind: 'number', unit: '亿美元' },
      { key: 'c3', label: '年均增长率', kind: 'number', unit: '%' },
    ]);
    expect(d.summary?.rows).toEqual([
      ['贸易合计', 3886, 4921, 4.02],
      ['APEC 出口合计', 695, 706, 0.26],
      ['其他地区出口合计', 3191, 4215, 4.75],
    ]);
  });

  it('totals: economies sum to APEC 出口合计 (exactly in 2014, within rounding in 2020)', () => {
    const [trade, apec, other] = d.summary?.rows ?? [];
    const sum = (j: number) => d.rows.reduce((s, r) => s + num(r[j]), 0);
    expect(sum(c2014)).toBe(num(apec?.[1]));
    // 2020: the 18 rounded values sum to 708 against a printed total of 706 — within the ±0.5
    // rounding of each value, but not equal.
    expect(sum(c2020)).toBe(708);
    expect(Math.abs(sum(c2020) - num(apec?.[2]))).toBeLessThanOrEqual(18 * 0.5);
    // 贸易合计 = APEC + 其他地区, both years.
    expect(num(apec?.[1]) + num(other?.[1])).toBe(num(trade?.[1]));
    expect(num(apec?.[2]) + num(other?.[2])).toBe(num(trade?.[2]));
    // Summary growth rates match (b/a)^(1/6) - 1 to two decimals, as the text says (4.02%, 0.26%, 4.75%).
    for (const r of d.summary?.rows ?? []) {
      const rate = ((num(r[2]) / num(r[1])) ** (1 / 6) - 1) * 100;
      expect(Math.abs(rate - num(r[3])), String(r[0])).toBeLessThan(0.015);
    }
  });
});

describe('表 3-1 (two-level header)', () => {
  const d = table('表 3-1');

  it('flattens the header into unambiguous labels', () => {
    expect(d.columns.map((c) => c.label)).toEqual([
      '区域',
      '出口区域内比重 2020',
      '出口区域内比重 2017',
      '出口区域内比重 增减百分点',
      '进口区域内比重 2020',
      '进口区域内比重 2017',
      '进口区域内比重 增减百分点',
    ]);
    expect(d.columns.map((c) => c.unit)).toEqual([undefined, '%', '%', '百分点', '%', '%', '百分点']);
    expect(new Set(d.columns.map((c) => c.key)).size).toBe(7);
  });

  it('has 6 regions with the printed values', () => {
    expect(d.rows.map((r) => r[0])).toEqual(['USMCA', '欧盟', '东亚', 'RCEP', '东盟', 'APEC']);
    expect(d.rows[0]).toEqual(['USMCA', 49.6, 50.1, -0.6, 35.9, 38.8, -2.9]);
    expect(row(d, 'RCEP')[col(d, '进口区域内比重 增减百分点')]).toBe(0.7);
    expect(d.rows[5]).toEqual(['APEC', 70.2, 69.7, 0.5, 73.1, 72.1, 0.9]);
  });

  it('增减百分点 is 2020 − 2017 up to rounding (off by 0.1 in several rows)', () => {
    let offByRounding = 0;
    for (const group of ['出口区域内比重', '进口区域内比重']) {
      for (const r of d.rows) {
        const diff = num(r[col(d, `${group} 2020`)]) - num(r[col(d, `${group} 2017`)]);
        const printed = num(r[col(d, `${group} 增减百分点`)]);
        expect(Math.abs(diff - printed), `${group} ${r[0]}`).toBeLessThanOrEqual(0.1 + 1e-9);
        if (Math.abs(diff - printed) > 1e-9) offByRounding++;
      }
    }
    expect(offByRounding).toBe(5);
  });
});

describe('表 3-2 (matrix: exporters down, importers across)', () => {
  const d = table('表 3-2');
  const economies = ['世界', 'USMCA', '美国', '欧盟', '日本', '东亚', 'RCEP', '中国', '东盟', 'APEC'];

  it('is a square 10 × 10 matrix with a label column', () => {
    expect(d.columns).toHaveLength(11);
    expect(d.columns[0]).toEqual({ key: 'label', label: '项目', kind: 'label' });
    expect(d.columns.slice(1).map((c) => c.label)).toEqual(economies);
    expect(d.columns.slice(1).every((c) => c.kind === 'number' && c.unit === '%')).toBe(true);
    expect(d.rows.map((r) => r[0])).toEqual(economies);
    expect(d.rows.every((r) => r.length === 11 && r.slice(1).every((c) => typeof c === 'number'))).toBe(true);
  });

  it('has the printed values, including the ones the text cites', () => {
    expect(d.rows[0]).toEqual(['世界', 0, 0.32, 0.57, -3.22, -0.24, 0.9, -1.9, 0.74, 0.18, 0.58]);
    expect(d.rows[9]).toEqual(['APEC', 0.9, 0.23, 0.44, -0.8, -0.09, 0.99, -0.61, 0.43, 0.31, 0.88]);
    const at = (from: string, to: string) => row(d, from)[col(d, to)];
    expect(at('东亚', '东亚')).toBe(0.75); // 东亚区域内贸易 … 提升了0.75个百分点
    expect(at('中国', '东亚')).toBe(0.75); // 东亚经济体从中国的进口 … 0.75
    expect(at('东亚', '中国')).toBe(0.16); // … 和0.16个百分点
    expect(at('中国', '东盟')).toBe(0.61); // 中国对东盟出口 … 提高了0.61
    expect(at('东盟', '中国')).toBe(0.12); // 从东盟进口上升了0.12
    expect(at('欧盟', 'APEC')).toBe(5.26);
  });

  it('single economies do not trade with themselves: their diagonal is 0', () => {
    for (const e of ['世界', '美国', '日本', '中国']) expect(row(d, e)[col(d, e)]).toBe(0);
  });
});

describe('表 3-3 (years down, income groups across)', () => {
  const d = table('表 3-3');

  it('is 6 years × (年份 + 5 groups)', () => {
    expect(d.columns.map((c) => c.label)).toEqual([
      '年份',
      '全球平均',
      '高收入国家',
      '中等偏上收入国家',
      '中等偏下收入国家',
      '低收入国家',
    ]);
    expect(d.columns[0]?.key).toBe('year');
    expect(d.rows.map((r) => r[0])).toEqual(['2014', '2015', '2016', '2017', '2018', '2019']);
    expect(d.rows[0]).toEqual(['2014', 68.2, 74.9, 56.8, 54.8, 49.9]);
    expect(row(d, '2015')[col(d, '低收入国家')]).toBe(52.2);
    expect(d.rows[5]).toEqual(['2019', 69.7, 76.5, 58.7, 57.2, 49.2]);
    expect(d.notes).toHaveLength(1);
    expect(d.notes[0]).toMatch(/^高收入国家人均 GDP 为 12535 美元以上/);
    expect(d.source).toBe('世界银行。');
  });

  it('groups are ordered by income every year', () => {
    for (const r of d.rows) {
      const v = r.slice(2).map(num);
      for (let i = 1; i < v.length; i++) expect(v[i]).toBeLessThan(v[i - 1] ?? 0);
    }
  });
});

describe('表 3-4 (years across in print → one row per year)', () => {
  const d = table('表 3-4');

  it('is 7 years × (年份 + 4 series)', () => {
    expect(d.columns).toEqual([
      { key: 'year', label: '年份', kind: 'label' },
      { key: 'c1', label: '服务业/GDP', kind: 'number', unit: '%' },
      { key: 'c2', label: '贸易额/GDP', kind: 'number', unit: '%' },
      { key: 'c3', label: '服务贸易额/GDP', kind: 'number', unit: '%' },
      { key: 'c4', label: '货物贸易额/GDP', kind: 'number', unit: '%' },
    ]);
    expect(d.rows.map((r) => r[0])).toEqual(['2000', '2010', '2015', '2016', '2017', '2018', '2019']);
    expect(d.rows[0]).toEqual(['2000', 60.2, 51, 9.2, 39]);
    expect(row(d, '2016')).toEqual(['2016', 65.4, 56, 12.9, 42.6]);
    expect(d.rows[6]).toEqual(['2019', null, null, 13.3, 44]);
  });

  it('agrees with the text except for 服务业/GDP 2010 (text 63.4%, table 63.2)', () => {
    expect(row(d, '2010')[col(d, '服务贸易额/GDP')]).toBe(11.5);
    expect(row(d, '2019')[col(d, '服务贸易额/GDP')]).toBe(13.3);
    expect(row(d, '2018')[col(d, '服务业/GDP')]).toBe(61.2);
    expect(row(d, '2010')[col(d, '服务业/GDP')]).toBe(63.2);
  });

  it('贸易额/GDP is not the sum of 服务贸易 and 货物贸易 (off by up to 2.8 points)', () => {
    const diffs = d.rows.filter((r) => r[2] !== null).map((r) => num(r[2]) - (num(r[3]) + num(r[4])));
    expect(diffs).toHaveLength(6);
    expect(Math.max(...diffs.map(Math.abs))).toBeCloseTo(2.8, 5);
    expect(diffs.every((x) => Math.abs(x) <= 3)).toBe(true);
  });
});

describe('layout handling on synthetic input', () => {
  const ids = { id: 't', docId: 'd', sectionId: 's', blockId: 'b' };

  it('ignores blank lines inside the table', () => {
    const d = buildDataset({
      caption: '表 9-1：测试（单位：个）',
      tableLines: ['年份\t2001\t2002', '', '数量\t1,000\t—', '  ', '年份\t2003\t—', '数量\t3\t—'],
      sourceLines: ['资料来源： 测试。'],
      noteLines: [],
      ids,
    });
    expect(d.rows).toEqual([
      ['2001', 1000],
      ['2002', null],
      ['2003', 3],
    ]);
    expect(d.source).toBe('测试。');
    expect(d.page).toBeUndefined();
    expect(d.summary).toBeUndefined();
  });

  it('rejects inconsistent layouts', () => {
    const base = { caption: '表 9-2：测试', sourceLines: [], noteLines: [], ids };
    expect(() =>
      buildDataset({ ...base, tableLines: ['年份\t2001', '甲\t1', '年份\t2002', '乙\t2'] }),
    ).toThrow(/do not match/);
    expect(() => buildDataset({ ...base, tableLines: ['年份\t2001\t—', '甲\t1\t5'] })).toThrow(/no header/);
    expect(() => buildDataset({ ...base, tableLines: ['年份\t2001', '甲\t1\t5'] })).toThrow(/wider/);
    expect(() => buildDataset({ ...base, caption: '不是表题', tableLines: ['a\tb', 'c\td'] })).toThrow();
  });
});
