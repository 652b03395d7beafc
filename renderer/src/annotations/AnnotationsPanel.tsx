import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { LibraryEntry } from '../../../main/ipc/contract.js';
import { Icon } from '../components/Icon.js';
import { PanelHead } from '../components/PanelHead.js';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { Swatch } from './ColorPicker.js';
import { COLOR_INFO, colorInfo, type HighlightColor } from './colors.js';
import { exportFilter, filterAnnotations, tagsInUse } from './filter.js';
import { NoteEditor } from './NoteEditor.js';
import { NoteText } from './NoteText.js';
import { revealAnnotation } from './reveal.js';
import {
  type AnnotationView,
  annotations,
  annotationUi,
  type ExportFormat,
  exportAnnotations,
  importAnnotations,
  type KindFilter,
  removeAnnotation,
  setFilters,
  setOpenId,
  showToast,
  updateAnnotation,
} from './state.js';

// The annotations sidebar, beside the text like the search panel: every annotation with where it
// is, its quote, note and tags; filters (this text or all, colour, tag, kind), a search of notes
// and quotes, sorting by position or date; a click goes to the passage; notes, tags and colour are
// edited in place; deleting offers an undo; export (with the filters applied) and import.

const EXPORT_FORMATS: readonly { format: ExportFormat; key: 'md' | 'html' | 'csv' | 'json' }[] = [
  { format: 'md', key: 'md' },
  { format: 'html', key: 'html' },
  { format: 'csv', key: 'csv' },
  { format: 'json', key: 'json' },
];

const KINDS: readonly KindFilter[] = ['all', 'commenting', 'highlighting', 'bookmarking', 'review'];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface PanelProps {
  docId: string;
  documents: readonly LibraryEntry[];
  onClose: () => void;
}

