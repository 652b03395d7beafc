import path from 'node:path';
import type { BundleStore } from '../corpus/bundle-store.js';
import { reanchorAll } from './anchor.js';
import { MAX_FILE_BYTES } from './codec.js';
import { ANNOTATIONS_FILE, BACKUP_FILE, JOURNAL_FILE } from './disk.js';
import { deepFreeze, sizeOf } from './frozen-items.js';
import {
  type Annotation,
  type AnnotationCollection,
  type AnnotationFilter,
  type AnnotationInput,
  type AnnotationPatch,
  matchesFilter,
  newAnnotation,
  patchAnnotation,
} from './model.js';
import { openFolder } from './open-folder.js';
import { SerialQueue } from './queue.js';
import type { LoadResult } from './recovery.js';
import { isNewer, validateAnnotation } from './schema.js';
import { applyChanges, collectionOf, emptyState, type StoreState } from './state.js';
import { StoreFullError, StoreWriter } from './writer.js';

export { ANNOTATIONS_FILE, BACKUP_FILE, fsyncDir, JOURNAL_FILE } from './disk.js';
export { readStoreFolder, type StoredCollection } from './loader.js';
export { type LoadResult, type Recovery, recoveryMessage } from './recovery.js';
export { StoreFullError } from './writer.js';

// The annotations of one user, in the app's data folder:
//
//   annotations.json          the collection (W3C JSON-LD, see model.ts) as of the last compaction
//   annotations.journal       the changes made since, one line per commit (see journal.ts)
//   annotations.backup.json   the previous annotations.json (the last good file)
//   annotations.corrupt-<timestamp>.json, annotations.backup.corrupt-<timestamp>.json,
//   annotations.journal.corrupt-<timestamp>.jsonl   files that could not be used, moved aside untouched
//
// Saving. One writer: every call goes through a serial queue. A mutation changes the in-memory
// collection and resolves once a commit that holds it is durable: one line appended to the journal
// and fsynced (about a millisecond, whatever the size of the collection). Mutations made while a
// commit is being written share the next one (group commit). A commit that fails rejects its
// mutations and puts their ids back in memory as they were when last made durable (a later change
// to the same id stands). A compaction writes memory as it is, changes not yet committed
// included: if one of those then fails, annotations.json keeps it until the next write of the
// file (the next commit, after a failed append, goes there) — it errs towards keeping what the
// user did. The writing is in writer.ts,
// opening and recovering in open-folder.ts.
//
// Compaction writes annotations.json from memory — atomically: write-file-atomic writes a
// temporary file, fsyncs it and renames it into place, then we fsync the folder; before that the
// current file is hard-linked to annotations.backup.json (copied where links are not supported) —
// and then removes the journal lines it has absorbed. It runs in the background once the journal
// reaches `compactAfterLines` lines or `compactAfterBytes` bytes (saves carry on meanwhile), in
// flush() (before quitting), when the store opens on a non-empty journal, and in place of
// appending a commit larger than `compactAfterBytes` (a big import).
//
// After SIGKILL or a power cut at any moment:
//   - during an append: the journal's last line is cut short or garbage. It was never
//     acknowledged; loading ignores it and cuts it off before anything is appended.
//   - during compaction, before the rename: annotations.json and the journal are the old ones.
//   - after the rename, before the journal is trimmed: the journal still has lines whose changes
//     annotations.json already holds. The file records the last seq it holds (its checkpoint,
//     "rr:journalCheckpoint"); loading replays only the lines after it (and drops the journal at
//     once if none is), and new lines are numbered after it — seqs are never used twice. So older
//     lines cannot bring back earlier versions over a commit that went straight into the file
//     (one too large for the journal, or made while the journal was broken), which is in no line.
//     (Version 1
//     files, from before checkpoints, are replayed whole; a version 1 app refuses version 2
//     files rather than number a journal anew under a checkpoint it does not know.)
//   - while the journal is trimmed: it is rewritten through a temporary file and a rename (or
//     deleted when no line is left), so it is the old or the new one; both replay the same.
//   - temporary files of interrupted writes are removed the next time the store opens.
//
// A file that cannot be used (unreadable, corrupt, unknown or newer schema, over 20 MB, unsafe
// keys) is never overwritten or cleared: it is renamed aside, the backup is loaded, and `load()`
// reports what happened. A journal damaged before its last line is copied aside likewise, and
// rewritten with only the lines before the damage, which are applied. If a file cannot be moved aside, the store opens
// read-only.
//
// The store never writes a file larger than MAX_FILE_BYTES (20 MB): a change that would grow
// annotations.json past that is refused with StoreFullError. Annotations it returns are frozen
// (the store shares them and caches their JSON, so commits and compactions serialise each
// annotation once).
//
// Only one AnnotationStore may be open on a folder at a time (the app holds a single-instance lock).

export const DATA_DIR_ENV = 'REPORT_READER_DATA_DIR';

