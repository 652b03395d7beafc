import type { Cell, Dataset } from '../../../main/corpus/types.js';
import type { UiLocale } from '../i18n/index.js';
import { type ChartPalette, divergingColor, divergingRamp, inkOn } from './chart-palette.js';
import { columnDecimals, columnUnit, type Lang, langOf, MISSING, numberFormat, withUnit } from './format.js';

// What chart a dataset gets and its ECharts option, as pure functions of the dataset, the palette
// and the interface's words (no DOM, no ECharts import: tested in node).
//
//   year series (表 2-1, 2-2, 2-3, 3-3, 3-4)  → lines, one per column, each with its own dash and symbol
//   cross-sections (表 2-4, 3-1)               → grouped bars, each series with its own decal pattern
//   a square matrix (表 3-2)                   → a heat map with a diverging scale and value labels
//
// Columns in different units never share an axis: they form "measures" (表 2-4: 亿美元 | %), and
// the chart shows one measure at a time.

export type ChartKind = 'line' | 'bar' | 'heatmap';

/** The option object handed to ECharts' setOption (kept loose: ECharts' own types are a union of everything). */
export type ChartOption = Record<string, unknown> & { series: Record<string, unknown>[] };

const YEAR = /^(1[89]|2\d)\d{2}$/;

export function rowLabels(dataset: Pick<Dataset, 'rows'>): string[] {
  return dataset.rows.map((row) => (row[0] === null || row[0] === undefined ? '' : String(row[0])));
}

export function numberColumns(dataset: Pick<Dataset, 'columns'>): number[] {
  return dataset.columns.flatMap((column, i) => (column.kind === 'number' ? [i] : []));
}

export function chartKind(dataset: Pick<Dataset, 'rows' | 'columns'>): ChartKind {
  const labels = rowLabels(dataset);
  if (labels.length > 1 && labels.every((label) => YEAR.test(label))) return 'line';
  const columnLabels = numberColumns(dataset).map((i) => dataset.columns[i]?.label ?? '');
  const square =
    labels.length >= 3 &&
    labels.length === columnLabels.length &&
    new Set(labels).size === labels.length &&
    labels.every((label) => columnLabels.includes(label));
  return square ? 'heatmap' : 'bar';
}

export interface Measure {
  /** The unit its columns share ('' when the table gives none). */
  unit: string;
  /** Column indexes, in table order. */
  columns: number[];
}

/** Number columns grouped by unit; the table's own unit first. A heat map is one measure. */
export function measures(dataset: Pick<Dataset, 'rows' | 'columns' | 'unit'>): Measure[] {
  const groups = new Map<string, number[]>();
  for (const i of numberColumns(dataset)) {
    const column = dataset.columns[i];
    if (column === undefined) continue;
    const unit = columnUnit(column, dataset) ?? '';
    groups.set(unit, [...(groups.get(unit) ?? []), i]);
  }
  const list = [...groups].map(([unit, columns]) => ({ unit, columns }));
  if (chartKind(dataset) === 'heatmap')
    return [{ unit: dataset.unit ?? list[0]?.unit ?? '', columns: list.flatMap((m) => m.columns) }];
  const own = list.findIndex((m) => m.unit === dataset.unit);
  if (own > 0) list.unshift(...list.splice(own, 1));
  return list;
}

/** Dash pattern and point symbol of line series i: lines stay apart without colour. */
export const LINE_STYLES: ReadonlyArray<{ dash: 'solid' | number[]; symbol: string }> = [
  { dash: 'solid', symbol: 'circle' },
  { dash: [8, 5], symbol: 'rect' },
  { dash: [2, 4], symbol: 'triangle' },
  { dash: [12, 4, 3, 4], symbol: 'diamond' },
  { dash: [4, 3], symbol: 'emptyCircle' },
  { dash: [14, 6], symbol: 'emptyRect' },
];

export type PatternName = 'solid' | 'stripes' | 'dots' | 'hatch' | 'backslash' | 'checks';
/** The decal pattern of bar series i (the legend draws the same ones). */
export const BAR_PATTERNS: readonly PatternName[] = [
  'solid',
  'stripes',
  'dots',
  'hatch',
  'backslash',
  'checks',
];