export function AnnotationsPanel({ docId, documents, onClose }: PanelProps) {
  const { t, locale } = useLocale();
  const state = useStore(annotations);
  const ui = useStore(annotationUi);
  const { filters } = ui;
  const titleId = useId();
  const searchId = useId();
  const statusId = useId();
  const kindId = useId();
  const tagId = useId();
  const sortId = useId();
  const list = useRef<HTMLOListElement>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const lang = locale === 'en' ? 'en' : 'zh';

  const scoped = useMemo(
    () => (filters.thisText ? state.items.filter((a) => a.docId === docId) : state.items),
    [state.items, filters.thisText, docId],
  );
  const shown = useMemo(() => filterAnnotations(state.items, filters, docId), [state.items, filters, docId]);
  const tags = useMemo(() => tagsInUse(scoped), [scoped]);
  const titles = useMemo(() => new Map(documents.map((d) => [d.id, d.title[lang]])), [documents, lang]);
  const filtered =
    filters.color !== null || filters.tag !== null || filters.kind !== 'all' || filters.query.trim() !== '';

  // A highlight clicked in the text: its card scrolls into view and takes the focus. Only a new
  // request does that, not a change of the list or filters.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (ui.focusRequest === 0 || ui.openId === null) return;
    const id = ui.openId;
    const item = state.items.find((a) => a.id === id);
    // Make sure the filters let it be seen.
    if (item && !shown.some((a) => a.id === id)) {
      setFilters({ color: null, tag: null, kind: 'all', query: '', thisText: item.docId === docId });
    }
    requestAnimationFrame(() => {
      const card = list.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`);
      card?.scrollIntoView({ block: 'nearest' });
      card?.querySelector<HTMLElement>('.ann-card__jump')?.focus({ preventScroll: true });
    });
  }, [ui.focusRequest]);

  const runExport = async (format: ExportFormat) => {
    setExportOpen(false);
    setBusy(true);
    try {
      const result = await exportAnnotations({
        format,
        lang,
        filter: exportFilter(filters, docId),
        query: filters.query,
      });
      if (result.saved)
        showToast(
          result.count === 1
            ? t('ann.export.done.one', { file: result.fileName })
            : t('ann.export.done', { count: result.count, file: result.fileName }),
        );
    } catch (error) {
      showToast(t('ann.export.failed', { message: message(error) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    setBusy(true);
    try {
      const result = await importAnnotations();
      if (result.problem !== undefined)
        showToast(
          t('ann.import.failed', {
            file: result.fileName ?? '',
            reason: t(`ann.import.problem.${result.problem}`),
          }),
          'error',
        );
      else if (result.imported) {
        const counts = {
          file: result.fileName ?? '',
          added: result.added,
          updated: result.updated,
          unchanged: result.unchanged,
          skipped: result.skipped,
        };
        showToast(t(result.skipped > 0 ? 'ann.import.doneSkipped' : 'ann.import.done', counts));
      }
    } catch (error) {
      showToast(t('ann.import.failed', { file: '', reason: message(error) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  const groups = useMemo(() => {
    if (filters.sort !== 'position' || filters.thisText)
      return [{ docId: null as string | null, items: shown }];
    const map = new Map<string, AnnotationView[]>();
    for (const a of shown) map.set(a.docId, [...(map.get(a.docId) ?? []), a]);
    return [...map.entries()].map(([id, items]) => ({ docId: id as string | null, items }));
  }, [shown, filters.sort, filters.thisText]);

  return (
    <aside className="ann-panel" id="annotations-panel" aria-labelledby={titleId} lang={locale}>
      <PanelHead
        block="ann-panel"
        titleId={titleId}
        title={t('ann.panel.title')}
        closeLabel={t('ann.panel.close')}
        onClose={onClose}
      />

      <search className="ann-panel__filters">
        <label className="visually-hidden" htmlFor={searchId}>
          {t('ann.filter.search')}
        </label>
        <div className="search-box">
          <Icon name="search" size={18} />
          <input
            id={searchId}
            type="search"
            className="search-box__input"
            placeholder={t('ann.filter.search')}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            value={filters.query}
            aria-describedby={statusId}
            onChange={(event) => setFilters({ query: event.currentTarget.value })}
          />
        </div>
        <div className="ann-panel__row">
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('ann.filter.scope')}</legend>
            {[true, false].map((thisText) => (
              <label key={String(thisText)} className="segmented__option">
                <input
                  type="radio"
                  name={`${titleId}-scope`}
                  checked={filters.thisText === thisText}
                  onChange={() => setFilters({ thisText })}
                />
                <span>{thisText ? t('ann.filter.thisText') : t('ann.filter.allTexts')}</span>
              </label>
            ))}
          </fieldset>
          <label className="ann-select" htmlFor={sortId}>
            <span className="visually-hidden">{t('ann.filter.sort')}</span>
            <select
              id={sortId}
              value={filters.sort}
              onChange={(event) =>
                setFilters({ sort: event.currentTarget.value === 'date' ? 'date' : 'position' })
              }
            >
              <option value="position">{t('ann.filter.sort.position')}</option>
              <option value="date">{t('ann.filter.sort.date')}</option>
            </select>
          </label>
        </div>
        <fieldset className="color-filter">
          <legend className="visually-hidden">{t('ann.filter.color')}</legend>
          <button
            type="button"
            className="color-filter__all"
            aria-pressed={filters.color === null}
            onClick={() => setFilters({ color: null })}
          >
            {t('ann.filter.color.all')}
          </button>
          {COLOR_INFO.map((info) => {
            const label = t('ann.filter.color.only', { color: t(`ann.color.${info.color}`) });
            return (
              <button
                key={info.color}
                type="button"
                className="color-filter__swatch"
                aria-pressed={filters.color === info.color}
                aria-label={label}
                title={label}
                onClick={() => setFilters({ color: filters.color === info.color ? null : info.color })}
              >
                <Swatch color={info.color} />
              </button>
            );
          })}
        </fieldset>
        <div className="ann-panel__row">
          <label className="ann-select ann-select--grow" htmlFor={kindId}>
            <span className="ann-select__label">{t('ann.filter.kind')}</span>
            <select
              id={kindId}
              value={filters.kind}
              onChange={(event) => setFilters({ kind: event.currentTarget.value as KindFilter })}
            >
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`ann.kind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="ann-select ann-select--grow" htmlFor={tagId}>
            <span className="ann-select__label">{t('ann.filter.tag')}</span>
            <select
              id={tagId}
              value={filters.tag ?? ''}
              onChange={(event) =>
                setFilters({ tag: event.currentTarget.value === '' ? null : event.currentTarget.value })
              }
            >
              <option value="">{t('ann.filter.tag.all')}</option>
              {filters.tag !== null && !tags.includes(filters.tag) && (
                <option value={filters.tag}>{filters.tag}</option>
              )}
              {tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </label>
        </div>
      </search>

      <div className="ann-panel__bar">
        <p className="ann-panel__count" id={statusId} role="status">
          {state.status === 'error'
            ? t('ann.panel.error', { message: state.error ?? '' })
            : filtered || shown.length !== scoped.length
              ? t('ann.panel.countOf', { shown: shown.length, total: scoped.length })
              : t('ann.panel.count', { count: shown.length })}
        </p>
        <div className="ann-panel__actions">
          <div className="ann-menu">
            <button
              type="button"
              className="ann-button"
              aria-expanded={exportOpen}
              aria-controls={`${titleId}-export`}
              disabled={busy || shown.length === 0}
              onClick={() => setExportOpen((o) => !o)}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && exportOpen) {
                  event.preventDefault();
                  event.stopPropagation();
                  setExportOpen(false);
                }
              }}
            >
              <Icon name="export" size={16} />
              <span>{t('ann.export.button')}</span>
              <Icon name="down" size={14} />
            </button>
            {exportOpen && (
              <ul
                className="ann-menu__list"
                id={`${titleId}-export`}
                aria-label={t('ann.export.formats')}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.preventDefault();
                    event.stopPropagation();
                    setExportOpen(false);
                    (event.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
                  }
                }}
              >
                {EXPORT_FORMATS.map(({ format, key }) => (
                  <li key={format}>
                    <button type="button" className="ann-menu__item" onClick={() => void runExport(format)}>
                      <span className="ann-menu__name">{t(`ann.export.format.${key}`)}</span>
                      <span className="ann-menu__hint">{t(`ann.export.hint.${key}`)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="ann-button"
            disabled={busy || state.readOnly}
            onClick={() => void runImport()}
          >
            <Icon name="import" size={16} />
            <span>{t('ann.import.button')}</span>
          </button>
        </div>
      </div>

      <div className="ann-panel__list">
        {state.readOnly && <p className="ann-panel__readonly">{t('ann.panel.readOnly')}</p>}
        {shown.length === 0 && state.status === 'ready' && (
          <div className="ann-empty">
            <Icon name="highlighter" size={28} />
            <p className="ann-empty__title">
              {scoped.length === 0 ? t('ann.empty.title') : t('ann.empty.filtered')}
            </p>
            {scoped.length === 0 && <p className="ann-empty__hint">{t('ann.empty.hint')}</p>}
          </div>
        )}
        <ol className="ann-list" ref={list}>
          {groups.map((group) => (
            <li key={group.docId ?? 'all'} className="ann-group">
              {group.docId !== null && (
                <h3 className="ann-group__title">{titles.get(group.docId) ?? group.docId}</h3>
              )}
              <ol className="ann-group__items">
                {group.items.map((view) => (
                  <AnnotationCard
                    key={view.id}
                    view={view}
                    open={ui.openId === view.id}
                    readOnly={state.readOnly}
                    docTitle={
                      !filters.thisText && filters.sort === 'date'
                        ? (titles.get(view.docId) ?? view.docId)
                        : null
                    }
                  />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </div>
    </aside>
  );
}

/**
 * Where an annotation is, short enough for the card: the chapter (what one cites; the part above it
 * is implied) and the section it is in, e.g. "保险服务 › （一）行业发展总体平稳向好".
 */
export function shortPath(path: readonly string[]): string {
  if (path.length <= 2) return path.join(' › ');
  return `${path[1]} › ${path[path.length - 1]}`;
}

function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

function AnnotationCard({
  view,
  open,
  readOnly,
  docTitle,
}: {
  view: AnnotationView;
  open: boolean;
  readOnly: boolean;
  docTitle: string | null;
}) {
  const { t, locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const quoteId = useId();
  const reviewId = useId();
  const info = colorInfo(view.color);
  const bookmark = view.kind === 'section';
  const review = view.status === 'needs-review';
  const editButton = useRef<HTMLButtonElement>(null);
  const where = [...(docTitle ? [docTitle] : []), shortPath(view.sectionPath) || t('ann.card.unplaced')].join(
    ' · ',
  );
  const colorName = t(`ann.color.${info.color}`);

  return (
    <li
      className={`ann-card${bookmark ? ' ann-card--bookmark' : ` ann-card--${info.color}`}${open ? ' is-open' : ''}${review ? ' ann-card--review' : ''}`}
      data-annotation-id={view.id}
    >
      <button
        type="button"
        className="ann-card__jump"
        disabled={view.jumpBlockId === null}
        aria-describedby={review ? reviewId : undefined}
        onClick={() => {
          setOpenId(view.id);
          revealAnnotation(view);
        }}
      >
        <span className="ann-card__where">
          {bookmark ? (
            <span className="ann-card__kind">
              <Icon name="bookmarkFilled" size={14} />
              {t('ann.card.bookmark')}
            </span>
          ) : (
            <span
              className="ann-card__kind"
              title={t('ann.color.described', {
                color: colorName,
                underline: t(`ann.underline.${info.underline}`),
              })}
            >
              <Swatch color={info.color} />
              <span className="visually-hidden">{colorName}</span>
            </span>
          )}
          <span className="ann-card__path" lang="zh-CN" title={view.sectionPath.join(' › ')}>
            {where}
          </span>
          {view.page !== null && (
            <span className="ann-card__page">{t('ann.card.page', { page: view.page })}</span>
          )}
        </span>
        <span
          className={`ann-card__quote${bookmark ? ' ann-card__quote--title' : ''}`}
          id={quoteId}
          lang="zh-CN"
        >
          {view.quote}
        </span>
      </button>
      {review && (
        <p className="ann-review" id={reviewId}>
          <Icon name="warning" size={16} />
          <span>
            <strong className="ann-review__badge">{t('ann.review.badge')}</strong> {t('ann.review.explain')}
          </span>
        </p>
      )}
      {!editing && view.note !== '' && <NoteText note={view.note} format={view.noteFormat} />}
      {!editing && view.tags.length > 0 && (
        <ul className="ann-card__tags" aria-label={t('ann.tags.label')}>
          {view.tags.map((tag) => (
            <li key={tag} className="tag-pill">
              <Icon name="tag" size={12} />
              {tag}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <NoteEditor
          initial={{ color: info.color, note: view.note, noteFormat: view.noteFormat, tags: view.tags }}
          showColor={!bookmark}
          saveLabel={t('ann.card.save')}
          onSave={async (values) => {
            await updateAnnotation(view.id, {
              note: values.note,
              noteFormat: values.noteFormat,
              tags: values.tags,
              ...(bookmark ? {} : { color: values.color }),
            });
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <div className="ann-card__foot">
          <time className="ann-card__date" dateTime={view.modified}>
            {formatDate(view.modified, locale)}
          </time>
          <div className="ann-card__buttons">
            <button
              ref={editButton}
              type="button"
              className="icon-button icon-button--small"
              aria-label={t('ann.card.edit')}
              aria-describedby={quoteId}
              title={t('ann.card.edit')}
              disabled={readOnly}
              onClick={() => setEditing(true)}
            >
              <Icon name="edit" size={16} />
            </button>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={t('ann.card.delete')}
              aria-describedby={quoteId}
              title={t('ann.card.delete')}
              disabled={readOnly}
              onClick={() => {
                removeAnnotation(view.id).catch((error: unknown) =>
                  showToast(t('ann.error.delete', { message: message(error) }), 'error'),
                );
              }}
            >
              <Icon name="trash" size={16} />
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export type { HighlightColor };
