import { AppFooter } from './components/AppFooter.js';
import { AppHeader } from './components/AppHeader.js';
import { useDocumentSettings } from './hooks/useDocumentSettings.js';
import { usePreferences } from './state/preferences.js';
import { LibraryView } from './views/LibraryView.js';

export function App() {
  useDocumentSettings();
  const { t } = usePreferences();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <AppHeader />
      <LibraryView />
      <AppFooter />
    </>
  );
}