/** The data folder: $REPORT_READER_DATA_DIR when set, else the caller's default (app.getPath('userData')). */
export function dataDir(defaultDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv && fromEnv.trim().length > 0 ? path.resolve(fromEnv) : defaultDir;
}

/** Default compaction thresholds (a line holds one annotation, ≈1 KB, in the usual case). */
export const COMPACT_AFTER_LINES = 1000;
export const COMPACT_AFTER_BYTES = 2 * 1024 * 1024;

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

export class AnnotationNotFoundError extends Error {}
export class StoreReadOnlyError extends Error {}

export interface AnnotationStoreOptions {
  now?: () => Date;
  /** Rewrite annotations.json once the journal has this many lines (default COMPACT_AFTER_LINES). */
  compactAfterLines?: number;
  /**
   * …or this many bytes (default COMPACT_AFTER_BYTES). A commit larger than this is written
   * straight into annotations.json instead of the journal.
   */
  compactAfterBytes?: number;
}

export class AnnotationStore {
  readonly file: string;
  readonly backupFile: string;
  readonly journalFile: string;
  private readonly queue = new SerialQueue();
  private readonly now: () => Date;
  private readonly compactAfterLines: number;
  private readonly compactAfterBytes: number;
  private state: StoreState = emptyState();
  private loading: Promise<LoadResult> | undefined;
  private readOnly = false;
  /** Set by load(), which every other method awaits. */
  private writer: StoreWriter | undefined;

  constructor(
    readonly dir: string,
    options: AnnotationStoreOptions = {},
  ) {
    this.file = path.join(dir, ANNOTATIONS_FILE);
    this.backupFile = path.join(dir, BACKUP_FILE);
    this.journalFile = path.join(dir, JOURNAL_FILE);
    this.now = options.now ?? (() => new Date());
    this.compactAfterLines = Math.max(1, options.compactAfterLines ?? COMPACT_AFTER_LINES);
    this.compactAfterBytes = Math.max(1, options.compactAfterBytes ?? COMPACT_AFTER_BYTES);
  }

