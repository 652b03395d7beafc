import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { StoreNotice } from '../../../main/settings/schema.js';
import { createTranslator, type Translate } from '../i18n/index.js';
import { requestSettings, settingsNow } from './boot.js';
import {
  cacheSettings,
  hasCachedSettings,
  loadCachedSettings,
  type ReadingSettings,
  resolveLocale,
  type ThemePreference,
  type UiLocale,
} from './preferences-store.js';

// Reading settings, theme and UI language for the whole app, with the translator for the language
// in force. The main process keeps the settings; changes apply at once here and are sent to it
// shortly after (a dragged slider sends one request, not fifty).

const SEND_DELAY_MS = 250;

interface PreferencesValue {
  settings: ReadingSettings;
  /** The settings in force are the user's (from the cache or the main process), not stand-in defaults. */
  ready: boolean;
  theme: ThemePreference;
  locale: UiLocale;
  t: Translate;
  update: (patch: Partial<ReadingSettings>) => void;
  setTheme: (theme: ThemePreference) => void;
  setLocale: (locale: UiLocale) => void;
  /** Data files the main process found unreadable and moved aside. */
  notices: StoreNotice[];
  dismissNotices: () => void;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

/** Only the language: what the text's many blocks need, so a font-size change does not re-render them. */
interface LocaleValue {
  locale: UiLocale;
  t: Translate;
}
const LocaleContext = createContext<LocaleValue | null>(null);

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState(() => settingsNow()?.settings ?? loadCachedSettings(storage()));
  const [ready, setReady] = useState(() => settingsNow() !== undefined || hasCachedSettings(storage()));
  const [notices, setNotices] = useState<StoreNotice[]>(() => settingsNow()?.notices ?? []);
  const unsent = useRef<Partial<ReadingSettings>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const touched = useRef(false);

  useEffect(() => {
    let live = true;
    requestSettings().then(
      (state) => {
        if (!live) return;
        setNotices(state.notices);
        // A change made before the answer arrived wins over the stored value.
        if (!touched.current) setSettings(state.settings);
        setReady(true);
      },
      (error: unknown) => {
        console.warn('Could not read the settings:', error);
        if (live) setReady(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => cacheSettings(storage(), settings), [settings]);

  const send = useCallback(() => {
    timer.current = undefined;
    const patch = unsent.current;
    unsent.current = {};
    if (Object.keys(patch).length === 0) return;
    window.reader
      .setSettings(patch)
      .catch((error: unknown) => console.warn('Could not save the settings:', error));
  }, []);

  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined) clearTimeout(timer.current);
      send();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [send]);

  const update = useCallback(
    (patch: Partial<ReadingSettings>) => {
      touched.current = true;
      setSettings((current) => ({ ...current, ...patch }));
      unsent.current = { ...unsent.current, ...patch };
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = setTimeout(send, SEND_DELAY_MS);
    },
    [send],
  );

  const locale = resolveLocale(settings.uiLocale, navigator.languages);
  const localeValue = useMemo<LocaleValue>(() => ({ locale, t: createTranslator(locale) }), [locale]);
  const value = useMemo<PreferencesValue>(() => {
    return {
      settings,
      ready,
      theme: settings.theme,
      locale: localeValue.locale,
      t: localeValue.t,
      update,
      setTheme: (theme) => update({ theme }),
      setLocale: (uiLocale) => update({ uiLocale }),
      notices,
      dismissNotices: () => setNotices([]),
    };
  }, [settings, ready, update, notices, localeValue]);
  return (
    <PreferencesContext value={value}>
      <LocaleContext value={localeValue}>{children}</LocaleContext>
    </PreferencesContext>
  );
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (value === null) throw new Error('useLocale() outside <PreferencesProvider>');
  return value;
}

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (value === null) throw new Error('usePreferences() outside <PreferencesProvider>');
  return value;
}
