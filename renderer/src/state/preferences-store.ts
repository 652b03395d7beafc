import { pickLocale } from '../../../main/locale.js';
import {
  DEFAULT_SETTINGS,
  FONT_FAMILIES,
  READING_LIMITS,
  type ReadingSettings,
  THEMES,
  UI_LOCALE_SETTINGS,
  type UiLocale,
  type UiLocaleSetting,
} from '../../../main/settings/constants.js';

// The reading settings are kept by the main process (settings:get / settings:set). localStorage
// holds a copy so the first frame already has the user's theme, size and language instead of
// flashing the defaults while the main process answers. Anything unreadable in the copy falls back
// field by field to the defaults.

export type { ReadingSettings, UiLocale, UiLocaleSetting };
export type ThemePreference = ReadingSettings['theme'];
export { THEMES };

const STORAGE_KEY = 'report-reader.settings';

function inRange(value: unknown, limits: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= limits.min && value <= limits.max;
}

function oneOf<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

/** Keeps the valid fields of an untrusted object, defaults for the rest. */
export function sanitizeSettings(raw: unknown): ReadingSettings {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS;
  return {
    fontSize:
      inRange(value.fontSize, READING_LIMITS.fontSize) && Number.isInteger(value.fontSize)
        ? value.fontSize
        : d.fontSize,
    lineHeight: inRange(value.lineHeight, READING_LIMITS.lineHeight) ? value.lineHeight : d.lineHeight,
    textWidth:
      inRange(value.textWidth, READING_LIMITS.textWidth) && Number.isInteger(value.textWidth)
        ? value.textWidth
        : d.textWidth,
    fontFamily: oneOf(value.fontFamily, FONT_FAMILIES) ? value.fontFamily : d.fontFamily,
    theme: oneOf(value.theme, THEMES) ? value.theme : d.theme,
    uiLocale: oneOf(value.uiLocale, UI_LOCALE_SETTINGS) ? value.uiLocale : d.uiLocale,
  };
}

export function loadCachedSettings(storage: Storage | undefined): ReadingSettings {
  try {
    return sanitizeSettings(JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function hasCachedSettings(storage: Storage | undefined): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) != null;
  } catch {
    return false;
  }
}

export function cacheSettings(storage: Storage | undefined, settings: ReadingSettings): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Storage can be full or disabled: the next start then waits for the main process instead.
  }
}

/** The UI language in force: the user's choice, else the system's. */
export function resolveLocale(setting: UiLocaleSetting, languages: readonly string[]): UiLocale {
  return setting === 'system' ? pickLocale(languages) : setting;
}

/** Nudges a numeric setting by `steps` steps, staying in range and on the step grid. */
export function stepSetting(
  key: 'fontSize' | 'lineHeight' | 'textWidth',
  value: number,
  steps: number,
): number {
  const { min, max, step } = READING_LIMITS[key];
  const next = Math.min(max, Math.max(min, value + steps * step));
  return Math.round(next * 100) / 100;
}
