import { describe, expect, it } from 'vitest';
import type { Section } from '../../main/corpus/types.js';
import { ancestorsOf, treeKeyAction, typeAhead, visibleRows } from '../../renderer/src/reader/tree-nav.js';

const s = (id: string, title: string, children: Section[] = []): Section => ({
  id,
  title,
  level: 'chapter',
  children,
});

const sections: Section[] = [
  s('cover', '封面'),
  s('p1', '综述篇', [s('c1', '中国服务贸易发展特点与趋势', [s('s1', '一、全球服务贸易第二大国地位巩固')])]),
  s('p2', '行业篇', [s('c2', '教育服务'), s('c3', '保险服务', [s('s2', '（一）行业发展总体平稳向好')])]),
];

describe('contents tree keys', () => {
  const open = new Set(['p1', 'p2']);
  const rows = visibleRows(sections, open);

  it('lists what is visible, with depth and parent', () => {
    expect(rows.map((r) => `${'  '.repeat(r.depth - 1)}${r.id}`)).toEqual([
      'cover',
      'p1',
      '  c1',
      'p2',
      '  c2',
      '  c3',
    ]);
    expect(rows.find((r) => r.id === 'c3')).toMatchObject({
      parentId: 'p2',
      hasChildren: true,
      expanded: false,
    });
  });

  it('moves with ↑ ↓ Home End and stops at the ends', () => {
    expect(treeKeyAction('ArrowDown', rows, 'p1')).toEqual({ type: 'focus', id: 'c1' });
    expect(treeKeyAction('ArrowUp', rows, 'p1')).toEqual({ type: 'focus', id: 'cover' });
    expect(treeKeyAction('ArrowUp', rows, 'cover')).toBeNull();
    expect(treeKeyAction('ArrowDown', rows, 'c3')).toBeNull();
    expect(treeKeyAction('Home', rows, 'c3')).toEqual({ type: 'focus', id: 'cover' });
    expect(treeKeyAction('End', rows, 'cover')).toEqual({ type: 'focus', id: 'c3' });
  });

  it('opens with →, then steps into the first child; closes with ←, then steps out to the parent', () => {
    expect(treeKeyAction('ArrowRight', rows, 'c3')).toEqual({ type: 'expand', id: 'c3' });
    const opened = visibleRows(sections, new Set([...open, 'c3']));
    expect(treeKeyAction('ArrowRight', opened, 'c3')).toEqual({ type: 'focus', id: 's2' });
    expect(treeKeyAction('ArrowLeft', opened, 's2')).toEqual({ type: 'focus', id: 'c3' });
    expect(treeKeyAction('ArrowLeft', opened, 'c3')).toEqual({ type: 'collapse', id: 'c3' });
    expect(treeKeyAction('ArrowRight', rows, 'c2')).toBeNull();
    expect(treeKeyAction('ArrowLeft', rows, 'cover')).toBeNull();
  });

  it('goes to the item on Enter and ignores other keys', () => {
    expect(treeKeyAction('Enter', rows, 'c2')).toEqual({ type: 'activate', id: 'c2' });
    expect(treeKeyAction('x', rows, 'c2')).toBeNull();
  });

  it('recovers when the focused item is no longer visible', () => {
    expect(treeKeyAction('ArrowDown', rows, 's2')).toEqual({ type: 'focus', id: 'cover' });
  });

  it('finds items by their first characters, also without their numbering, cycling', () => {
    const all = visibleRows(sections, new Set(['p1', 'p2', 'c1', 'c3']));
    expect(typeAhead(all, 'cover', '保')).toBe('c3');
    expect(typeAhead(all, 'cover', '全球')).toBe('s1');
    expect(typeAhead(all, 'cover', '行业发展')).toBe('s2');
    expect(typeAhead(all, 'c3', '保')).toBe('c3');
    expect(typeAhead(all, 'cover', '无')).toBeUndefined();
    expect(typeAhead(all, 'cover', '')).toBeUndefined();
  });

  it('finds the path to a section', () => {
    expect(ancestorsOf(sections, 's2')).toEqual(['p2', 'c3', 's2']);
    expect(ancestorsOf(sections, 'missing')).toEqual([]);
  });
});
