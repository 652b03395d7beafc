import { describe, expect, it } from 'vitest';
import { BundleStore, bundleDir } from '../../../main/corpus/bundle-store.js';
import type { Dataset } from '../../../main/corpus/types.js';
import {
  BAR_PATTERNS,
  buildChartOption,
  type ChartConfig,
  type ChartOption,
  chartFacts,
  chartHeight,
  chartKind,
  escapeHtml,
  evenlySpaced,
  LINE_STYLES,
  measures,
} from '../../../renderer/src/data/chart-model.js';
import { contrast, divergingColor, LIGHT_PALETTE } from '../../../renderer/src/data/chart-palette.js';
import { ROOT } from '../../corpus/report-fixture.js';

const datasets = BundleStore.load(bundleDir(ROOT))
  .documents()
  .flatMap((doc) => doc.datasets);
const byId = (id: string): Dataset => {
  const found = datasets.find((d) => d.id === id);
  if (!found) throw new Error(`no dataset ${id}`);
  return found;
};

const config = (extra: Partial<ChartConfig> = {}): ChartConfig => ({
  palette: LIGHT_PALETTE,
  locale: 'zh-CN',
  text: { year: '年份', unit: (unit) => `单位：${unit}` },
  animation: false,
  ...extra,
});

type Axis = { type: string; data?: string[]; name?: string; position?: string; min?: number; max?: number };
type Series = {
  type: string;
  name: string;
  data: unknown[];
  symbol?: string;
  lineStyle?: { type: unknown };
  itemStyle?: { decal: unknown };
};
const axis = (option: ChartOption, which: 'xAxis' | 'yAxis') => option[which] as Axis;
const series = (option: ChartOption) => option.series as Series[];

describe('chart kind', () => {
  it.each([
    ['table-2-1', 'line'],
    ['table-2-2', 'line'],
    ['table-2-3', 'line'],
    ['table-3-3', 'line'],
    ['table-3-4', 'line'],
    ['table-2-4', 'bar'],
    ['table-3-1', 'bar'],
    ['table-3-2', 'heatmap'],
  ])('%s is drawn as a %s chart', (id, kind) => {
    expect(chartKind(byId(id))).toBe(kind);
  });
});

describe('measures', () => {
  it('keeps columns of different units apart, the table’s unit first', () => {
    expect(measures(byId('table-2-4'))).toEqual([
      { unit: '亿美元', columns: [1, 2] },
      { unit: '%', columns: [3] },
    ]);
    expect(measures(byId('table-3-1')).map((m) => [m.unit, m.columns.length])).toEqual([
      ['%', 4],
      ['百分点', 2],
    ]);
    expect(measures(byId('table-3-2'))).toHaveLength(1);
    expect(measures(byId('table-2-2'))).toEqual([{ unit: '百万欧元', columns: [1, 2] }]);
  });
});

describe('line charts', () => {
  it('表 2-1: one line of 10 points on a year axis, with axis titles', () => {
    const option = buildChartOption(byId('table-2-1'), config());
    const x = axis(option, 'xAxis');
    expect(x.type).toBe('category');
    expect(x.data).toEqual(['2008', '2009', '2010', '2011', '2012', '2013', '2014', '2015', '2016', '2017']);
    expect(x.name).toBe('年份');
    expect(axis(option, 'yAxis').name).toBe('单位：千人');
    expect(series(option)).toHaveLength(1);
    expect(series(option)[0]?.data).toHaveLength(10);
    expect(series(option)[0]?.data[0]).toBe(4052);
  });

  it('gives every line its own dash and symbol', () => {
    const lines = series(buildChartOption(byId('table-3-3'), config()));
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((s) => JSON.stringify(s.lineStyle?.type))).size).toBe(5);
    expect(new Set(lines.map((s) => s.symbol)).size).toBe(5);
    expect(LINE_STYLES.length).toBeGreaterThanOrEqual(5);
  });

  it('表 3-4: uneven years on a true scale, missing values left as gaps', () => {
    expect(evenlySpaced([2008, 2009, 2010])).toBe(true);
    expect(evenlySpaced([2000, 2010, 2015, 2016])).toBe(false);
    const option = buildChartOption(byId('table-3-4'), config());
    const x = axis(option, 'xAxis');
    expect(x.type).toBe('value');
    expect([x.min, x.max]).toEqual([2000, 2019]);
    const first = series(option)[0];
    expect(first?.data[0]).toEqual([2000, 60.2]);
    expect(first?.data[6]).toEqual([2019, null]);
  });
});

describe('bar charts', () => {
  it('表 3-1: grouped bars, four series of six regions, each with its own decal', () => {
    const option = buildChartOption(byId('table-3-1'), config());
    const bars = series(option);
    expect(bars).toHaveLength(4);
    expect(bars.every((s) => s.type === 'bar' && s.data.length === 6)).toBe(true);
    expect(new Set(bars.map((s) => JSON.stringify(s.itemStyle?.decal))).size).toBe(4);
    expect((option.aria as { decal: { show: boolean } }).decal.show).toBe(true);
    expect(axis(option, 'xAxis').data).toEqual(['USMCA', '欧盟', '东亚', 'RCEP', '东盟', 'APEC']);
    // The other measure: the changes in percentage points.
    expect(series(buildChartOption(byId('table-3-1'), config({ measure: 1 })))).toHaveLength(2);
  });

  it('表 2-4: 18 economies run sideways, scale on top', () => {
    const option = buildChartOption(byId('table-2-4'), config());
    expect(axis(option, 'yAxis').type).toBe('category');
    expect(axis(option, 'yAxis').data).toHaveLength(18);
    expect(axis(option, 'xAxis').position).toBe('top');
    expect(series(option).map((s) => s.name)).toEqual(['2014', '2020']);
    expect(chartHeight(byId('table-2-4'))).toBeGreaterThan(chartHeight(byId('table-3-1')));
    expect(BAR_PATTERNS[0]).toBe('solid');
  });
});

