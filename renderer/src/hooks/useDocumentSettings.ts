import { useEffect } from 'react';
import { usePreferences } from '../state/preferences.js';

/**
 * Mirrors the preferences onto <html>: `lang` (screen readers, CJK font selection, line height),
 * `data-theme` (an explicit theme overrides the system's; absent means follow it) and the title.
 */
export function useDocumentSettings(): void {
  const { locale, theme, t } = usePreferences();
  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    document.title = `${t('app.name')} · ${t('library.title')}`;
  }, [locale, theme, t]);
}
