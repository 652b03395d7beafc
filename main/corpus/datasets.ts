import type { Cell, Dataset, DatasetColumn } from './types.js';

// Tables in the report are printed as tab-separated lines in print layout. This module turns one
// table (caption, its tab-separated lines, its 资料来源/注 lines) into a Dataset, undoing the print
// layout: year series wrapped over several line blocks, tables printed as two side-by-side halves,
// two-level headers, padding columns, and a totals block printed under the table.
//
// What the caller passes as `tableLines`: after the caption line, skip blank (whitespace-only)
// lines, then take every line that contains a tab, as-is (do NOT trim: a leading tab marks an empty
// first cell), skipping blank lines between them, up to the first non-blank line without a tab.

export interface TableCaption {
  /** Normalised: "表 2-1". */
  number: string;
  /** Without the unit parenthetical, inner whitespace runs collapsed to one space. */
  title: string;
  unit?: string;
}

export interface FigureCaption {
  /** Normalised: "图 1-3". */
  number: string;
  /** Without a trailing footnote marker. */
  caption: string;
  /** Footnote marker printed at the end of the caption (e.g. "¹"), when there is one. */
  marker?: string;
}

export interface BuildDatasetInput {
  /** The caption line, e.g. "表 2-1：欧盟 28 国环境产品和服务业从业人员状况（单位：千人）". */
  caption: string;
  /** The table's tab-separated lines, untrimmed (see the module comment). Blank lines are ignored. */
  tableLines: string[];
  /** Lines starting with 资料来源 (or 数据来源); the label is removed. */
  sourceLines: string[];
  /** Lines starting with 注; the label is removed. */
  noteLines: string[];
  ids: { id: string; docId: string; sectionId: string; blockId: string; page?: number };
}

const DASH = '[-－—–‐‑]';
const TABLE_CAPTION_RE = new RegExp(
  `^\\s*表\\s*(\\d+)\\s*${DASH}\\s*(\\d+)(?:\\s*[:：]\\s*|\\s+)(\\S.*?)\\s*$`,
);
const FIGURE_CAPTION_RE = new RegExp(
  `^\\s*图\\s*(\\d+)\\s*${DASH}\\s*(\\d+)(?:\\s*[:：]\\s*|\\s+)(\\S.*?)\\s*$`,
);
const UNIT_RE = /\s*[（(]\s*单位\s*[:：]\s*([^（）()]+?)\s*[）)]\s*$/;
const FOOTNOTE_MARKER_RE = /\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+|[①-⑳])$/;

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function parseTableCaption(line: string): TableCaption | null {
  const m = TABLE_CAPTION_RE.exec(line);
  if (!m) return null;
  let rest = m[3] ?? '';
  let unit: string | undefined;
  const u = UNIT_RE.exec(rest);
  if (u) {
    unit = collapseSpaces(u[1] ?? '');
    rest = rest.slice(0, u.index);
  }
  const title = collapseSpaces(rest);
  if (title === '') return null;
  const caption: TableCaption = { number: `表 ${m[1]}-${m[2]}`, title };
  if (unit) caption.unit = unit;
  return caption;
}

export function parseFigureCaption(line: string): FigureCaption | null {
  const m = FIGURE_CAPTION_RE.exec(line);
  if (!m) return null;
  let text = m[3] ?? '';
  let marker: string | undefined;
  const fm = FOOTNOTE_MARKER_RE.exec(text);
  if (fm) {
    marker = fm[1];
    text = text.slice(0, fm.index);
  }
  const caption = collapseSpaces(text);
  if (caption === '') return null;
  const figure: FigureCaption = { number: `图 ${m[1]}-${m[2]}`, caption };
  if (marker) figure.marker = marker;
  return figure;
}

/** "表 2-1" (or "表2-1") → "table-2-1". */
export function datasetIdFor(number: string): string {
  const m = new RegExp(`(\\d+)\\s*${DASH}\\s*(\\d+)`).exec(number);
  if (!m) throw new Error(`datasetIdFor: not a table number: ${JSON.stringify(number)}`);
  return `table-${m[1]}-${m[2]}`;
}

