import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../main/corpus/types.js';
import {
  columnDecimals,
  decimalsOf,
  formatCell,
  headerLabel,
  matchesFilter,
  nextSort,
  normalizeForFilter,
  numberFormat,
  type SortState,
  sortRows,
  withUnit,
} from '../../../renderer/src/data/format.js';

const collator = new Intl.Collator('zh-CN', { numeric: true });

describe('number formatting', () => {
  it('counts decimals as printed', () => {
    expect(decimalsOf(4052)).toBe(0);
    expect(decimalsOf(4.02)).toBe(2);
    expect(decimalsOf(-13.42)).toBe(2);
    expect(decimalsOf(0.5)).toBe(1);
    expect(decimalsOf(1e-7)).toBe(7);
  });

  it('gives each column one precision, its most precise cell', () => {
    const rows: Cell[][] = [
      ['a', 1, 0.5],
      ['b', 2, 0.25],
      ['c', null, 3],
    ];
    expect(columnDecimals(rows, [1])).toBe(0);
    expect(columnDecimals(rows, [2])).toBe(2);
  });

  it('groups thousands in the interface locale and shows missing values as an em dash', () => {
    expect(formatCell(1053203, numberFormat('en', 0))).toBe('1,053,203');
    expect(formatCell(1053203, numberFormat('zh-CN', 0))).toBe('1,053,203');
    expect(formatCell(-0.2, numberFormat('en', 2))).toBe('-0.20');
    expect(formatCell(null, numberFormat('en', 2))).toBe('—');
    expect(formatCell('2008', numberFormat('en', 0))).toBe('2008');
  });

  it('writes units the way each language does', () => {
    expect(withUnit('4,052', '千人', 'zh')).toBe('4,052 千人');
    expect(withUnit('4,052', '千人', 'en')).toBe('4,052 thousand people');
    expect(withUnit('49.6', '%', 'en')).toBe('49.6%');
    expect(withUnit('—', '%', 'zh')).toBe('—');
    expect(withUnit('3', undefined, 'zh')).toBe('3');
  });

  it('puts the unit in number columns’ headers', () => {
    const dataset = { unit: '亿美元' };
    expect(headerLabel({ key: 'c1', label: '2014', kind: 'number', unit: '亿美元' }, dataset, 'zh')).toBe(
      '2014（亿美元）',
    );
    expect(headerLabel({ key: 'c3', label: '年均增长率', kind: 'number', unit: '%' }, dataset, 'en')).toBe(
      '年均增长率 (%)',
    );
    expect(headerLabel({ key: 'c1', label: '产值', kind: 'number' }, dataset, 'en')).toBe(
      '产值 (100 million USD)',
    );
    expect(headerLabel({ key: 'label', label: '国家', kind: 'label' }, dataset, 'zh')).toBe('国家');
  });
});

describe('sorting', () => {
  it('cycles ascending → descending → printed order; another column starts ascending', () => {
    let state: SortState = null;
    state = nextSort(state, 1);
    expect(state).toEqual({ column: 1, direction: 'ascending' });
    state = nextSort(state, 1);
    expect(state).toEqual({ column: 1, direction: 'descending' });
    expect(nextSort(state, 2)).toEqual({ column: 2, direction: 'ascending' });
    expect(nextSort(state, 1)).toBeNull();
  });

  const rows: Cell[][] = [
    ['中国', 40, -13.42],
    ['澳大利亚', 51, 0.95],
    ['菲律宾', 0, null],
    ['智利', 20, -100],
    ['美国', 36, 6.42],
  ];

  it('sorts numbers numerically, missing values last in both directions', () => {
    const labels = (order: number[]) => order.map((i) => rows[i]?.[0]);
    expect(labels(sortRows(rows, { column: 2, direction: 'ascending' }, collator))).toEqual([
      '智利',
      '中国',
      '澳大利亚',
      '美国',
      '菲律宾',
    ]);
    expect(labels(sortRows(rows, { column: 2, direction: 'descending' }, collator))).toEqual([
      '美国',
      '澳大利亚',
      '中国',
      '智利',
      '菲律宾',
    ]);
    expect(sortRows(rows, null, collator)).toEqual([0, 1, 2, 3, 4]);
  });

  it('sorts Chinese labels in pinyin order and years as numbers', () => {
    const labels = sortRows(rows, { column: 0, direction: 'ascending' }, collator).map((i) => rows[i]?.[0]);
    expect(labels).toEqual(['澳大利亚', '菲律宾', '美国', '智利', '中国']);
    const years: Cell[][] = [['2019'], ['2000'], ['2010']];
    expect(sortRows(years, { column: 0, direction: 'descending' }, collator)).toEqual([0, 2, 1]);
  });

  it('keeps ties in printed order', () => {
    const tied: Cell[][] = [
      ['a', 1],
      ['b', 1],
      ['c', 0],
    ];
    expect(sortRows(tied, { column: 1, direction: 'descending' }, collator)).toEqual([0, 1, 2]);
    expect(sortRows(tied, { column: 1, direction: 'ascending' }, collator)).toEqual([2, 0, 1]);
  });
});

describe('filter', () => {
  const dataset = {
    id: 'table-2-4',
    number: '表 2-4',
    title: 'APEC 环境产品清单产品贸易发展状况',
    source: 'UNComtrade。',
  };

  it('ignores case, width and spaces', () => {
    expect(normalizeForFilter('表２－４ ')).toBe('表2-4');
    for (const query of [
      '2-4',
      '表2-4',
      '表 2-4',
      'Table 2-4',
      'apec',
      '环境产品',
      'uncomtrade',
      'environmental goods',
      '  ',
    ])
      expect(matchesFilter(dataset, query), query).toBe(true);
  });

  it('needs every word', () => {
    expect(matchesFilter(dataset, 'APEC 贸易')).toBe(true);
    expect(matchesFilter(dataset, 'APEC Eurostat')).toBe(false);
    expect(matchesFilter(dataset, '3-1')).toBe(false);
  });
});
