import { useEffect, useId, useMemo, useRef } from 'react';
import type { LibraryEntry } from '../../../../main/ipc/contract.js';
import type { SearchHitPayload } from '../../../../main/ipc/schemas/search.js';
import { useProgressiveCount } from '../../hooks/useProgressiveCount.js';
import { openHit, openNextHit, search } from '../../search/search.js';
import { countLine, understoodLine } from '../../search/search-text.js';
import { useLocale } from '../../state/preferences.js';
import { useStore } from '../../state/store.js';
import { highlightRuns } from '../../text/segments.js';
import { Icon } from '../Icon.js';
import { PanelHead } from '../PanelHead.js';

// Search across the texts: results as the user types, grouped by text, each with where it is and
// a snippet with the matches highlighted; Enter / Shift+Enter (or F3 / Shift+F3) walk the hits.

const HAN = /\p{Script=Han}/u;
/** Hits rendered at once; the rest follow a frame later (more than a screenful of the panel). */
const FIRST_RESULTS = 24;

interface SearchPanelProps {
  documents: readonly LibraryEntry[];
  onClose: () => void;
}

function Snippet({ hit }: { hit: SearchHitPayload }) {
  return highlightRuns(hit.snippet, hit.highlights).map((run, i) =>
    // Runs never reorder within a snippet.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    run.marked ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>,
  );
}

