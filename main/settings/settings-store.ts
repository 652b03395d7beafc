import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile, saveJsonFile } from './json-file.js';
import {
  DEFAULT_SETTINGS,
  type ReadingSettings,
  ReadingSettingsSchema,
  type SettingsPatch,
  SettingsPatchSchema,
  type StoreNotice,
} from './schema.js';

// The reading settings in <data dir>/settings.json. Settings change rarely (a click in the settings
// panel, already debounced by the renderer), so every change is written at once.

export const SETTINGS_FILE = 'settings.json';
const FILE_VERSION = 1;

/** On disk: a version and any subset of the settings (missing ones take their defaults). */
const SettingsFileSchema = ReadingSettingsSchema.partial().extend({
  version: z.literal(FILE_VERSION).optional(),
});

type SettingsFile = z.infer<typeof SettingsFileSchema>;

export interface StoreOptions {
  now?: () => Date;
  /** Called once when an unreadable file was moved aside. */
  onNotice?: (notice: StoreNotice) => void;
}

export class SettingsStore {
  readonly file: string;
  private current: ReadingSettings | undefined;
  private notice: StoreNotice | undefined;

  constructor(
    dataDir: string,
    private readonly options: StoreOptions = {},
  ) {
    this.file = path.join(dataDir, SETTINGS_FILE);
  }

  private load(): ReadingSettings {
    if (this.current !== undefined) return this.current;
    const result = loadJsonFile<SettingsFile>(this.file, SettingsFileSchema, () => ({}), this.options.now);
    if (result.status === 'recovered') {
      this.notice = { store: 'settings', movedTo: result.movedTo, reason: result.reason };
      this.options.onNotice?.(this.notice);
    }
    const { version: _version, ...stored } = result.value;
    this.current = { ...DEFAULT_SETTINGS, ...stripUndefined(stored) };
    return this.current;
  }

  get(): ReadingSettings {
    return { ...this.load() };
  }

  /** Applies a validated patch, writes the file and returns the settings now in force. */
  set(patch: SettingsPatch): ReadingSettings {
    const checked = SettingsPatchSchema.parse(patch);
    const next = ReadingSettingsSchema.parse({ ...this.load(), ...stripUndefined(checked) });
    saveJsonFile(this.file, { version: FILE_VERSION, ...next });
    this.current = next;
    return { ...next };
  }

  /** The notice about a file moved aside at load, if there was one. */
  notices(): StoreNotice[] {
    this.load();
    return this.notice ? [this.notice] : [];
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
