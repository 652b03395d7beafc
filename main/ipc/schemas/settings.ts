import { z } from 'zod';
import {
  IdSchema,
  ProgressEntrySchema,
  ProgressMapSchema,
  ReadingSettingsSchema,
  SettingsPatchSchema,
  StoreNoticeSchema,
} from '../../settings/schema.js';

// settings:get/settings:set and progress:get/progress:set.

export const SettingsStateSchema = z.object({
  settings: ReadingSettingsSchema,
  /** Data files that were unreadable and moved aside at start (shown to the user once). */
  notices: z.array(StoreNoticeSchema),
});
export type SettingsState = z.infer<typeof SettingsStateSchema>;

export const SettingsSetRequestSchema = SettingsPatchSchema;

export const ProgressSetRequestSchema = z.strictObject({ docId: IdSchema, blockId: IdSchema });

export { ProgressEntrySchema, ProgressMapSchema, ReadingSettingsSchema };
