import { lazy, Suspense, useEffect } from 'react';
import { AnnotationsGlobal } from './annotations/AnnotationsGlobal.js';
import { AppFooter } from './components/AppFooter.js';
import { AppHeader } from './components/AppHeader.js';
import { StoreNotices } from './components/StoreNotices.js';
import { DataViewBoundary } from './data/DataViewBoundary.js';
import { READER_DATA_SLOTS } from './data/links.js';
import { useDocumentSettings } from './hooks/useDocumentSettings.js';
import { listenToHash, navigation, openLibrary } from './state/navigation.js';
import { usePreferences } from './state/preferences.js';
import { useStore } from './state/store.js';
import { LibraryView } from './views/LibraryView.js';
import { ReaderView } from './views/ReaderView.js';

// The data view loads its charting code (ECharts) only when it is first opened.
const DatasetsView = lazy(() => import('./data/DataView.js'));

function Library() {
  useDocumentSettings();
  return (
    <>
      <AppHeader />
      <StoreNotices />
      <LibraryView />
      <AppFooter />
    </>
  );
}

export function App() {
  const { t } = usePreferences();
  const route = useStore(navigation, (s) => s.route);
  useEffect(listenToHash, []);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <AnnotationsGlobal />
      {route.name === 'reader' ? (
        <ReaderView key={route.docId} docId={route.docId} slots={READER_DATA_SLOTS} />
      ) : route.name === 'data' ? (
        <DataViewBoundary
          title={t('data.error.title')}
          retry={t('data.error.retry')}
          back={t('data.back.library')}
          onBack={openLibrary}
        >
          <Suspense fallback={<p role="status">{t('data.loading')}</p>}>
            <DatasetsView datasetId={route.datasetId} />
          </Suspense>
        </DataViewBoundary>
      ) : (
        <Library />
      )}
    </>
  );
}
