import type { UiLocale } from '../../../main/ipc/contract.js';
import { pickLocale } from '../../../main/locale.js';
import { LOCALES } from '../i18n/index.js';

// The user's display preferences, kept in localStorage on the app's own origin. Anything unreadable
// falls back to the defaults: follow the system's theme and language.

export type ThemePreference = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemePreference[] = ['system', 'light', 'dark'];

export interface Preferences {
  theme: ThemePreference;
  locale: UiLocale;
}

const STORAGE_KEY = 'report-reader.preferences';

export function defaultPreferences(languages: readonly string[]): Preferences {
  return { theme: 'system', locale: pickLocale(languages) };
}

export function loadPreferences(storage: Storage | undefined, languages: readonly string[]): Preferences {
  const fallback = defaultPreferences(languages);
  try {
    const raw: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (raw === null || typeof raw !== 'object') return fallback;
    const { theme, locale } = raw as Record<string, unknown>;
    return {
      theme: THEMES.includes(theme as ThemePreference) ? (theme as ThemePreference) : fallback.theme,
      locale: LOCALES.includes(locale as UiLocale) ? (locale as UiLocale) : fallback.locale,
    };
  } catch {
    return fallback;
  }
}

export function savePreferences(storage: Storage | undefined, preferences: Preferences): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Storage can be full or disabled; the preference then lasts for this session only.
  }
}
