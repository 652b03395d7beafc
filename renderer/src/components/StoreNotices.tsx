import { usePreferences } from '../state/preferences.js';

// Tells the user, once, that a data file could not be read and was kept aside (never silently lost).

export function StoreNotices() {
  const { t, notices, dismissNotices } = usePreferences();
  if (notices.length === 0) return null;
  return (
    <div className="store-notice" role="status">
      <ul>
        {notices.map((notice) => (
          <li key={notice.movedTo}>
            {t('notice.corrupt', { store: t(`notice.store.${notice.store}`), file: notice.movedTo })}
          </li>
        ))}
      </ul>
      <button type="button" className="text-button" onClick={dismissNotices}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
