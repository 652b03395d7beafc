// The reading settings' choices, ranges and defaults as plain values (no zod), so the renderer can
// import them without pulling the schema library into its bundle. schema.ts builds on these.

export const UI_LOCALES = ['zh-CN', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** 'system' follows the operating system's colour scheme. */
export const THEMES = ['system', 'light', 'dark', 'sepia'] as const;
export type Theme = (typeof THEMES)[number];

export const FONT_FAMILIES = ['sans', 'serif'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

/** 'system' follows the operating system's language until the user picks one. */
export const UI_LOCALE_SETTINGS = ['system', ...UI_LOCALES] as const;
export type UiLocaleSetting = (typeof UI_LOCALE_SETTINGS)[number];

/** Ranges offered by the settings panel; anything outside is refused, not clamped. */
export const READING_LIMITS = {
  /** CSS pixels. */
  fontSize: { min: 14, max: 28, step: 1 },
  /** Unitless line height. CJK text wants about 1.8. */
  lineHeight: { min: 1.4, max: 2.4, step: 0.1 },
  /** Width of the text column in em, i.e. Chinese characters per line. */
  textWidth: { min: 28, max: 56, step: 2 },
} as const;

export interface ReadingSettings {
  fontSize: number;
  lineHeight: number;
  textWidth: number;
  fontFamily: FontFamily;
  theme: Theme;
  uiLocale: UiLocaleSetting;
}

export const DEFAULT_SETTINGS: Readonly<ReadingSettings> = Object.freeze({
  fontSize: 18,
  lineHeight: 1.8,
  textWidth: 38,
  fontFamily: 'sans',
  theme: 'system',
  uiLocale: 'system',
});
