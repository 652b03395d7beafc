import { useId, useMemo, useState } from 'react';
import type { Cell, Dataset, DatasetColumn } from '../../../main/corpus/types.js';
import type { UiLocale } from '../i18n/index.js';
import { useLocale } from '../state/preferences.js';
import {
  columnDecimals,
  formatCell,
  headerLabel,
  langOf,
  nextSort,
  numberFormat,
  type SortState,
  sortRows,
} from './format.js';

// A dataset as a sortable table: every column header is a button (click or Enter/Space to sort:
// ascending, descending, then the printed order again), the sorted column carries aria-sort.
// Numbers are right-aligned in tabular figures with the locale's thousands separators, the unit
// in the header; missing values are an em dash. The header row and the first column stay in view
// while the table scrolls (both ways) inside its frame.

function SortIcon({ direction }: { direction: 'ascending' | 'descending' | null }) {
  return (
    <svg
      className="dt__sort-icon"
      width="10"
      height="14"
      viewBox="0 0 10 14"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M5 1 9 5.5H1z" className={direction === 'ascending' ? 'is-on' : undefined} />
      <path d="M5 13 1 8.5h8z" className={direction === 'descending' ? 'is-on' : undefined} />
    </svg>
  );
}

function useFormats(columns: DatasetColumn[], rows: Cell[][], locale: UiLocale) {
  return useMemo(
    () =>
      columns.map((column, c) =>
        column.kind === 'number' ? numberFormat(locale, columnDecimals(rows, [c])) : null,
      ),
    [columns, rows, locale],
  );
}

function Body({
  columns,
  rows,
  order,
  formats,
}: {
  columns: DatasetColumn[];
  rows: Cell[][];
  order: number[];
  formats: (Intl.NumberFormat | null)[];
}) {
  return order.map((r) => {
    const row = rows[r] ?? [];
    return (
      <tr key={r}>
        {columns.map((column, c) => {
          const cell = row[c] ?? null;
          const format = formats[c];
          const text = format ? formatCell(cell, format) : formatCell(cell, numberFormat('en', 0));
          if (c === 0 && column.kind === 'label') {
            return (
              <th key={column.key} scope="row">
                {text}
              </th>
            );
          }
          const className = [
            column.kind === 'number' ? 'num' : '',
            cell === null ? 'empty' : '',
            typeof cell === 'number' && cell < 0 ? 'neg' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <td key={column.key} className={className || undefined}>
              {text}
            </td>
          );
        })}
      </tr>
    );
  });
}

export function DatasetTable({ dataset }: { dataset: Dataset }) {
  const { t, locale } = useLocale();
  const lang = langOf(locale);
  const captionId = useId();
  const hintId = useId();
  const [sort, setSort] = useState<SortState>(null);
  const collator = useMemo(
    () => new Intl.Collator(locale === 'en' ? 'zh-CN' : locale, { numeric: true }),
    [locale],
  );
  const order = useMemo(() => sortRows(dataset.rows, sort, collator), [dataset.rows, sort, collator]);
  const formats = useFormats(dataset.columns, dataset.rows, locale);
  const summary = dataset.summary;
  const summaryFormats = useFormats(summary?.columns ?? [], summary?.rows ?? [], locale);
  const summaryOrder = useMemo(() => (summary?.rows ?? []).map((_, i) => i), [summary]);

  return (
    <>
      <p className="dt-hint" id={hintId}>
        {t('data.table.hint')}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="dt-scroll" aria-labelledby={captionId} tabIndex={0}>
        <table className="dt" aria-describedby={hintId}>
          <caption id={captionId} className="visually-hidden">
            {dataset.number} {dataset.title}
          </caption>
          <thead>
            <tr>
              {dataset.columns.map((column, c) => {
                const direction = sort?.column === c ? sort.direction : null;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.kind === 'number' ? 'num' : undefined}
                    aria-sort={direction ?? undefined}
                  >
                    <button type="button" className="dt__sort" onClick={() => setSort((s) => nextSort(s, c))}>
                      <span className="dt__label">{headerLabel(column, dataset, lang)}</span>
                      <SortIcon direction={direction} />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            <Body columns={dataset.columns} rows={dataset.rows} order={order} formats={formats} />
          </tbody>
        </table>
      </section>
      {summary !== undefined && summary.rows.length > 0 && (
        <section className="dt-summary" aria-labelledby={`${captionId}-summary`}>
          <h3 className="dt-summary__title" id={`${captionId}-summary`}>
            {summary.label}
            <span className="dt-summary__note">{t('data.table.summary')}</span>
          </h3>
          <div className="dt-scroll dt-scroll--summary">
            <table className="dt dt--summary" aria-labelledby={`${captionId}-summary`}>
              <thead>
                <tr>
                  {summary.columns.map((column) => (
                    <th key={column.key} scope="col" className={column.kind === 'number' ? 'num' : undefined}>
                      <span className="dt__label dt__label--static">
                        {headerLabel(column, dataset, lang)}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <Body
                  columns={summary.columns}
                  rows={summary.rows}
                  order={summaryOrder}
                  formats={summaryFormats}
                />
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
