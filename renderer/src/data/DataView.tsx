import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { englishTitle, numberIn } from '../../../main/datasets/titles.js';
import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { Icon } from '../components/Icon.js';
import { StoreNotices } from '../components/StoreNotices.js';
import { useDocumentSettings } from '../hooks/useDocumentSettings.js';
import { useReaderCall } from '../hooks/useReaderCall.js';
import { LOCALES } from '../i18n/index.js';
import { jumpTo, openLibrary } from '../state/navigation.js';
import { usePreferences } from '../state/preferences.js';
import { THEMES } from '../state/preferences-store.js';
import { formatRoute } from '../state/router.js';
import { useStore } from '../state/store.js';
import { DatasetDetail } from './DatasetDetail.js';
import { dataReturn, loadDatasets } from './datasets.js';
import { langOf, matchesFilter } from './format.js';

// The data view (#/data, #/data/<id>): the report's tables as data. A filterable list on the left,
// the chosen dataset (chart, table, citation, export) on the right; the header leads back to the
// text the user came from, or to the library.

export default function DatasetsView({ datasetId }: { datasetId: string | undefined }) {
  const { t, locale, theme, setTheme, setLocale } = usePreferences();
  const lang = langOf(locale);
  const state = useReaderCall(loadDatasets);
  const returnTo = useStore(dataReturn);
  const [query, setQuery] = useState('');
  const filterId = useId();
  const countId = useId();
  const main = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const entries = state.status === 'ready' ? state.value : [];
  const selected = datasetId === undefined ? entries[0] : entries.find((e) => e.dataset.id === datasetId);
  const shown = useMemo(() => entries.filter((e) => matchesFilter(e.dataset, query)), [entries, query]);
  useDocumentSettings(selected ? `${selected.dataset.number} ${selected.dataset.title}` : t('data.title'));

  // A new dataset starts at the top of the pane.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dataset is the trigger.
  useEffect(() => {
    main.current?.scrollTo({ top: 0 });
    // The list keeps the chosen table in view (coming from the text, it may be far down). Only the
    // list's own scroller moves: scrollIntoView would move the page too on narrow windows.
    const scroller = list.current?.closest('.data-list');
    const item = list.current?.querySelector('[aria-current="page"]');
    if (!scroller || !item) return;
    const box = scroller.getBoundingClientRect();
    const at = item.getBoundingClientRect();
    if (at.top < box.top || at.bottom > box.bottom) scroller.scrollTop += at.top - box.top - box.height / 3;
  }, [selected?.dataset.id]);

  const docTitle = entries[0]?.doc.title[lang];

  return (
    <div className="data-view">
      <header className="data-header">
        <div className="data-header__start">
          {returnTo ? (
            <button
              type="button"
              className="icon-button icon-button--labelled"
              onClick={() => jumpTo(returnTo)}
            >
              <Icon name="back" />
              <span>{t('data.back.text')}</span>
            </button>
          ) : (
            <button type="button" className="icon-button icon-button--labelled" onClick={openLibrary}>
              <Icon name="back" />
              <span>{t('data.back.library')}</span>
            </button>
          )}
        </div>
        <div className="data-header__title">
          <p className="data-header__name">
            <Icon name="figure" size={18} />
            {t('data.title')}
          </p>
          {docTitle && <p className="data-header__doc">{t('data.subtitle', { doc: docTitle })}</p>}
        </div>
        <section className="data-header__end toolbar" aria-label={t('prefs.label')}>
          <ChoiceGroup
            legend={t('prefs.theme')}
            value={theme}
            onChange={setTheme}
            choices={THEMES.map((value) => ({ value, label: t(`prefs.theme.${value}`) }))}
          />
          <ChoiceGroup
            legend={t('prefs.language')}
            value={locale}
            onChange={setLocale}
            choices={LOCALES.map((value) => ({ value, label: t(`lang.${value}`), lang: value }))}
          />
        </section>
      </header>
      <StoreNotices />
      <div className="data-view__body">
        <nav className="data-list" aria-label={t('data.list.label')}>
          <search className="data-filter">
            <label className="visually-hidden" htmlFor={filterId}>
              {t('data.filter.label')}
            </label>
            <div className="search-box">
              <Icon name="search" size={18} />
              <input
                id={filterId}
                type="search"
                className="search-box__input"
                placeholder={t('data.filter.placeholder')}
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                aria-describedby={countId}
                value={query}
                onChange={(event) => setQuery(event.currentTarget.value)}
              />
            </div>
          </search>
          <p className="data-list__count" id={countId} role="status">
            {state.status === 'ready'
              ? t('data.filter.count', { shown: shown.length, total: entries.length })
              : ''}
          </p>
          {state.status === 'ready' && shown.length === 0 && entries.length > 0 && (
            <div className="data-list__none">
              <p>{t('data.filter.none', { query })}</p>
              <button type="button" className="text-button" onClick={() => setQuery('')}>
                {t('data.filter.clear')}
              </button>
            </div>
          )}
          <ul className="data-list__items" ref={list}>
            {shown.map(({ dataset, sectionPath }) => {
              const current = dataset.id === selected?.dataset.id;
              const english = englishTitle(dataset.id);
              return (
                <li key={dataset.id}>
                  <a
                    className="data-item"
                    href={formatRoute({ name: 'data', datasetId: dataset.id })}
                    aria-current={current ? 'page' : undefined}
                    data-dataset-id={dataset.id}
                  >
                    <span className="data-item__number">{numberIn(dataset.number, lang)}</span>
                    <span className="data-item__title" lang="zh-CN">
                      {dataset.title}
                    </span>
                    {english && (
                      <span className="data-item__english" lang="en">
                        {english}
                      </span>
                    )}
                    <span className="data-item__meta">
                      {/* The chapter (环境服务…): the finer sections are on the dataset's page. */}
                      <span lang="zh-CN">{sectionPath[1] ?? sectionPath[0] ?? ''}</span>
                      {dataset.source && <span lang="zh-CN">{dataset.source.replace(/[。.]$/u, '')}</span>}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <main className="data-main" id="main" tabIndex={-1} ref={main}>
          {state.status === 'loading' && (
            <p className="data-main__status" role="status">
              {t('data.loading')}
            </p>
          )}
          {state.status === 'error' && (
            <div className="notice notice--error" role="alert">
              <h1 className="notice__title">{t('data.error.title')}</h1>
              <p className="notice__detail">{state.message}</p>
              <button type="button" className="button" onClick={state.retry}>
                {t('data.error.retry')}
              </button>
            </div>
          )}
          {state.status === 'ready' && entries.length === 0 && <p className="notice">{t('data.empty')}</p>}
          {state.status === 'ready' && entries.length > 0 && selected === undefined && (
            <div className="notice" role="alert">
              <h1 className="notice__title">{t('data.title')}</h1>
              <p className="notice__detail">{t('data.notFound', { id: datasetId ?? '' })}</p>
            </div>
          )}
          {selected && <DatasetDetail key={selected.dataset.id} entry={selected} />}
        </main>
      </div>
    </div>
  );
}
