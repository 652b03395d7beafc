import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { UiLocale } from '../../../main/ipc/contract.js';
import { createTranslator, type Translate } from '../i18n/index.js';
import {
  loadPreferences,
  type Preferences,
  savePreferences,
  type ThemePreference,
} from './preferences-store.js';

// Theme and UI language for the whole app, with the translator for the chosen language.

interface PreferencesValue extends Preferences {
  t: Translate;
  setTheme: (theme: ThemePreference) => void;
  setLocale: (locale: UiLocale) => void;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [preferences, setPreferences] = useState(() => loadPreferences(storage(), navigator.languages));

  useEffect(() => savePreferences(storage(), preferences), [preferences]);

  const value = useMemo<PreferencesValue>(
    () => ({
      ...preferences,
      t: createTranslator(preferences.locale),
      setTheme: (theme) => setPreferences((current) => ({ ...current, theme })),
      setLocale: (locale) => setPreferences((current) => ({ ...current, locale })),
    }),
    [preferences],
  );
  return <PreferencesContext value={value}>{children}</PreferencesContext>;
}

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (value === null) throw new Error('usePreferences() outside <PreferencesProvider>');
  return value;
}
