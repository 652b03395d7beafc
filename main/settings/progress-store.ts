import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile, saveJsonFile } from './json-file.js';
import { type ProgressEntry, type ProgressMap, ProgressMapSchema, type StoreNotice } from './schema.js';
import type { StoreOptions } from './settings-store.js';

// The last reading position per document in <data dir>/progress.json. The renderer reports the
// position as the user scrolls; the store keeps it in memory at once and writes the file at most
// once per `debounceMs`, plus on flush() when the app quits.

export const PROGRESS_FILE = 'progress.json';
const FILE_VERSION = 1;
export const PROGRESS_DEBOUNCE_MS = 1000;

const ProgressFileSchema = z.object({
  version: z.literal(FILE_VERSION),
  documents: ProgressMapSchema,
});

export interface ProgressStoreOptions extends StoreOptions {
  debounceMs?: number;
  /** Reports a failed background write (the next change or flush tries again). */
  onWriteError?: (error: unknown) => void;
}

export class ProgressStore {
  readonly file: string;
  private entries: Map<string, ProgressEntry> | undefined;
  private notice: StoreNotice | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;

  constructor(
    dataDir: string,
    private readonly options: ProgressStoreOptions = {},
  ) {
    this.file = path.join(dataDir, PROGRESS_FILE);
  }

  private load(): Map<string, ProgressEntry> {
    if (this.entries !== undefined) return this.entries;
    const result = loadJsonFile(
      this.file,
      ProgressFileSchema,
      () => ({ version: FILE_VERSION, documents: {} }) as const,
      this.options.now,
    );
    if (result.status === 'recovered') {
      this.notice = { store: 'progress', movedTo: result.movedTo, reason: result.reason };
      this.options.onNotice?.(this.notice);
    }
    this.entries = new Map(Object.entries(result.value.documents));
    return this.entries;
  }

  all(): ProgressMap {
    return Object.fromEntries(this.load());
  }

  get(docId: string): ProgressEntry | undefined {
    const entry = this.load().get(docId);
    return entry ? { ...entry } : undefined;
  }

  /** Records the position now; the file follows within debounceMs. */
  set(docId: string, blockId: string): ProgressEntry {
    const entry: ProgressEntry = { blockId, updatedAt: (this.options.now?.() ?? new Date()).toISOString() };
    this.load().set(docId, entry);
    this.dirty = true;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        try {
          this.flush();
        } catch (error) {
          this.options.onWriteError?.(error);
        }
      }, this.options.debounceMs ?? PROGRESS_DEBOUNCE_MS);
      // A pending write must not keep a process alive on its own; flush() on quit writes it.
      this.timer.unref?.();
    }
    return { ...entry };
  }

  /** Writes pending changes now (quitting, tests). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.dirty || this.entries === undefined) return;
    saveJsonFile(this.file, { version: FILE_VERSION, documents: Object.fromEntries(this.entries) });
    this.dirty = false;
  }

  notices(): StoreNotice[] {
    this.load();
    return this.notice ? [this.notice] : [];
  }
}