describe('heat map', () => {
  it('表 3-2: 100 cells, the scale’s ends the data’s min and max, labelled', () => {
    const dataset = byId('table-3-2');
    const option = buildChartOption(dataset, config());
    const cells = series(option)[0]?.data as { value: [number, number, number]; label: { color: string } }[];
    expect(cells).toHaveLength(100);
    const values = dataset.rows.flatMap((row) => row.slice(1) as number[]);
    const visualMap = option.visualMap as { min: number; max: number; text: string[]; calculable: boolean };
    expect(visualMap.min).toBe(Math.min(...values));
    expect(visualMap.max).toBe(Math.max(...values));
    expect([visualMap.min, visualMap.max]).toEqual([-3.22, 5.26]);
    expect(visualMap.text).toEqual(['5.26%', '-3.22%']);
    // Every value label readable on its cell (WCAG 4.5:1).
    for (const cell of cells) {
      const background = divergingColor(cell.value[2], visualMap.min, visualMap.max, LIGHT_PALETTE.heat);
      expect(contrast(cell.label.color, background)).toBeGreaterThanOrEqual(4.5);
    }
    const label = (
      series(option)[0] as unknown as { label: { show: boolean; formatter: (p: unknown) => string } }
    ).label;
    expect(label.show).toBe(true);
    expect(label.formatter({ value: [0, 0, 0.5] })).toBe('0.50');
  });

  it('is neutral at zero and deepens with the magnitude on either side', () => {
    const heat = LIGHT_PALETTE.heat;
    expect(divergingColor(0, -3, 5, heat)).toBe(heat.neutral);
    expect(divergingColor(-3, -3, 5, heat)).toBe(heat.negative);
    expect(divergingColor(5, -3, 5, heat)).toBe(heat.positive);
  });
});

describe('tooltips and exported pictures', () => {
  it('formats values with units, missing ones as an em dash, and escapes the data', () => {
    const option = buildChartOption(byId('table-3-4'), config());
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([
      { seriesName: '服务业/GDP', value: [2019, null], color: '#a3262b', dataIndex: 6 },
      { seriesName: '<b>x</b>', value: [2019, 13.3], color: '#1f5fc4', dataIndex: 6 },
    ]);
    expect(html).toContain('2019');
    expect(html).toContain('—');
    expect(html).toContain('13.3%');
    expect(html).toContain('&#60;b&#62;x');
    expect(html).not.toContain('<b>');
    // Classes only: the CSP refuses inline style attributes.
    expect(html).not.toContain('style=');
    expect(escapeHtml(`<"'&>`)).toBe('&#60;&#34;&#39;&#38;&#62;');
  });

  it('draws title, legend and source into an exported picture, not on screen', () => {
    const screen = buildChartOption(byId('table-2-2'), config());
    expect(screen.title).toBeUndefined();
    expect((screen.legend as { show: boolean }).show).toBe(false);
    const picture = buildChartOption(
      byId('table-2-2'),
      config({
        exportMode: true,
        hidden: new Set(['增加值']),
        text: { year: 'Year', unit: (u) => u, title: 'T', source: 'S' },
      }),
    );
    expect((picture.title as { text: string }).text).toBe('T');
    expect((picture.legend as { show: boolean; selected: Record<string, boolean> }).show).toBe(true);
    expect((picture.legend as { selected: Record<string, boolean> }).selected).toEqual({
      产值: true,
      增加值: false,
    });
    expect(JSON.stringify(picture.graphic)).toContain('"text":"S"');
    expect(picture.animation).toBe(false);
    expect(picture.backgroundColor).toBe(LIGHT_PALETTE.background);
  });
});

describe('the accessible summary', () => {
  it('names the extent and the extremes', () => {
    expect(chartFacts(byId('table-2-1'), 0, 'zh-CN')).toEqual({
      kind: 'line',
      series: ['从业人数'],
      categories: 10,
      first: '2008',
      last: '2017',
      unit: '千人',
      min: { value: '4,052 千人', where: '2008' },
      max: { value: '4,613 千人', where: '2017' },
    });
    const heat = chartFacts(byId('table-3-2'), 0, 'en');
    expect(heat.min).toEqual({ value: '-3.22%', where: '世界 × 欧盟' });
    expect(heat.max).toEqual({ value: '5.26%', where: '欧盟 × APEC' });
  });
});

describe('palette', () => {
  it('series colours stand out from the background (WCAG 1.4.11, 3:1)', () => {
    for (const color of LIGHT_PALETTE.series)
      expect(contrast(color, LIGHT_PALETTE.background)).toBeGreaterThanOrEqual(3);
  });
});