/** ECharts decal objects for the patterns (see BAR_PATTERNS), in the palette's decal ink. */
export function decalOf(pattern: PatternName, ink: string): Record<string, unknown> {
  switch (pattern) {
    case 'solid':
      // Drawn but invisible: ECharts merges every series with a palette decal, so "none" must be explicit.
      return { color: 'rgba(0, 0, 0, 0)', dashArrayX: 5, dashArrayY: 5 };
    case 'stripes':
      return { color: ink, dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: -Math.PI / 4 };
    case 'dots':
      return {
        color: ink,
        symbol: 'circle',
        symbolSize: 0.7,
        dashArrayX: [
          [5, 5],
          [0, 5, 5, 0],
        ],
        dashArrayY: [5, 0],
      };
    case 'hatch':
      return { color: ink, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: 0 };
    case 'backslash':
      return { color: ink, dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: Math.PI / 4 };
    case 'checks':
      return {
        color: ink,
        dashArrayX: [
          [4, 4],
          [0, 4, 4, 0],
        ],
        dashArrayY: [4, 0],
      };
  }
}

/** The words a chart shows, in the interface language. */
export interface ChartText {
  /** Title of the year axis: 年份 / Year. */
  year: string;
  /** Title of a value axis: 单位：千人 / Unit: thousand people. */
  unit: (unit: string) => string;
  /** For exported images only: the title block and the source line drawn into the picture. */
  title?: string;
  subtitle?: string;
  source?: string;
}

export interface ChartConfig {
  measure?: number;
  palette: ChartPalette;
  locale: UiLocale;
  text: ChartText;
  /** Series names switched off in the legend. */
  hidden?: ReadonlySet<string>;
  /** A picture to save: title, legend and source drawn in, a solid background, no animation. */
  exportMode?: boolean;
  animation?: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Years evenly spaced (2008…2017) sit on a category axis; uneven ones (2000, 2010, 2015…) on a true time scale. */
export function evenlySpaced(years: readonly number[]): boolean {
  if (years.length < 3) return true;
  const step = (years[1] ?? 0) - (years[0] ?? 0);
  return years.every((year, i) => i === 0 || year - (years[i - 1] ?? 0) === step);
}

/** Tick spacing of a true year scale: every year, every other, or every five. */
export function yearInterval(span: number): number {
  if (span > 12) return 5;
  return span > 6 ? 2 : 1;
}

/** Height in CSS pixels that shows every category readably. */
export function chartHeight(dataset: Pick<Dataset, 'rows' | 'columns' | 'unit'>, measure = 0): number {
  const kind = chartKind(dataset);
  if (kind === 'heatmap') return 560;
  if (kind === 'line') return 400;
  const categories = dataset.rows.length;
  if (!horizontalBars(categories)) return 420;
  const series = measures(dataset)[measure]?.columns.length ?? 1;
  return Math.max(420, 96 + categories * (series * 11 + 14));
}

/** Many categories (表 2-4's 18 economies): bars run sideways so every name can be read unrotated. */
export function horizontalBars(categories: number): boolean {
  return categories > 8;
}

interface Formatted {
  lang: Lang;
  unit: string;
  format: Intl.NumberFormat;
  /** A value with the unit, "—" when missing. */
  value: (value: unknown) => string;
  /** An axis tick: grouped digits, as few decimals as the tick needs. */
  tick: (value: number) => string;
}

function formatting(dataset: Dataset, measure: Measure, locale: UiLocale): Formatted {
  const lang = langOf(locale);
  const format = numberFormat(locale, columnDecimals(dataset.rows, measure.columns));
  const tickFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    lang,
    unit: measure.unit,
    format,
    value: (value) =>
      typeof value === 'number' && Number.isFinite(value)
        ? withUnit(format.format(value), measure.unit, lang)
        : MISSING,
    tick: (value) => tickFormat.format(value),
  };
}

