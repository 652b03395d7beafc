import type { Dataset, DatasetColumn, Section } from '../corpus/types.js';

const INDENT: Record<Section['level'], string> = {
  part: '',
  chapter: '  ',
  section: '    ',
  subsection: '      ',
};

/** The table of contents as printed: titles indented by level, page numbers on the right. */
export function formatToc(sections: readonly Section[]): string {
  const lines: string[] = [];
  const walk = (list: readonly Section[]): void => {
    for (const s of list) {
      lines.push(`${INDENT[s.level]}${s.title}${s.page !== undefined ? `\t${s.page}` : ''}`);
      walk(s.children);
    }
  };
  walk(sections);
  return lines.join('\n');
}

export function formatDataset(d: Dataset): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const label = (c: DatasetColumn) => (c.unit && c.unit !== d.unit ? `${c.label}（${c.unit}）` : c.label);
  const header = d.columns.map(label).join('\t');
  const rows = d.rows.map((r) => r.map(cell).join('\t'));
  const lines = [`${d.number} ${d.title}${d.unit ? `（单位：${d.unit}）` : ''}`, header, ...rows];
  if (d.summary) {
    lines.push('', d.summary.label, d.summary.columns.map(label).join('\t'));
    lines.push(...d.summary.rows.map((r) => r.map(cell).join('\t')));
  }
  for (const note of d.notes) lines.push(`注：${note}`);
  if (d.source) lines.push(`资料来源：${d.source}`);
  return lines.join('\n');
}
