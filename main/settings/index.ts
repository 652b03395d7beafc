import { ProgressStore, type ProgressStoreOptions } from './progress-store.js';
import type { StoreNotice } from './schema.js';
import { SettingsStore } from './settings-store.js';

// The user's data in one folder (REPORT_READER_DATA_DIR or Electron's userData): settings and
// reading positions. Both files are loaded on first use.

export interface UserData {
  settings: SettingsStore;
  progress: ProgressStore;
  /** Files that were unreadable at load and moved aside (loads both stores). */
  notices(): StoreNotice[];
  /** Writes anything pending; call before the process exits. */
  flush(): void;
}

export function openUserData(dataDir: string, options: ProgressStoreOptions = {}): UserData {
  const settings = new SettingsStore(dataDir, options);
  const progress = new ProgressStore(dataDir, options);
  return {
    settings,
    progress,
    notices: () => [...settings.notices(), ...progress.notices()],
    flush: () => progress.flush(),
  };
}
