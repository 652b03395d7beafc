import { z } from 'zod';
import {
  FONT_FAMILIES,
  READING_LIMITS,
  type ReadingSettings,
  THEMES,
  UI_LOCALE_SETTINGS,
  UI_LOCALES,
} from './constants.js';

// What the reader remembers for the user: reading settings (typography, theme, UI language) and
// the last position in each document. Plain zod schemas, shared by the stores and the IPC contract.

export * from './constants.js';

export const UiLocaleSchema = z.enum(UI_LOCALES);

export const ReadingSettingsSchema = z.object({
  fontSize: z.number().int().min(READING_LIMITS.fontSize.min).max(READING_LIMITS.fontSize.max),
  lineHeight: z.number().min(READING_LIMITS.lineHeight.min).max(READING_LIMITS.lineHeight.max),
  textWidth: z.number().int().min(READING_LIMITS.textWidth.min).max(READING_LIMITS.textWidth.max),
  fontFamily: z.enum(FONT_FAMILIES),
  theme: z.enum(THEMES),
  uiLocale: z.enum(UI_LOCALE_SETTINGS),
});

// The schema and the plain interface describe the same thing.
const sameShape = <T extends true>(value: T) => value;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
sameShape<Same<z.infer<typeof ReadingSettingsSchema>, ReadingSettings>>(true);

/** A change to some settings; unknown keys are refused so a typo never passes silently. */
export const SettingsPatchSchema = ReadingSettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Document and block ids are short ASCII identifiers (see main/corpus/ids.ts). */
export const IdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Not an id.');

export const ProgressEntrySchema = z.object({
  blockId: IdSchema,
  /** ISO 8601, set by the main process when the position is recorded. */
  updatedAt: z.iso.datetime(),
});
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>;

export const ProgressMapSchema = z.record(IdSchema, ProgressEntrySchema);
export type ProgressMap = z.infer<typeof ProgressMapSchema>;

/** A data file that could not be read and was moved aside; the user is told once. */
export const StoreNoticeSchema = z.object({
  store: z.enum(['settings', 'progress']),
  /** File name (not path) the unreadable file was moved to, in the same folder. */
  movedTo: z.string(),
  reason: z.string(),
});
export type StoreNotice = z.infer<typeof StoreNoticeSchema>;
