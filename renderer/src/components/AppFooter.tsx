import { useAppInfo } from '../hooks/useLibrary.js';
import { usePreferences } from '../state/preferences.js';

export function AppFooter() {
  const { t } = usePreferences();
  const info = useAppInfo();
  return (
    <footer className="app-footer">
      <div className="app-footer__inner">
        <p>{t('footer.offline')}</p>
        {info.status === 'ready' && (
          <p className="app-footer__version">{t('footer.version', { version: info.value.version })}</p>
        )}
      </div>
    </footer>
  );
}