export function SearchPanel({ documents, onClose }: SearchPanelProps) {
  const { t, locale } = useLocale();
  const state = useStore(search.store);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const statusId = useId();
  const results = useRef<HTMLDivElement>(null);
  const uiLang = locale === 'en' ? 'en' : 'zh';

  useEffect(() => {
    if (state.focusRequest === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [state.focusRequest]);

  // Keep the hit being read visible in the list.
  useEffect(() => {
    if (state.active < 0) return;
    results.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [state.active]);

  const titles = useMemo(() => new Map(documents.map((d) => [d.id, d.title])), [documents]);
  const response = state.response;
  // Passages with every term, grouped by text; then, apart, the ones that only come close (when
  // some passages do have every term, the count line speaks of those only).
  const parts = useMemo(() => {
    const group = (entries: { hit: SearchHitPayload; index: number }[]) => {
      const map = new Map<string, { hit: SearchHitPayload; index: number }[]>();
      for (const entry of entries) {
        const list = map.get(entry.hit.docId) ?? [];
        list.push(entry);
        map.set(entry.hit.docId, list);
      }
      return [...map.entries()];
    };
    const entries = (response?.hits ?? []).map((hit, index) => ({ hit, index }));
    if (response?.mode !== 'all') return { full: group(entries), close: [] };
    return {
      full: group(entries.filter((e) => e.hit.matchedAll)),
      close: group(entries.filter((e) => !e.hit.matchedAll)),
    };
  }, [response]);
  const understood = response ? understoodLine(response, t) : null;

  const hitCount = response?.hits.length ?? 0;
  // Hits are in display order (see orderForDisplay): the first `shown` are the top of the list.
  const shown = Math.max(useProgressiveCount(response, hitCount, FIRST_RESULTS), state.active + 1);

  const renderGroup = (
    docId: string,
    hits: { hit: SearchHitPayload; index: number }[],
    part: 'full' | 'close',
  ) => {
    const visible = hits.filter(({ index }) => index < shown);
    if (visible.length === 0) return null;
    const title = titles.get(docId);
    const groupId = `${inputId}-${part}-${docId}`;
    return (
      <section key={`${part}-${docId}`} className="search-group" aria-labelledby={groupId}>
        <h3 className="search-group__title" id={groupId}>
          <span lang={uiLang === 'en' ? 'en' : 'zh-CN'}>{title ? title[uiLang] : docId}</span>
          <span className="search-group__count">
            {hits.length === 1
              ? t('search.group.count.one')
              : t('search.group.count', { count: hits.length })}
          </span>
        </h3>
        <ol className="search-group__hits">
          {visible.map(({ hit, index }) => (
            <li key={hit.blockId}>
              <button
                type="button"
                className={`hit${hit.matchedAll ? '' : ' hit--partial'}`}
                aria-current={index === state.active ? 'true' : undefined}
                data-hit-index={index}
                onClick={() => openHit(index)}
              >
                <span className="hit__path" lang="zh-CN">
                  {hit.type !== 'paragraph' && (
                    <span className="hit__type" lang={locale}>
                      {t(`search.type.${hit.type}`)}
                    </span>
                  )}
                  {hit.sectionPath.slice(-3).join(' › ')}
                </span>
                <span className="hit__snippet" lang={HAN.test(hit.snippet) ? 'zh-CN' : 'en'}>
                  <Snippet hit={hit} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      </section>
    );
  };
  // What F3 walks: the passages with every term when there are some, else all the hits.
  const stepCount = response?.mode === 'all' ? response.hits.filter((h) => h.matchedAll).length : hitCount;

  return (
    <aside className="search-panel" id="search-panel" aria-labelledby={`${inputId}-title`}>
      <PanelHead
        block="search-panel"
        titleId={`${inputId}-title`}
        title={t('search.title')}
        closeLabel={t('search.close')}
        onClose={onClose}
      />
      <search className="search-panel__form">
        <label className="visually-hidden" htmlFor={inputId}>
          {t('search.label')}
        </label>
        <div className="search-box">
          <Icon name="search" size={18} />
          <input
            ref={input}
            id={inputId}
            type="search"
            className="search-box__input"
            placeholder={t('search.placeholder')}
            autoComplete="off"
            spellCheck={false}
            maxLength={1000}
            aria-describedby={statusId}
            value={state.query}
            onChange={(event) => search.setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                openNextHit(event.shiftKey ? -1 : 1);
              } else if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                onClose();
              }
            }}
          />
        </div>
        <label className="search-scope">
          <span>{t('search.scope')}</span>
          <select
            value={state.docId ?? ''}
            onChange={(event) =>
              search.setScope(event.currentTarget.value === '' ? null : event.currentTarget.value)
            }
          >
            <option value="">{t('search.scope.all')}</option>
            {documents.map((doc) => (
              <option key={doc.id} value={doc.id}>
                {doc.title[uiLang]}
              </option>
            ))}
          </select>
        </label>
      </search>

      <div className="search-summary">
        {understood !== null && (
          <p className="search-summary__understood">
            <span className="search-summary__label">{t('search.understood')}</span> {understood}
          </p>
        )}
        <p className="search-summary__count" id={statusId} role="status">
          {state.status === 'error'
            ? t('search.error', { message: state.error ?? '' })
            : response !== null && state.query.trim() !== ''
              ? countLine(response, t)
              : state.status === 'loading'
                ? t('search.searching')
                : ''}
        </p>
        {response?.truncated && <p className="search-summary__note">{t('search.truncated')}</p>}
        {hitCount > 0 && (
          <div className="search-steps">
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={t('search.prev')}
              title={`${t('search.prev')} (Shift+F3)`}
              onClick={() => openNextHit(-1)}
            >
              <Icon name="up" size={16} />
            </button>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={t('search.next')}
              title={`${t('search.next')} (F3)`}
              onClick={() => openNextHit(1)}
            >
              <Icon name="down" size={16} />
            </button>
            <span className="search-steps__position">
              {state.active >= 0 && state.active < stepCount
                ? t('search.position', { index: state.active + 1, count: stepCount })
                : t('search.hint')}
            </span>
          </div>
        )}
      </div>

      <div
        className={`search-results${state.status === 'loading' ? ' is-stale' : ''}`}
        ref={results}
        data-query={state.responseQuery}
      >
        {parts.full.map(([docId, hits]) => renderGroup(docId, hits, 'full'))}
        {parts.close.some(([, hits]) => hits.some(({ index }) => index < shown)) && (
          <p className="search-results__divider">{t('search.closeMatches')}</p>
        )}
        {parts.close.map(([docId, hits]) => renderGroup(docId, hits, 'close'))}
      </div>
    </aside>
  );
}
