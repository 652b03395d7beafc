import { stringify } from 'csv-stringify/sync';
import type { Cell, Dataset, DatasetColumn, DocMeta } from '../corpus/types.js';
import { neutraliseFormula } from '../export/csv.js';

// A dataset as a file a reader takes away: CSV for Excel (UTF-8 with BOM, formula-safe), JSON,
// and a citation to paste into their writing.

export type DatasetFormat = 'csv' | 'json';
export type CitationLang = 'zh' | 'en';

const BOM = '\uFEFF';

function header(column: DatasetColumn, datasetUnit: string | undefined): string {
  const unit = column.unit ?? (column.kind === 'number' ? datasetUnit : undefined);
  return unit ? `${column.label} (${unit})` : column.label;
}

/** Numbers stay numbers (csv-stringify's formula escaping then leaves "-13.42" alone). */
function cell(value: Cell): string | number {
  if (value === null) return '';
  return typeof value === 'number' ? value : neutraliseFormula(value);
}

/**
 * One header row, one row per data row; a summary printed under the table follows after an
 * empty row, under its own header. Null cells are empty (a spreadsheet's "no value").
 */
export function datasetToCsv(dataset: Dataset): string {
  const records: (string | number)[][] = [
    dataset.columns.map((c) => neutraliseFormula(header(c, dataset.unit))),
    ...dataset.rows.map((row) => row.map(cell)),
  ];
  if (dataset.summary) {
    records.push([], [neutraliseFormula(dataset.summary.label)]);
    records.push(dataset.summary.columns.map((c) => neutraliseFormula(header(c, dataset.unit))));
    records.push(...dataset.summary.rows.map((row) => row.map(cell)));
  }
  return BOM + stringify(records, { record_delimiter: '\r\n', escape_formulas: true });
}

export function datasetToJson(dataset: Dataset, report: DocMeta): string {
  const { id, number, title, unit, source, notes, columns, rows, summary, page } = dataset;
  return `${JSON.stringify(
    {
      id,
      number,
      title,
      unit,
      source,
      notes,
      columns,
      rows,
      ...(summary ? { summary } : {}),
      citation: { zh: citeDataset(dataset, report, 'zh'), en: citeDataset(dataset, report, 'en') },
      ...(page !== undefined ? { page } : {}),
    },
    null,
    2,
  )}\n`;
}

/** 表 2-4 APEC…（单位：亿美元）。资料来源：UNComtrade。载于：中华人民共和国商务部《…》，第51页。 */
export function citeDataset(dataset: Dataset, report: DocMeta, lang: CitationLang): string {
  const source = dataset.source?.replace(/[。.]$/u, '');
  if (lang === 'zh') {
    const unit = dataset.unit ? `（单位：${dataset.unit}）` : '';
    const from = source ? `资料来源：${source}。` : '';
    const page = dataset.page !== undefined ? `，第${dataset.page}页` : '';
    return `${dataset.number} ${dataset.title}${unit}。${from}载于：中华人民共和国商务部《${report.title.zh}》${page}。`;
  }
  const number = dataset.number.replace(/^表\s*/u, 'Table ');
  const unit = dataset.unit ? ` (unit: ${dataset.unit})` : '';
  const from = source ? ` Source: ${source}.` : '';
  const page = dataset.page !== undefined ? `, p. ${dataset.page}` : '';
  return `${number}, “${dataset.title}”${unit}.${from} In: Ministry of Commerce of the People's Republic of China, ${report.title.en}${page}.`;
}

export function exportDataset(dataset: Dataset, report: DocMeta, format: DatasetFormat): string {
  return format === 'csv' ? datasetToCsv(dataset) : datasetToJson(dataset, report);
}
