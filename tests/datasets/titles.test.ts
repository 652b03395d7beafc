import { describe, expect, it } from 'vitest';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import { DATASET_TITLES_EN, englishTitle, numberIn, UNITS_EN, unitIn } from '../../main/datasets/titles.js';
import { ROOT } from '../corpus/report-fixture.js';

const datasets = BundleStore.load(bundleDir(ROOT))
  .documents()
  .flatMap((doc) => doc.datasets);

describe('English for the tables (our translation)', () => {
  it('gives every dataset an English title, and no title to a dataset that does not exist', () => {
    expect(datasets.length).toBe(8);
    for (const dataset of datasets)
      expect(englishTitle(dataset.id), dataset.id).toMatch(/^[A-Z][^\p{Script=Han}]+$/u);
    expect(Object.keys(DATASET_TITLES_EN).sort()).toEqual(datasets.map((d) => d.id).sort());
    expect(new Set(Object.values(DATASET_TITLES_EN)).size).toBe(datasets.length);
  });

  it('translates every unit the tables use', () => {
    const units = new Set(
      datasets.flatMap((d) => [
        d.unit,
        ...d.columns.map((c) => c.unit),
        ...(d.summary?.columns.map((c) => c.unit) ?? []),
      ]),
    );
    for (const unit of units) if (unit !== undefined) expect(Object.hasOwn(UNITS_EN, unit), unit).toBe(true);
    expect(unitIn('亿美元', 'en')).toBe('100 million USD');
    expect(unitIn('亿美元', 'zh')).toBe('亿美元');
    expect(unitIn('unknown', 'en')).toBe('unknown');
  });

  it('writes table numbers in English', () => {
    expect(numberIn('表 2-1', 'en')).toBe('Table 2-1');
    expect(numberIn('表 2-1', 'zh')).toBe('表 2-1');
  });
});
