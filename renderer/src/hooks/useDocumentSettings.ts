import { useEffect, useLayoutEffect } from 'react';
import { usePreferences } from '../state/preferences.js';

/**
 * Mirrors the preferences onto <html>: `lang` (screen readers, CJK font selection, line height),
 * `data-theme` (an explicit theme overrides the system's; absent means follow it) and the window
 * title. The reading typography is set on the reading pane itself (DocumentBody).
 */
export function useDocumentSettings(title?: string): void {
  const { locale, settings, t } = usePreferences();
  // Before paint, so a change of size or theme never shows a frame in the old one.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    if (settings.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = settings.theme;
  }, [locale, settings.theme]);
  useEffect(() => {
    document.title = `${title ?? t('library.title')} · ${t('app.name')}`;
  }, [title, t]);
}