  /** Load (once); later calls return the first result. Every other method loads first. */
  load(): Promise<LoadResult> {
    this.loading ??= this.queue.run(() => this.loadFromDisk());
    return this.loading;
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  async list(filter: AnnotationFilter = {}): Promise<Annotation[]> {
    await this.load();
    return this.queue.run(() => [...this.state.items.values()].filter((a) => matchesFilter(a, filter)));
  }

  async get(id: string): Promise<Annotation | undefined> {
    await this.load();
    return this.queue.run(() => this.state.items.get(id));
  }

  /** The whole collection as it is in memory now. */
  async collection(): Promise<AnnotationCollection> {
    await this.load();
    return this.queue.run(() => collectionOf(this.state));
  }

  async create(input: AnnotationInput): Promise<Annotation> {
    const [created] = await this.createMany([input]);
    if (created === undefined) throw new Error('the annotation was not created');
    return created;
  }

  /**
   * Create, unless an annotation for which `same` is true exists: then that one is returned. The
   * check and the creation are one step, so that two quick calls (a double click) make one.
   */
  async createOnce(input: AnnotationInput, same: (existing: Annotation) => boolean): Promise<Annotation> {
    for (;;) {
      const found = await this.mutate(() => {
        for (const existing of this.state.items.values()) if (same(existing)) return { existing };
        const created = validateAnnotation(newAnnotation(input, this.now()));
        this.put([created]);
        return { created };
      });
      if (found.created) return found.created;
      // The one found may have been in a commit that then failed, and was undone: look again.
      if (this.state.items.has(found.existing.id)) return found.existing;
    }
  }

  /** Several new annotations in one commit: all are saved, or none (a highlight across passages). */
  createMany(inputs: readonly AnnotationInput[]): Promise<Annotation[]> {
    return this.mutate(() => {
      const now = this.now();
      const created = inputs.map((input) => validateAnnotation(newAnnotation(input, now)));
      for (const annotation of created)
        if (this.state.items.has(annotation.id))
          throw new Error(`an annotation with id ${annotation.id} exists`);
      this.put(created);
      return created;
    });
  }

  /** Apply a patch; `modified` is bumped. */
  update(id: string, patch: AnnotationPatch): Promise<Annotation> {
    return this.mutate(() => {
      const current = this.state.items.get(id);
      if (!current) throw new AnnotationNotFoundError(`no annotation ${id}`);
      const next = validateAnnotation(patchAnnotation(current, patch, this.now()));
      this.put([next]);
      return next;
    });
  }

  /** Remove one; resolves with the removed annotation (pass it to `restore` to undo). */
  remove(id: string): Promise<Annotation | undefined> {
    return this.mutate(() => {
      const current = this.state.items.get(id);
      if (current) {
        this.state.bytes -= sizeOf(current);
        this.state.items.delete(id);
        this.writer?.record(id, null, current);
      }
      return current;
    });
  }

  /** Undo a removal: put the annotation back as it was (a newer copy with the same id wins). */
  restore(annotation: Annotation): Promise<Annotation> {
    return this.mutate(() => {
      const incoming = validateAnnotation(annotation);
      const current = this.state.items.get(incoming.id);
      if (current && !isNewer(incoming, current)) return current;
      this.put([incoming]);
      return incoming;
    });
  }

  /** Merge another collection: new ids are added, known ids replaced only by a newer `modified`. */
  importCollection(collection: Pick<AnnotationCollection, 'items'>): Promise<ImportSummary> {
    return this.mutate(() => {
      const incoming = collection.items.map((item) => validateAnnotation(item));
      const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
      const accepted = new Map<string, Annotation>();
      for (const item of incoming) {
        const current = accepted.get(item.id) ?? this.state.items.get(item.id);
        if (!current || isNewer(item, current)) accepted.set(item.id, item);
      }
      for (const item of incoming) {
        const current = this.state.items.get(item.id);
        if (accepted.get(item.id) !== item) summary.unchanged++;
        else if (current) summary.updated++;
        else summary.added++;
      }
      this.put([...accepted.values()]);
      return summary;
    });
  }

  /**
   * Replace annotations by id without bumping `modified` (re-anchoring results). Items that are
   * unknown, or were edited since (a different `modified`), are left alone. Resolves with the
   * number replaced.
   */
  replaceSystemFields(updated: readonly Annotation[]): Promise<number> {
    return this.mutate(() => {
      const fresh = updated
        .filter((item) => this.state.items.get(item.id)?.modified === item.modified)
        .map((item) => validateAnnotation(item));
      this.put(fresh);
      return fresh.length;
    });
  }

  /**
   * Re-anchor every annotation against the current bundle (on start, after the bundle changed)
   * and save the new positions and statuses. Needs-review items keep their selectors.
   */
  async reanchor(bundle: BundleStore): Promise<{ anchored: number; needsReview: number; changed: number }> {
    const items = await this.list();
    const summary = reanchorAll(bundle, items);
    const changed = summary.annotations.filter((a, i) => a !== items[i]);
    const replaced = changed.length > 0 ? await this.replaceSystemFields(changed) : 0;
    return { anchored: summary.anchored, needsReview: summary.needsReview, changed: replaced };
  }

  /**
   * Wait until every change so far is on disk, and write annotations.json with all of them so
   * that the journal is empty (call before quitting). Rejects if writing fails.
   */
  async flush(): Promise<void> {
    if (!this.loading) return;
    await this.load();
    await this.queue.idle();
    if (!this.readOnly) await this.writer?.flush();
  }

  // -------------------------------------------------------------------------------------------

  /** Add or replace items, all or none: refused when the file would outgrow MAX_FILE_BYTES. */
  private put(items: readonly Annotation[]): void {
    let delta = 0;
    for (const item of items) {
      const current = this.state.items.get(item.id);
      delta += sizeOf(item) - (current ? sizeOf(current) : 0);
    }
    if (this.state.bytes + delta > MAX_FILE_BYTES) {
      throw new StoreFullError(
        `the annotations file would grow past ${MAX_FILE_BYTES / 1024 / 1024} MB; remove or shorten some notes first`,
      );
    }
    for (const item of items) {
      const frozen = deepFreeze(item);
      const before = this.state.items.get(item.id) ?? null;
      this.state.items.set(item.id, frozen);
      this.writer?.record(item.id, frozen, before);
    }
    this.state.bytes += delta;
  }

  private async mutate<T>(change: () => T): Promise<T> {
    await this.load();
    const { result, written } = await this.queue.run(() => {
      if (this.readOnly) {
        throw new StoreReadOnlyError(
          'annotations are read-only: an unusable annotations file could not be moved aside',
        );
      }
      const result = change();
      // Even a call that changed nothing waits for the commits before it.
      return { result, written: this.writer?.commit() };
    });
    await written;
    return result;
  }

  private async loadFromDisk(): Promise<LoadResult> {
    const opened = await openFolder(this.dir, this.now());
    const { recovered } = opened;
    this.state = opened.state;
    this.readOnly = opened.readOnly;
    const writer = new StoreWriter(
      {
        file: this.file,
        backupFile: this.backupFile,
        compactAfterLines: this.compactAfterLines,
        compactAfterBytes: this.compactAfterBytes,
      },
      () => this.state,
      opened.journal,
      opened.mainIsOurs,
      (id, item) => applyChanges(this.state, new Map([[id, item]])),
    );
    this.writer = writer;
    if (!this.readOnly) {
      // Put what we restored back in place now. If that fails (a backup from another tool that
      // grows past the size limit once defaults are filled in, a full disk), the files still
      // hold what was restored — the backup and the journal — and saves go on in the journal.
      if (recovered) await writer.compact().catch(() => undefined);
      // Fold a journal left by a crash into annotations.json, in the background as when it grows
      // long: the journal is valid as it is, and rewriting 10,000 annotations would triple the
      // time to open. If that fails, the journal stays and is folded in later.
      else if (writer.hasJournal) writer.compactInBackground();
    }
    return { collection: collectionOf(this.state), recovered };
  }
}