function swatch(color: string): string {
  return `<svg class="chart-tip__key" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="${escapeHtml(color)}"/></svg>`;
}

interface TooltipParam {
  seriesName?: string;
  name?: string;
  value?: unknown;
  color?: unknown;
  axisValueLabel?: string;
  dataIndex?: number;
}

/**
 * Tooltip HTML with classes only: the app's CSP refuses inline style attributes, which ECharts'
 * default tooltip markup uses. Every text from the data is escaped.
 */
function axisTooltip(labels: readonly string[], f: Formatted) {
  return (raw: unknown) => {
    const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
    const first = params[0];
    const head =
      first?.dataIndex !== undefined ? (labels[first.dataIndex] ?? '') : (first?.axisValueLabel ?? '');
    const rows = params
      .map((p) => {
        const value = Array.isArray(p.value) ? p.value[1] : p.value;
        const color = typeof p.color === 'string' ? p.color : '#888';
        return `<li>${swatch(color)}<span class="chart-tip__name">${escapeHtml(p.seriesName ?? '')}</span><span class="chart-tip__value">${escapeHtml(f.value(value))}</span></li>`;
      })
      .join('');
    return `<p class="chart-tip__head">${escapeHtml(head)}</p><ul class="chart-tip__list">${rows}</ul>`;
  };
}

function baseOption(dataset: Dataset, kind: ChartKind, config: ChartConfig): ChartOption {
  const { palette, exportMode = false } = config;
  const option: ChartOption = {
    animation: !exportMode && (config.animation ?? true),
    animationDuration: 350,
    animationDurationUpdate: 250,
    backgroundColor: exportMode ? palette.background : 'transparent',
    color: palette.series,
    textStyle: { fontFamily: palette.fontFamily, fontSize: 13, color: palette.text },
    // Decals (patterns) make bars tell apart without colour; ECharts' own aria label is replaced by
    // the container's (role="img" with our summary), so it is switched off.
    aria: {
      enabled: true,
      label: { enabled: false },
      decal: {
        show: kind === 'bar',
        decals: BAR_PATTERNS.map((p) => decalOf(p, palette.decal)),
      },
    },
    tooltip: {
      show: !exportMode,
      confine: true,
      className: 'chart-tip',
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.tooltipBorder,
      borderWidth: 1,
      padding: [8, 12],
      textStyle: { color: palette.text, fontFamily: palette.fontFamily, fontSize: 13 },
      extraCssText: 'box-shadow: 0 6px 20px rgba(0,0,0,0.18); border-radius: 8px;',
    },
    series: [],
  };
  if (exportMode) {
    option.title = {
      text: config.text.title ?? `${dataset.number} ${dataset.title}`,
      ...(config.text.subtitle ? { subtext: config.text.subtitle } : {}),
      left: 24,
      top: 18,
      itemGap: 6,
      textStyle: { color: palette.text, fontSize: 18, fontWeight: 700, fontFamily: palette.fontFamily },
      subtextStyle: { color: palette.muted, fontSize: 13, fontFamily: palette.fontFamily },
    };
    if (config.text.source) {
      option.graphic = [
        {
          type: 'text',
          left: 24,
          bottom: 16,
          style: {
            text: config.text.source,
            fill: palette.muted,
            fontSize: 12,
            fontFamily: palette.fontFamily,
          },
        },
      ];
    }
  }
  return option;
}

function legendOf(names: string[], config: ChartConfig, top: number): Record<string, unknown> {
  const { palette, hidden, exportMode = false } = config;
  return {
    // The page draws its own legend (keyboard-operable buttons); an exported picture needs this one.
    show: exportMode,
    data: names,
    selected: Object.fromEntries(names.map((name) => [name, !(hidden?.has(name) ?? false)])),
    top,
    left: 24,
    right: 24,
    itemWidth: 28,
    itemHeight: 12,
    itemGap: 20,
    textStyle: { color: palette.text, fontSize: 13, fontFamily: palette.fontFamily },
    inactiveColor: palette.grid,
  };
}