// ---------------------------------------------------------------------------------------------
// Cells

const NULL_TOKENS = new Set(['', '—', '——', '-', '--', '–', '－', '―', '…', '...']);
const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/** A cell printed as no value: empty, "—", or a dash alone. */
export function isNullCell(raw: string): boolean {
  return NULL_TOKENS.has(raw.trim());
}

/** "4,052" → 4052, "-13.42%" → -13.42; undefined when the text is not a number. */
export function parseNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/^[−－]/, '-');
  if (!NUMBER_RE.test(text)) return undefined;
  const value = Number(text.replace(/,/g, '').replace(/%$/, ''));
  return Number.isFinite(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Grid: a table as printed, reduced to corner label + column headers + labelled rows of raw text.

interface GridRow {
  label: string;
  cells: string[];
}

interface Grid {
  corner: string;
  headers: string[];
  rows: GridRow[];
}

const YEAR_RE = /^(?:19|20)\d{2}$/;
const YEAR_CORNERS = new Set(['', '年份', '年度', '年']);
const FALLBACK_CORNER = '项目';

function splitLine(line: string): string[] {
  const cells = line
    .replace(/\r$/, '')
    .split('\t')
    .map((c) => c.trim());
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

function fail(number: string, message: string): never {
  throw new Error(`${number}: ${message}`);
}

/** Pads/validates a raw row to `width` cells (label + width-1 values). */
function toGridRow(number: string, cells: string[], width: number): GridRow {
  if (cells.length > width) {
    if (cells.slice(width).some((c) => c !== '')) {
      fail(number, `row ${JSON.stringify(cells.join(' | '))} is wider than its header (${width} cells)`);
    }
  }
  const values = cells.slice(1, width);
  while (values.length < width - 1) values.push('');
  return { label: cells[0] ?? '', cells: values };
}

/**
 * A header row whose first half repeats as its second half (国家 2014 2020 年均增长率 | 国家 2014 …)
 * is a table printed as side-by-side halves: returns the half width, or 0.
 */
function sideBySideHalf(header: string[]): number {
  if (header.length < 4 || header.length % 2 !== 0) return 0;
  const half = header.length / 2;
  for (let j = 0; j < half; j++) if (header[j] !== header[j + half]) return 0;
  return header[0] === '' ? 0 : half;
}

/** Drops columns whose header is empty/"—" and whose cells are all empty/"—" (padding, absent years). */
function dropPaddingColumns(number: string, grid: Grid): Grid {
  const keep: number[] = [];
  grid.headers.forEach((h, j) => {
    const allNull = grid.rows.every((r) => isNullCell(r.cells[j] ?? ''));
    if (isNullCell(h)) {
      if (!allNull) fail(number, `column ${j + 1} has values but no header`);
      return;
    }
    keep.push(j);
  });
  return {
    corner: grid.corner,
    headers: keep.map((j) => grid.headers[j] ?? ''),
    rows: grid.rows.map((r) => ({ label: r.label, cells: keep.map((j) => r.cells[j] ?? '') })),
  };
}

/**
 * A year series printed in several blocks (年份 row + value rows, then the next 年份 row …) is merged
 * into one grid: the blocks' columns are concatenated; their row labels must agree.
 */
function mergeBlocks(number: string, blocks: Grid[]): Grid {
  const [first, ...rest] = blocks;
  if (!first) fail(number, 'no rows');
  const merged: Grid = {
    corner: first.corner,
    headers: [...first.headers],
    rows: first.rows.map((r) => ({ label: r.label, cells: [...r.cells] })),
  };
  for (const block of rest) {
    const labels = block.rows.map((r) => r.label).join('\u0000');
    if (labels !== merged.rows.map((r) => r.label).join('\u0000')) {
      fail(
        number,
        `wrapped block rows (${block.rows.map((r) => r.label).join(', ')}) do not match the first block`,
      );
    }
    merged.headers.push(...block.headers);
    block.rows.forEach((r, i) => {
      merged.rows[i]?.cells.push(...r.cells);
    });
  }
  return merged;
}

/** Years across, series down → one row per year, one column per series. */
function transposeYears(grid: Grid): Grid {
  return {
    corner: '年份',
    headers: grid.rows.map((r) => r.label),
    rows: grid.headers.map((year, j) => ({ label: year, cells: grid.rows.map((r) => r.cells[j] ?? '') })),
  };
}

interface ParsedLayout {
  main: Grid;
  summary?: Grid;
}

function parseLayout(number: string, tableLines: string[]): ParsedLayout {
  const lines = tableLines.filter((l) => l.trim() !== '').map(splitLine);
  const [head, second] = lines;
  if (!head || !second) fail(number, 'a table needs a header row and at least one row');

  // Header: one row, or two (group row whose first cell names the row labels, then a sub-header row
  // starting with an empty cell; group labels span the empty cells after them).
  let headerRows = 1;
  let fullHeader: string[] = head;
  if (head[0] !== '' && second[0] === '') {
    headerRows = 2;
    const width = Math.max(head.length, second.length);
    fullHeader = [head[0] ?? ''];
    let group = '';
    for (let j = 1; j < width; j++) {
      const g = head[j] ?? '';
      if (g !== '') group = g;
      const sub = second[j] ?? '';
      fullHeader.push(group && sub ? `${group} ${sub}` : group || sub);
    }
  }

  // Body rows, then an optional summary block: a row starting with an empty cell (its header) and
  // the rows under it.
  let body = lines.slice(headerRows);
  let summaryLines: string[][] = [];
  const summaryStart = body.findIndex((cells) => cells[0] === '');
  if (summaryStart === 0) fail(number, 'row after the header starts with an empty cell');
  if (summaryStart > 0) {
    summaryLines = body.slice(summaryStart);
    body = body.slice(0, summaryStart);
  }

  // Side-by-side halves: split every body row in two and stack the right halves under the left.
  const half = sideBySideHalf(fullHeader);
  if (half > 0) {
    fullHeader = fullHeader.slice(0, half);
    const left: string[][] = [];
    const right: string[][] = [];
    for (const cells of body) {
      if (cells.length > half * 2 && cells.slice(half * 2).some((c) => c !== '')) {
        fail(number, `row ${JSON.stringify(cells.join(' | '))} is wider than the two halves`);
      }
      left.push(cells.slice(0, half));
      const r = cells.slice(half, half * 2);
      if (r.some((c) => c !== '')) right.push(r);
    }
    body = [...left, ...right];
  }

  // Wrapped blocks: rows whose first cell repeats the header's first cell start a new block.
  const corner = fullHeader[0] ?? '';
  const width = fullHeader.length;
  const blocks: Grid[] = [{ corner, headers: fullHeader.slice(1), rows: [] }];
  for (const cells of body) {
    if (corner !== '' && cells[0] === corner) {
      const blockHeader = toGridRow(number, cells, width);
      blocks.push({ corner, headers: blockHeader.cells, rows: [] });
      continue;
    }
    blocks[blocks.length - 1]?.rows.push(toGridRow(number, cells, width));
  }
  for (const block of blocks) if (block.rows.length === 0) fail(number, 'header row without value rows');

  let main = mergeBlocks(
    number,
    blocks.map((b) => dropPaddingColumns(number, b)),
  );
  if (
    YEAR_CORNERS.has(main.corner) &&
    main.headers.length >= 2 &&
    main.headers.every((h) => YEAR_RE.test(h))
  ) {
    main = transposeYears(main);
  }
  if (main.rows.some((r) => r.label === '')) fail(number, 'row without a label');

  let summary: Grid | undefined;
  const [summaryHead, ...summaryBody] = summaryLines;
  if (summaryHead) {
    if (summaryBody.length === 0) fail(number, 'summary header without rows');
    const sWidth = Math.max(summaryHead.length, ...summaryBody.map((c) => c.length));
    summary = dropPaddingColumns(number, {
      corner: summaryHead[0] ?? '',
      headers: toGridRow(number, summaryHead, sWidth).cells,
      rows: summaryBody.map((cells) => {
        if (cells[0] === '') fail(number, 'summary row without a label');
        return toGridRow(number, cells, sWidth);
      }),
    });
  }
  return summary ? { main, summary } : { main };
}

// ---------------------------------------------------------------------------------------------
// Grid → columns and typed rows

function valueColumn(
  key: string,
  label: string,
  raw: string[],
  tableUnit: string | undefined,
): DatasetColumn {
  const numeric = raw.every((c) => isNullCell(c) || parseNumber(c) !== undefined);
  if (!numeric) return { key, label, kind: 'label' };
  const column: DatasetColumn = { key, label, kind: 'number' };
  let unit: string | undefined;
  if (raw.some((c) => c.trim().endsWith('%'))) unit = '%';
  else if (label.includes('百分点')) unit = '百分点';
  else unit = tableUnit;
  if (unit) column.unit = unit;
  return column;
}

function toCell(raw: string, column: DatasetColumn): Cell {
  if (isNullCell(raw)) return null;
  if (column.kind === 'number') {
    const value = parseNumber(raw);
    if (value === undefined) throw new Error(`not a number: ${raw}`);
    return value;
  }
  return raw;
}

function typedTable(
  grid: Grid,
  tableUnit: string | undefined,
  keyFor: (label: string, index: number) => string,
): { columns: DatasetColumn[]; rows: Cell[][] } {
  const cornerLabel = grid.corner === '' ? FALLBACK_CORNER : grid.corner;
  const first: DatasetColumn = {
    key: cornerLabel === '年份' ? 'year' : 'label',
    label: cornerLabel,
    kind: 'label',
  };
  const values = grid.headers.map((label, j) =>
    valueColumn(
      keyFor(label, j),
      label,
      grid.rows.map((r) => r.cells[j] ?? ''),
      tableUnit,
    ),
  );
  const columns = [first, ...values];
  const rows = grid.rows.map((r) => [
    r.label as Cell,
    ...values.map((col, j) => toCell(r.cells[j] ?? '', col)),
  ]);
  return { columns, rows };
}

function summaryLabel(labels: string[]): string {
  for (const suffix of ['合计', '总计', '小计']) {
    if (labels.every((l) => l.endsWith(suffix))) return suffix;
  }
  return '汇总';
}

function stripLabel(line: string, labelRe: RegExp): string {
  return collapseSpaces(line.replace(labelRe, ''));
}

const SOURCE_LABEL_RE = /^\s*(?:资料来源|数据来源|来源)\s*[:：]\s*/;
const NOTE_LABEL_RE = /^\s*注\s*\d*\s*[:：]\s*/;

export function buildDataset(input: BuildDatasetInput): Dataset {
  const caption = parseTableCaption(input.caption);
  if (!caption) throw new Error(`buildDataset: not a table caption: ${JSON.stringify(input.caption)}`);
  const { main, summary } = parseLayout(caption.number, input.tableLines);

  const mainTable = typedTable(main, caption.unit, (_label, j) => `c${j + 1}`);
  const dataset: Dataset = {
    id: input.ids.id,
    number: caption.number,
    title: caption.title,
    notes: input.noteLines.filter((l) => l.trim() !== '').map((l) => stripLabel(l, NOTE_LABEL_RE)),
    columns: mainTable.columns,
    rows: mainTable.rows,
    docId: input.ids.docId,
    sectionId: input.ids.sectionId,
    blockId: input.ids.blockId,
  };
  if (caption.unit) dataset.unit = caption.unit;
  const sources = input.sourceLines.filter((l) => l.trim() !== '').map((l) => stripLabel(l, SOURCE_LABEL_RE));
  if (sources.length > 0) dataset.source = sources.join(' ');
  if (input.ids.page !== undefined) dataset.page = input.ids.page;

  if (summary) {
    // Summary columns reuse the main table's key for the same label, so 2014 is c1 in both.
    const mainKeys = new Map(mainTable.columns.slice(1).map((c) => [c.label, c.key]));
    const table = typedTable(summary, caption.unit, (label, j) => mainKeys.get(label) ?? `s${j + 1}`);
    dataset.summary = {
      label: summaryLabel(summary.rows.map((r) => r.label)),
      columns: table.columns,
      rows: table.rows,
    };
  }
  return dataset;
}
