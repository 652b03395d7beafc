import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run.js';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import type { Dataset } from '../../main/corpus/types.js';
import { citeDataset, datasetToCsv, datasetToJson } from '../../main/datasets/export.js';
import { ROOT } from '../corpus/report-fixture.js';

const store = BundleStore.load(bundleDir(ROOT));
const report = store.document('report');
if (!report) throw new Error('no report in the bundle');
const datasets = report.datasets;
const byId = (id: string): Dataset => {
  const found = datasets.find((d) => d.id === id);
  if (!found) throw new Error(`no dataset ${id}`);
  return found;
};

describe('dataset CSV', () => {
  it.each(datasets.map((d) => [d.id, d] as const))('%s round-trips through a CSV parser', (_id, dataset) => {
    const csv = datasetToCsv(dataset);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const records = parse(csv.slice(1), { relax_column_count: true }) as string[][];
    const [header, ...rest] = records;
    expect(header).toHaveLength(dataset.columns.length);
    const body = rest.slice(0, dataset.rows.length);
    body.forEach((record, r) => {
      dataset.rows[r]?.forEach((cell, c) => {
        const text = record[c] ?? '';
        if (cell === null) expect(text).toBe('');
        else if (typeof cell === 'number') expect(Number(text)).toBe(cell);
        else expect(text).toBe(cell);
      });
    });
  });

  it('keeps negative numbers numeric and puts units in the header', () => {
    const records = parse(datasetToCsv(byId('table-2-4')).slice(1), {
      relax_column_count: true,
    }) as string[][];
    expect(records[0]).toEqual(['国家', '2014 (亿美元)', '2020 (亿美元)', '年均增长率 (%)']);
    expect(records[1]).toEqual(['中国', '40', '17', '-13.42']);
  });

  it('keeps the summary printed under 表 2-4, labelled', () => {
    const records = parse(datasetToCsv(byId('table-2-4')).slice(1), {
      relax_column_count: true,
    }) as string[][];
    const label = records.findIndex((r) => r[0] === '合计');
    expect(label).toBeGreaterThan(18);
    expect(records[label + 2]?.slice(0, 3)).toEqual(['贸易合计', '3886', '4921']);
  });

  it('neutralises cells a spreadsheet would read as formulas', () => {
    const hostile: Dataset = {
      ...byId('table-2-1'),
      columns: [
        { key: 'label', label: '=HYPERLINK("x")', kind: 'label' },
        { key: 'c1', label: '＋1', kind: 'number' },
      ],
      rows: [
        ['@SUM(A1)', -5],
        ['-2+3', null],
      ],
    };
    const records = parse(datasetToCsv(hostile).slice(1), { relax_column_count: true }) as string[][];
    expect(records[0]?.[0]?.startsWith("'")).toBe(true);
    expect(records[0]?.[1]?.startsWith("'")).toBe(true);
    expect(records[1]).toEqual(["'@SUM(A1)", '-5']);
    expect(records[2]?.[0]).toBe("'-2+3");
  });
});

describe('dataset JSON and citation', () => {
  it('exports the dataset with its citation in both languages', () => {
    const json = JSON.parse(datasetToJson(byId('table-3-1'), report.meta));
    expect(json.number).toBe('表 3-1');
    expect(json.rows).toEqual(byId('table-3-1').rows);
    expect(json.citation.zh).toContain('中华人民共和国商务部《中国服务贸易发展报告2020》');
  });

  it('cites number, title, source, report and printed page', () => {
    const dataset = byId('table-2-4');
    expect(citeDataset(dataset, report.meta, 'zh')).toBe(
      `表 2-4 APEC 环境产品清单产品贸易发展状况（单位：亿美元）。资料来源：UNComtrade。载于：中华人民共和国商务部《中国服务贸易发展报告2020》，第${dataset.page}页。`,
    );
    expect(citeDataset(dataset, report.meta, 'en')).toMatch(
      /^Table 2-4, “APEC 环境产品清单产品贸易发展状况” \(unit: 亿美元\)\. Source: UNComtrade\. In: Ministry of Commerce of the People's Republic of China, Report on China's Development of Trade in Services 2020, p\. \d+\.$/u,
    );
  });
});

describe('cli datasets export', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, ROOT);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('writes CSV to --out and JSON to stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rr-datasets-'));
    const file = path.join(dir, 'table-2-1.csv');
    const written = await run('datasets', 'export', 'table-2-1', '--format', 'csv', '--out', file);
    expect(written.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(datasetToCsv(byId('table-2-1')));
    const json = await run('datasets', 'export', 'table-3-4', '--format', 'json');
    expect(JSON.parse(json.out).id).toBe('table-3-4');
  });

  it('refuses unknown ids and formats with exit code 2', async () => {
    expect(await run('datasets', 'export', 'table-9-9', '--format', 'csv')).toMatchObject({ code: 2 });
    expect(await run('datasets', 'export', 'table-2-1', '--format', 'xlsx')).toMatchObject({ code: 2 });
    expect(await run('datasets', 'export')).toMatchObject({ code: 2 });
  });
});
