import type { Block, Cell, Dataset, DatasetColumn } from '../../../../main/corpus/types.js';
import { useReaderContext } from '../../reader/context.js';
import { useLocale } from '../../state/preferences.js';
import type { Range } from '../../text/segments.js';
import { RichText } from './RichText.js';

// A table from the report as a real <table>: the caption as printed (number, title, unit), column
// headers, the first column as row headers, numbers right-aligned in tabular figures, missing
// values as an em dash. The source and notes printed under the table are their own blocks in the
// text and follow it there.

function formatCell(cell: Cell): string {
  if (cell === null) return '—';
  return typeof cell === 'number' ? String(cell) : cell;
}

function columnLabel(column: DatasetColumn, tableUnit: string | undefined): string {
  return column.unit !== undefined && column.unit !== tableUnit
    ? `${column.label}（${column.unit}）`
    : column.label;
}

function Rows({ columns, rows }: { columns: DatasetColumn[]; rows: Cell[][] }) {
  return rows.map((row, r) => (
    // Rows of a printed table never reorder.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <tr key={r}>
      {columns.map((column, c) => {
        const cell = row[c] ?? null;
        const className = column.kind === 'number' ? 'num' : undefined;
        return c === 0 && column.kind === 'label' ? (
          <th key={column.key} scope="row" className={className}>
            {formatCell(cell)}
          </th>
        ) : (
          <td key={column.key} className={cell === null ? `${className ?? ''} empty`.trim() : className}>
            {formatCell(cell)}
          </td>
        );
      })}
    </tr>
  ));
}

export function DataTable({
  block,
  marks,
  active,
}: {
  block: Block;
  marks: readonly Range[] | undefined;
  active: boolean;
}) {
  const { model, slots } = useReaderContext();
  const { t, locale } = useLocale();
  const dataset: Dataset | undefined = block.datasetId ? model.datasets.get(block.datasetId) : undefined;
  const captionId = `${block.id}-caption`;
  const caption = (
    <RichText blockId={block.id} text={block.text} marks={marks} refs={block.footnoteRefs} active={active} />
  );
  if (dataset === undefined || dataset.columns.length === 0) {
    return (
      <div className="table-block table-block--empty" id={block.id} data-block-id={block.id}>
        <p className="table-block__caption">{caption}</p>
        <p className="table-block__missing" lang={locale}>
          {t('reader.table.noData')}
        </p>
      </div>
    );
  }
  const summary = dataset.summary;
  const summaryFits = summary !== undefined && summary.columns.length === dataset.columns.length;
  return (
    <div className="table-block" id={block.id} data-block-id={block.id}>
      {/* Above the table, at its right edge: seen as soon as a jump or a search hit lands on the table. */}
      {slots.tableActions && <div className="table-block__actions">{slots.tableActions(dataset)}</div>}
      {/* The wrapper scrolls sideways when a wide table does not fit; it is focusable so keyboard users can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table">
          <caption id={captionId}>{caption}</caption>
          <thead>
            <tr>
              {dataset.columns.map((column) => (
                <th key={column.key} scope="col" className={column.kind === 'number' ? 'num' : undefined}>
                  {columnLabel(column, dataset.unit)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Rows columns={dataset.columns} rows={dataset.rows} />
          </tbody>
          {summary !== undefined && summaryFits && (
            <tbody className="data-table__summary">
              <tr>
                <th scope="rowgroup" colSpan={summary.columns.length}>
                  {summary.label}
                </th>
              </tr>
              <Rows columns={summary.columns} rows={summary.rows} />
            </tbody>
          )}
        </table>
      </section>
      {summary !== undefined && !summaryFits && (
        <div className="table-scroll">
          <table className="data-table data-table--summary">
            <caption>{summary.label}</caption>
            <thead>
              <tr>
                {summary.columns.map((column) => (
                  <th key={column.key} scope="col" className={column.kind === 'number' ? 'num' : undefined}>
                    {columnLabel(column, dataset.unit)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <Rows columns={summary.columns} rows={summary.rows} />
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