function axisStyle(palette: ChartPalette) {
  return {
    axisLine: { show: true, lineStyle: { color: palette.axis } },
    axisTick: { show: true, lineStyle: { color: palette.axis } },
    axisLabel: { color: palette.muted, fontSize: 12, fontFamily: palette.fontFamily },
    splitLine: { show: false },
    nameTextStyle: { color: palette.muted, fontSize: 12, fontFamily: palette.fontFamily },
  };
}

function valueAxis(config: ChartConfig, f: Formatted, extra: Record<string, unknown> = {}) {
  const style = axisStyle(config.palette);
  return {
    type: 'value',
    ...style,
    axisLine: { show: false },
    axisTick: { show: false },
    axisLabel: { ...style.axisLabel, formatter: (value: number) => f.tick(value) },
    splitLine: { show: true, lineStyle: { color: config.palette.grid } },
    ...(f.unit ? { name: config.text.unit(f.unit) } : {}),
    ...extra,
  };
}

/** Where an exported picture's legend goes: under the title, and the subtitle if there is one. */
function legendTop(config: ChartConfig): number {
  return config.text.subtitle ? 84 : 62;
}

/**
 * The plot's box, axis labels and names included (ECharts 6 outer bounds), so nothing is clipped
 * and the margins are what they say; an exported picture leaves room for its title, legend and
 * source line.
 */
