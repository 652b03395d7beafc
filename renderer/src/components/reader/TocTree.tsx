import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Section } from '../../../../main/corpus/types.js';
import { useReaderContext } from '../../reader/context.js';
import { currentSection } from '../../reader/reading-state.js';
import { ancestorsOf, treeKeyAction, typeAhead, visibleRows } from '../../reader/tree-nav.js';
import { sectionTarget } from '../../state/doc-model.js';
import { jumpTo } from '../../state/navigation.js';
import { useLocale } from '../../state/preferences.js';
import { useStore } from '../../state/store.js';

// The table of contents as a WAI-ARIA tree: one tab stop (roving tabindex), arrow keys to move,
// open and close, Enter to go, type-ahead. Parts and chapters with their printed page numbers; the
// section being read is selected and kept in view as the reader scrolls.

const TYPE_AHEAD_RESET_MS = 700;

interface TocTreeProps {
  /** Called after a jump (the narrow layout closes its drawer). */
  onNavigate?: (() => void) | undefined;
  /** Focus the tree's current item when this number changes. */
  focusRequest?: number;
}

function initialExpanded(sections: readonly Section[]): Set<string> {
  // Parts start open so the chapters show; deeper levels open as the reader reaches them.
  return new Set(sections.filter((s) => s.level === 'part' && s.children.length > 0).map((s) => s.id));
}

export function TocTree({ onNavigate, focusRequest = 0 }: TocTreeProps) {
  const { model } = useReaderContext();
  const { t, locale } = useLocale();
  const sections = model.payload.sections;
  const current = useStore(currentSection);
  const [expanded, setExpanded] = useState(() => initialExpanded(sections));
  const rows = useMemo(() => visibleRows(sections, expanded), [sections, expanded]);
  const [focused, setFocused] = useState<string | null>(null);
  const tree = useRef<HTMLUListElement>(null);
  const typed = useRef({ text: '', at: 0 });
  const lastChapter = useRef<string | null>(null);
  /** Items the user closed while reading in their chapter: not reopened until the chapter changes. */
  const userClosed = useRef(new Set<string>());

  const currentPath = useMemo(() => (current ? ancestorsOf(sections, current) : []), [sections, current]);
  const visibleIds = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  // The deepest visible item on the way to the current section is the one shown as selected.
  const selected = [...currentPath].reverse().find((id) => visibleIds.has(id)) ?? null;
  const tabStop = focused !== null && visibleIds.has(focused) ? focused : (selected ?? rows[0]?.id ?? null);

  // The tree opens down to the section being read, except what the user closed in this chapter.
  useEffect(() => {
    if (current === null) return;
    const chapter =
      currentPath.find((id) => model.sections.get(id)?.section.level === 'chapter') ?? currentPath[0] ?? null;
    if (chapter !== lastChapter.current) {
      lastChapter.current = chapter;
      userClosed.current.clear();
    }
    setExpanded((set) => {
      const missing = currentPath.slice(0, -1).filter((id) => !set.has(id) && !userClosed.current.has(id));
      return missing.length === 0 ? set : new Set([...set, ...missing]);
    });
  }, [current, currentPath, model]);

  // Keep the selected item in view, unless the user is moving around the tree.
  useEffect(() => {
    if (selected === null || tree.current === null || tree.current.contains(document.activeElement)) return;
    tree.current
      .querySelector(`[data-section-id="${CSS.escape(selected)}"] > .toc-row`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const focusItem = (id: string) => {
    setFocused(id);
    tree.current?.querySelector<HTMLElement>(`[data-section-id="${CSS.escape(id)}"]`)?.focus();
  };

  const tabStopRef = useRef(tabStop);
  tabStopRef.current = tabStop;
  useEffect(() => {
    const id = tabStopRef.current;
    if (focusRequest === 0 || id === null) return;
    tree.current?.querySelector<HTMLElement>(`[data-section-id="${CSS.escape(id)}"]`)?.focus();
  }, [focusRequest]);

  const activate = (id: string) => {
    const blockId = sectionTarget(model, id);
    if (blockId === undefined) return;
    jumpTo({ docId: model.payload.meta.id, blockId });
    onNavigate?.();
  };

  const toggle = (id: string) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (next.has(id)) userClosed.current.add(id);
      else userClosed.current.delete(id);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || tabStop === null) return;
    const action = treeKeyAction(event.key, rows, tabStop);
    if (action !== null) {
      event.preventDefault();
      if (action.type === 'focus') focusItem(action.id);
      else if (action.type === 'activate') activate(action.id);
      else toggle(action.id);
      return;
    }
    if (event.key.length === 1 && event.key !== ' ' && /\S/u.test(event.key)) {
      const now = performance.now();
      const text = now - typed.current.at > TYPE_AHEAD_RESET_MS ? event.key : typed.current.text + event.key;
      typed.current = { text, at: now };
      const match = typeAhead(rows, tabStop, text);
      if (match !== undefined) {
        event.preventDefault();
        event.stopPropagation();
        focusItem(match);
      }
    }
  };

  const renderItems = (list: readonly Section[], depth: number) =>
    list.map((section, index) => {
      const hasChildren = section.children.length > 0;
      const isOpen = hasChildren && expanded.has(section.id);
      const isSelected = section.id === selected;
      const labelId = `toc-label-${section.id}`;
      return (
        <li
          key={section.id}
          role="treeitem"
          data-section-id={section.id}
          aria-level={depth}
          aria-setsize={list.length}
          aria-posinset={index + 1}
          aria-expanded={hasChildren ? isOpen : undefined}
          aria-selected={isSelected}
          aria-labelledby={labelId}
          tabIndex={section.id === tabStop ? 0 : -1}
          className={`toc-item toc-item--${section.level}`}
          onFocus={(event) => {
            if (event.target === event.currentTarget) setFocused(section.id);
          }}
        >
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles keys for all its items. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer target inside a treeitem. */}
          <div
            className={`toc-row${isSelected ? ' is-current' : ''}`}
            style={{ paddingInlineStart: `${0.5 + (depth - 1) * 1}rem` }}
            onClick={(event) => {
              event.stopPropagation();
              focusItem(section.id);
              activate(section.id);
            }}
          >
            {hasChildren ? (
              <span
                className={`toc-row__toggle${isOpen ? ' is-open' : ''}`}
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  focusItem(section.id);
                  toggle(section.id);
                }}
              />
            ) : (
              <span className="toc-row__toggle toc-row__toggle--leaf" aria-hidden="true" />
            )}
            <span className="toc-row__label" id={labelId}>
              <span className="toc-row__title" lang={section.lang === 'en' ? 'en' : 'zh-CN'}>
                {section.title}
              </span>
              {section.page !== undefined && (
                <span className="toc-row__page">
                  <span aria-hidden="true">{section.page}</span>
                  <span className="visually-hidden" lang={locale}>
                    {`, ${t('reader.page.long', { page: section.page })}`}
                  </span>
                </span>
              )}
            </span>
          </div>
          {isOpen && (
            // biome-ignore lint/a11y/useSemanticElements: a tree's nested level is a role="group" list.
            <ul role="group">{renderItems(section.children, depth + 1)}</ul>
          )}
        </li>
      );
    });

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA tree pattern.
    <ul className="toc-tree" role="tree" aria-label={t('reader.toc')} ref={tree} onKeyDown={onKeyDown}>
      {renderItems(sections, 1)}
    </ul>
  );
}
