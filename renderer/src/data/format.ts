import type { Cell, Dataset, DatasetColumn } from '../../../main/corpus/types.js';
import { englishTitle, unitIn } from '../../../main/datasets/titles.js';
import type { UiLocale } from '../i18n/index.js';

// Pure helpers of the data view: number formatting in the interface language, column headers with
// their unit, sorting rows by a column, and the list's text filter. No DOM, tested in node.

export type Lang = 'zh' | 'en';

export function langOf(locale: UiLocale): Lang {
  return locale === 'en' ? 'en' : 'zh';
}

/** Decimal places of a number as printed (4.02 → 2, 4052 → 0, 1e-7 → 7). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(value);
  const exp = /e-(\d+)$/.exec(text);
  if (exp?.[1]) return Number(exp[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** The most decimal places among the cells of the given columns (capped at 6): one precision per column. */
export function columnDecimals(rows: readonly (readonly Cell[])[], columns: readonly number[]): number {
  let max = 0;
  for (const row of rows)
    for (const c of columns) {
      const cell = row[c];
      if (typeof cell === 'number') max = Math.max(max, decimalsOf(cell));
    }
  return Math.min(max, 6);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat for the locale with a fixed number of decimals (cached). */
export function numberFormat(locale: UiLocale, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${decimals}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    formatters.set(key, format);
  }
  return format;
}

export const MISSING = '—';

/** A cell as shown: numbers with thousands separators, missing values as an em dash. */
export function formatCell(cell: Cell, format: Intl.NumberFormat): string {
  if (cell === null) return MISSING;
  return typeof cell === 'number' ? format.format(cell) : cell;
}

/** 4,052 千人 · 49.6% · 4,052 thousand people. */
export function withUnit(text: string, unit: string | undefined, lang: Lang): string {
  if (unit === undefined || unit === '' || text === MISSING) return text;
  if (unit === '%') return `${text}%`;
  return lang === 'zh' ? `${text} ${unit}` : `${text} ${unitIn(unit, 'en')}`;
}

/** The unit a column's numbers are in: its own, else the table's. */
export function columnUnit(column: DatasetColumn, dataset: Pick<Dataset, 'unit'>): string | undefined {
  return column.kind === 'number' ? (column.unit ?? dataset.unit) : undefined;
}

/** "从业人数（千人）" / "从业人数 (thousand people)": the header of a number column names its unit. */
export function headerLabel(column: DatasetColumn, dataset: Pick<Dataset, 'unit'>, lang: Lang): string {
  const unit = columnUnit(column, dataset);
  if (unit === undefined) return column.label;
  return lang === 'zh' ? `${column.label}（${unit}）` : `${column.label} (${unitIn(unit, 'en')})`;
}

// --- Sorting -------------------------------------------------------------------------------------

export type SortDirection = 'ascending' | 'descending';
export type SortState = { column: number; direction: SortDirection } | null;

/** Clicking a header: source order → ascending → descending → source order; another column starts at ascending. */
export function nextSort(state: SortState, column: number): SortState {
  if (state === null || state.column !== column) return { column, direction: 'ascending' };
  return state.direction === 'ascending' ? { column, direction: 'descending' } : null;
}

const YEARISH = /^\d{4}$/;

/**
 * Row indexes in display order. Numbers compare numerically; labels as numbers when they all are
 * (years), else with the locale's collation (pinyin order for Chinese). Missing values always go
 * last, whichever the direction; ties keep the source order.
 */
export function sortRows(
  rows: readonly (readonly Cell[])[],
  state: SortState,
  collator: Intl.Collator,
): number[] {
  const order = rows.map((_, i) => i);
  if (state === null) return order;
  const { column, direction } = state;
  const sign = direction === 'ascending' ? 1 : -1;
  const numericLabels = rows.every((row) => {
    const cell = row[column];
    return cell === null || cell === undefined || typeof cell === 'number' || YEARISH.test(cell);
  });
  const key = (cell: Cell | undefined): number | string | null => {
    if (cell === null || cell === undefined) return null;
    if (typeof cell === 'number') return cell;
    return numericLabels ? Number(cell) : cell;
  };
  return order.sort((a, b) => {
    const x = key(rows[a]?.[column]);
    const y = key(rows[b]?.[column]);
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    const cmp =
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return cmp === 0 ? a - b : sign * cmp;
  });
}

// --- Filtering -----------------------------------------------------------------------------------

/** Case, width and spacing do not matter: "表2-1", "表 2-1" and "２－１" all find 表 2-1. */
export function normalizeForFilter(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[‐‑‒–—―－]/gu, '-');
}

/** Whether every word of the query occurs in the dataset's number, titles (printed and English) or source. */
export function matchesFilter(
  dataset: Pick<Dataset, 'id' | 'number' | 'title' | 'source'>,
  query: string,
): boolean {
  const words = query
    .split(/[\s\u3000]+/u)
    .map(normalizeForFilter)
    .filter(Boolean);
  if (words.length === 0) return true;
  const english = englishTitle(dataset.id) ?? '';
  const haystack = normalizeForFilter(
    [
      dataset.number,
      dataset.number.replace(/^表/u, 'Table'),
      dataset.title,
      english,
      dataset.source ?? '',
    ].join('\u0001'),
  );
  return words.every((word) => haystack.includes(word));
}
