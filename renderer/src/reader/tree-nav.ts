import type { Section } from '../../../main/corpus/types.js';

// Keyboard behaviour of the table of contents, after the WAI-ARIA tree view pattern: ↑/↓ move
// between visible items, → opens an item or steps into it, ← closes it or steps out to its parent,
// Home/End go to the first/last item, Enter goes to the section, and typing a few characters moves
// to the next item that starts with them.

export interface TreeRow {
  id: string;
  title: string;
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
}

/** The items a user can see, in order, given which ones are open. */
export function visibleRows(sections: readonly Section[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (list: readonly Section[], depth: number, parentId: string | null) => {
    for (const section of list) {
      const hasChildren = section.children.length > 0;
      const isOpen = hasChildren && expanded.has(section.id);
      rows.push({ id: section.id, title: section.title, depth, parentId, hasChildren, expanded: isOpen });
      if (isOpen) walk(section.children, depth + 1, section.id);
    }
  };
  walk(sections, 1, null);
  return rows;
}

export type TreeAction =
  | { type: 'focus'; id: string }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'activate'; id: string };

export function treeKeyAction(key: string, rows: readonly TreeRow[], focusedId: string): TreeAction | null {
  const index = rows.findIndex((row) => row.id === focusedId);
  const row = rows[index];
  if (row === undefined) {
    const first = rows[0];
    return first ? { type: 'focus', id: first.id } : null;
  }
  const focus = (target: TreeRow | undefined): TreeAction | null =>
    target && target.id !== focusedId ? { type: 'focus', id: target.id } : null;
  switch (key) {
    case 'ArrowDown':
      return focus(rows[index + 1]);
    case 'ArrowUp':
      return focus(rows[index - 1]);
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows[rows.length - 1]);
    case 'ArrowRight':
      if (!row.hasChildren) return null;
      return row.expanded ? focus(rows[index + 1]) : { type: 'expand', id: row.id };
    case 'ArrowLeft':
      if (row.expanded) return { type: 'collapse', id: row.id };
      return row.parentId !== null ? { type: 'focus', id: row.parentId } : null;
    case 'Enter':
      return { type: 'activate', id: row.id };
    default:
      return null;
  }
}

/** Leading enumeration of a Chinese heading: 一、 （一） 第一章 1. 1.2 */
const ENUMERATION =
  /^(?:[（(][^）)]{1,4}[）)]|第[^章节篇]{1,4}[章节篇]|[一二三四五六七八九十百]+、|\d+(?:\.\d+)*[.、]?)\s*/u;

function matches(title: string, typed: string): boolean {
  const lower = title.toLowerCase();
  return lower.startsWith(typed) || lower.replace(ENUMERATION, '').startsWith(typed);
}

/** The next visible item after `fromId` (wrapping) whose title, or title without its number, starts with `typed`. */
export function typeAhead(rows: readonly TreeRow[], fromId: string, typed: string): string | undefined {
  const text = typed.toLowerCase();
  if (text === '') return undefined;
  const start = rows.findIndex((row) => row.id === fromId);
  // A repeated single character cycles; a longer string first tries the current item.
  const offset = text.length > 1 ? 0 : 1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[(start + offset + i + rows.length) % rows.length];
    if (row && matches(row.title, text)) return row.id;
  }
  return undefined;
}

/** Ids of the section and all its ancestors, outermost first. */
export function ancestorsOf(sections: readonly Section[], id: string): string[] {
  const path: string[] = [];
  const walk = (list: readonly Section[]): boolean => {
    for (const section of list) {
      path.push(section.id);
      if (section.id === id || walk(section.children)) return true;
      path.pop();
    }
    return false;
  };
  return walk(sections) ? path : [];
}