function gridOf(config: ChartConfig, box: { top: number; bottom: number; legend: boolean }) {
  const top = config.exportMode ? legendTop(config) + (box.legend ? 44 : 8) : box.top;
  return {
    left: config.exportMode ? 24 : 4,
    right: config.exportMode ? 32 : 16,
    top,
    bottom: config.exportMode ? box.bottom + 40 : box.bottom,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}

function lineOption(dataset: Dataset, measure: Measure, config: ChartConfig, f: Formatted): ChartOption {
  const labels = rowLabels(dataset);
  const years = labels.map(Number);
  const even = evenlySpaced(years);
  const names = measure.columns.map((c) => dataset.columns[c]?.label ?? '');
  const option = baseOption(dataset, 'line', config);
  const style = axisStyle(config.palette);
  option.legend = legendOf(names, config, legendTop(config));
  option.grid = gridOf(config, { top: 8, bottom: 4, legend: true });
  option.tooltip = {
    ...(option.tooltip as object),
    trigger: 'axis',
    axisPointer: { type: 'line', lineStyle: { color: config.palette.axis, type: 'dashed' } },
    formatter: axisTooltip(labels, f),
  };
  option.xAxis = {
    ...style,
    name: config.text.year,
    nameLocation: 'middle',
    nameGap: 30,
    ...(even
      ? { type: 'category', data: labels, boundaryGap: false, axisLabel: { ...style.axisLabel, interval: 0 } }
      : {
          type: 'value',
          min: Math.min(...years),
          max: Math.max(...years),
          // Round years for ticks (2000, 2005, 2010…), the last year labelled too.
          interval: yearInterval(Math.max(...years) - Math.min(...years)),
          axisLabel: {
            ...style.axisLabel,
            showMinLabel: true,
            showMaxLabel: true,
            formatter: (value: number) => String(value),
          },
        }),
  };
  option.yAxis = valueAxis(config, f, {
    scale: true,
    nameLocation: 'end',
    nameGap: 16,
    nameTextStyle: { ...style.nameTextStyle, align: 'left' },
  });
  option.series = measure.columns.map((c, i) => {
    const look = LINE_STYLES[i % LINE_STYLES.length] ?? LINE_STYLES[0];
    return {
      type: 'line',
      name: names[i],
      data: dataset.rows.map((row, r) => {
        const value = numeric(row[c]);
        return even ? value : [years[r], value];
      }),
      symbol: look?.symbol,
      symbolSize: 9,
      showAllSymbol: true,
      connectNulls: false,
      lineStyle: { width: 2.5, type: look?.dash },
      emphasis: { focus: 'series' },
    };
  });
  return option;
}

function numeric(cell: Cell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

function barOption(dataset: Dataset, measure: Measure, config: ChartConfig, f: Formatted): ChartOption {
  const labels = rowLabels(dataset);
  const names = measure.columns.map((c) => dataset.columns[c]?.label ?? '');
  const horizontal = horizontalBars(labels.length);
  const option = baseOption(dataset, 'bar', config);
  const style = axisStyle(config.palette);
  option.legend = legendOf(names, config, legendTop(config));
  option.grid = gridOf(config, { top: 8, bottom: 4, legend: true });
  option.tooltip = {
    ...(option.tooltip as object),
    trigger: 'axis',
    axisPointer: { type: 'shadow', shadowStyle: { color: config.palette.grid, opacity: 0.5 } },
    formatter: axisTooltip(labels, f),
  };
  const categoryAxis = {
    ...style,
    type: 'category',
    data: labels,
    // Sideways bars read top-down in table order.
    inverse: horizontal,
    axisTick: { show: true, alignWithLabel: true, lineStyle: { color: config.palette.axis } },
    axisLabel: { ...style.axisLabel, interval: 0, color: config.palette.text },
  };
  // Sideways bars: the scale on top, where it is seen before the long list of categories.
  const values = horizontal
    ? valueAxis(config, f, { position: 'top', nameLocation: 'middle', nameGap: 28 })
    : valueAxis(config, f, {
        nameLocation: 'end',
        nameGap: 16,
        nameTextStyle: { ...style.nameTextStyle, align: 'left' },
      });
  option.xAxis = horizontal ? values : categoryAxis;
  option.yAxis = horizontal ? categoryAxis : values;
  option.series = measure.columns.map((c, i) => ({
    type: 'bar',
    name: names[i],
    data: dataset.rows.map((row) => numeric(row[c])),
    barMaxWidth: horizontal ? 14 : 30,
    barGap: '12%',
    barCategoryGap: horizontal ? '28%' : '30%',
    itemStyle: {
      borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0],
      decal: decalOf(BAR_PATTERNS[i % BAR_PATTERNS.length] ?? 'solid', config.palette.decal),
    },
    emphasis: { focus: 'series' },
  }));
  return option;
}

export interface HeatCell {
  x: number;
  y: number;
  value: number;
}

/** The matrix's cells (missing values left out) and the range of their values. */
export function heatCells(
  dataset: Dataset,
  measure: Measure,
): { cells: HeatCell[]; min: number; max: number } {
  const cells: HeatCell[] = [];
  dataset.rows.forEach((row, y) => {
    measure.columns.forEach((c, x) => {
      const value = numeric(row[c]);
      if (value !== null) cells.push({ x, y, value });
    });
  });
  const values = cells.map((cell) => cell.value);
  return { cells, min: Math.min(...values), max: Math.max(...values) };
}

function heatmapOption(dataset: Dataset, measure: Measure, config: ChartConfig, f: Formatted): ChartOption {
  const { palette } = config;
  const labels = rowLabels(dataset);
  const columns = measure.columns.map((c) => dataset.columns[c]?.label ?? '');
  const { cells, min, max } = heatCells(dataset, measure);
  const option = baseOption(dataset, 'heatmap', config);
  const style = axisStyle(palette);
  option.grid = gridOf(config, { top: 8, bottom: 64, legend: false });
  option.tooltip = {
    ...(option.tooltip as object),
    trigger: 'item',
    formatter: (raw: unknown) => {
      const p = raw as { value?: unknown[]; color?: unknown };
      const [x, y, value] = (p.value ?? []) as [number, number, number];
      const color = typeof p.color === 'string' ? p.color : '#888';
      return `<p class="chart-tip__head">${escapeHtml(labels[y] ?? '')} × ${escapeHtml(columns[x] ?? '')}</p><ul class="chart-tip__list"><li>${swatch(color)}<span class="chart-tip__value">${escapeHtml(f.value(value))}</span></li></ul>`;
    },
  };
  const categoryStyle = {
    ...style,
    type: 'category',
    axisLine: { show: false },
    axisTick: { show: false },
    axisLabel: { ...style.axisLabel, interval: 0, color: palette.text, fontSize: 13 },
    splitArea: { show: false },
  };
  option.xAxis = { ...categoryStyle, data: columns, position: 'top' };
  option.yAxis = { ...categoryStyle, data: labels, inverse: true };
  option.visualMap = {
    type: 'continuous',
    dimension: 2,
    min,
    max,
    // No drag handles: their labels would repeat the ends'; hovering the scale still highlights cells.
    calculable: false,
    orient: 'horizontal',
    left: 'center',
    bottom: config.exportMode ? 48 : 8,
    itemWidth: 14,
    itemHeight: 260,
    // The two ends labelled with their values (and the unit); the handles show the value under them.
    text: [f.value(max), f.value(min)],
    textGap: 12,
    textStyle: { color: palette.text, fontSize: 12, fontFamily: palette.fontFamily },
    formatter: (value: number) => f.value(value),
    inRange: { color: divergingRamp(min, max, palette.heat) },
  };
  option.series = [
    {
      type: 'heatmap',
      name: dataset.title,
      data: cells.map(({ x, y, value }) => ({
        value: [x, y, value],
        label: { color: inkOn(divergingColor(value, min, max, palette.heat), palette.ink) },
      })),
      label: {
        show: true,
        fontSize: 12,
        fontFamily: palette.fontFamily,
        formatter: (p: { value?: unknown[] }) => {
          const value = p.value?.[2];
          return typeof value === 'number' ? f.format.format(value) : '';
        },
      },
      itemStyle: { borderColor: palette.background, borderWidth: 2, borderRadius: 3 },
      emphasis: { itemStyle: { borderColor: palette.text, borderWidth: 2 } },
    },
  ];
  return option;
}

/** The ECharts option for one measure of a dataset. */
export function buildChartOption(dataset: Dataset, config: ChartConfig): ChartOption {
  const kind = chartKind(dataset);
  const list = measures(dataset);
  const measure = list[config.measure ?? 0] ?? list[0] ?? { unit: '', columns: [] };
  const f = formatting(dataset, measure, config.locale);
  if (kind === 'heatmap') return heatmapOption(dataset, measure, config, f);
  return kind === 'line' ? lineOption(dataset, measure, config, f) : barOption(dataset, measure, config, f);
}

// --- The accessible summary ----------------------------------------------------------------------

export interface Extreme {
  value: string;
  where: string;
}

export interface ChartFacts {
  kind: ChartKind;
  series: string[];
  categories: number;
  first: string;
  last: string;
  unit: string;
  min: Extreme | null;
  max: Extreme | null;
}

/** What the chart's aria-label says: its kind, series, extent and extremes (formatted). */
export function chartFacts(dataset: Dataset, measureIndex: number, locale: UiLocale): ChartFacts {
  const kind = chartKind(dataset);
  const list = measures(dataset);
  const measure = list[measureIndex] ?? list[0] ?? { unit: '', columns: [] };
  const f = formatting(dataset, measure, locale);
  const labels = rowLabels(dataset);
  let min: { value: number; where: string } | null = null;
  let max: { value: number; where: string } | null = null;
  for (const [r, row] of dataset.rows.entries()) {
    for (const c of measure.columns) {
      const value = numeric(row[c]);
      if (value === null) continue;
      const column = dataset.columns[c]?.label ?? '';
      const where =
        kind === 'heatmap'
          ? `${labels[r]} × ${column}`
          : measure.columns.length > 1
            ? `${column}${f.lang === 'zh' ? '，' : ', '}${labels[r]}`
            : (labels[r] ?? '');
      if (min === null || value < min.value) min = { value, where };
      if (max === null || value > max.value) max = { value, where };
    }
  }
  const show = (e: { value: number; where: string } | null): Extreme | null =>
    e === null ? null : { value: f.value(e.value), where: e.where };
  return {
    kind,
    series: kind === 'heatmap' ? [] : measure.columns.map((c) => dataset.columns[c]?.label ?? ''),
    categories: labels.length,
    first: labels[0] ?? '',
    last: labels[labels.length - 1] ?? '',
    unit: measure.unit,
    min: show(min),
    max: show(max),
  };
}
