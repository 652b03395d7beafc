import { stringify } from 'csv-stringify/sync';
import { type ExportItem, wellFormed } from './items.js';
import { type ExportLang, LABELS } from './labels.js';

// CSV export: one row per annotation, UTF-8 with a BOM (so Excel detects the encoding), CRLF
// line ends, every field quoted.
//
// Formula injection: csv-stringify's `escape_formulas` (6.9) prefixes a quote to cells starting
// with = + - @ TAB CR and the full-width ＝ ＋ － ＠. We apply our own guard first, which also
// covers LF and cells whose formula character hides behind leading spaces or invisible characters
// (zero-width, BOM, bidi marks), and keep `escape_formulas` on as a second line.

const FORMULA_START = /^[\s\u200B-\u200F\u2028-\u202F\u205F-\u206F\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Neutralise a cell a spreadsheet could read as a formula by prefixing an apostrophe. */
export function neutraliseFormula(cell: string): string {
  if (cell.length === 0) return cell;
  if (FORMULA_START.test(cell) || /^[\t\r\n]/.test(cell)) return `'${cell}`;
  return cell;
}

export const CSV_BOM = '\uFEFF';

export interface CsvOptions {
  lang: ExportLang;
}

export function exportCsv(items: readonly ExportItem[], options: CsvOptions): string {
  const L = LABELS[options.lang];
  const C = L.csv;
  const header = [
    C.id,
    C.document,
    C.section,
    C.page,
    C.quote,
    C.note,
    C.color,
    C.tags,
    C.motivation,
    C.status,
    C.created,
    C.modified,
    C.link,
  ];
  const rows = items.map((item) =>
    [
      item.id,
      item.docTitle,
      item.sectionPath.join(' › '),
      item.page !== undefined ? String(item.page) : '',
      item.quote,
      item.note,
      item.color ? L.colors[item.color] : '',
      item.tags.join('; '),
      L.motivations[item.motivation],
      L.statuses[item.status],
      item.created,
      item.modified,
      item.link ?? '',
    ].map((cell) => neutraliseFormula(wellFormed(cell))),
  );
  const body = stringify([header, ...rows], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: '\r\n',
    escape_formulas: true,
  });
  return `${CSV_BOM}${body}`;
}
