import { useEffect, useState } from 'react';
import { DocumentCard } from '../components/DocumentCard.js';
import { LibraryDataLink } from '../data/links.js';
import { useLibrary } from '../hooks/useLibrary.js';
import { usePreferences } from '../state/preferences.js';
import { startedDocuments } from '../state/progress.js';

const SKELETON_CARDS = ['a', 'b', 'c', 'd', 'e'];

export function LibraryView() {
  const { t } = usePreferences();
  const library = useLibrary();
  const [started, setStarted] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    startedDocuments().then((ids) => live && setStarted(ids));
    return () => {
      live = false;
    };
  }, []);
  return (
    <main className="library" id="main" tabIndex={-1}>
      <div className="library__intro">
        <div className="library__heading">
          <h1 className="library__title">{t('library.title')}</h1>
          {library.status === 'ready' && (
            <p className="library__count">{t('library.count', { count: library.value.length })}</p>
          )}
        </div>
        <p className="library__lead">{t('library.intro')}</p>
        {library.status === 'ready' && (
          <LibraryDataLink count={library.value.reduce((sum, entry) => sum + entry.stats.datasets, 0)} />
        )}
      </div>

      {library.status === 'loading' && (
        <div className="library-grid" aria-busy="true">
          <p className="visually-hidden" role="status">
            {t('library.loading')}
          </p>
          {SKELETON_CARDS.map((key) => (
            <div className="doc-card doc-card--skeleton" key={key} aria-hidden="true" />
          ))}
        </div>
      )}

      {library.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <h2 className="notice__title">{t('library.error.title')}</h2>
          <p className="notice__detail">{library.message}</p>
          <button type="button" className="button" onClick={library.retry}>
            {t('library.error.retry')}
          </button>
        </div>
      )}

      {library.status === 'ready' && library.value.length === 0 && (
        <p className="notice">{t('library.empty')}</p>
      )}

      {library.status === 'ready' && library.value.length > 0 && (
        <ul className="library-grid" aria-label={t('library.listLabel')}>
          {library.value.map((entry) => (
            <li key={entry.id} className={entry.kind === 'report' ? 'library-grid__featured' : undefined}>
              <DocumentCard entry={entry} started={started.has(entry.id)} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
