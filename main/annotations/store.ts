import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { BundleStore } from '../corpus/bundle-store.js';
import { reanchorAll } from './anchor.js';
import {
  AnnotationFileError,
  type FileProblem,
  MAX_FILE_BYTES,
  parseCollectionBytes,
  readFileBounded,
} from './codec.js';
import {
  type Annotation,
  type AnnotationCollection,
  type AnnotationFilter,
  type AnnotationInput,
  type AnnotationPatch,
  emptyCollection,
  matchesFilter,
  newAnnotation,
  patchAnnotation,
} from './model.js';
import { SerialQueue } from './queue.js';
import { isNewer, validateAnnotation } from './schema.js';

// The annotations of one user, in one file in the app's data folder:
//
//   annotations.json          the collection (W3C JSON-LD, see model.ts)
//   annotations.backup.json   the previous version of annotations.json (the last good file)
//   annotations.corrupt-<timestamp>.json   a file that could not be loaded, moved aside untouched
//
// One writer: every call goes through a serial queue; mutations change the in-memory collection
// in order and resolve only after a write that includes them has reached the disk. Writes are
// atomic: write-file-atomic writes a temporary file, fsyncs and renames it over annotations.json;
// it does not fsync the folder, so we do (POSIX) to make the rename itself durable. Before each
// write the current file is hard-linked to annotations.backup.json (copied where links are not
// supported), so the backup is always a complete earlier version.
//
// A file that cannot be loaded (unreadable, corrupt, unknown or newer schema, over 20 MB, unsafe
// keys) is never overwritten or cleared: it is renamed aside, the backup is loaded, and `load()`
// reports what happened. If it cannot be moved aside, the store opens read-only.
//
// The store never writes a file larger than MAX_FILE_BYTES (20 MB): a change that would grow it
// past that is refused with StoreFullError. Annotations it returns are frozen (the store shares
// them and caches their JSON, so a save re-serialises only what changed).
//
// Only one AnnotationStore may be open on a folder at a time (the app holds a single-instance lock).

export const ANNOTATIONS_FILE = 'annotations.json';
export const BACKUP_FILE = 'annotations.backup.json';
export const DATA_DIR_ENV = 'REPORT_READER_DATA_DIR';

/** The data folder: $REPORT_READER_DATA_DIR when set, else the caller's default (app.getPath('userData')). */
export function dataDir(defaultDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv && fromEnv.trim().length > 0 ? path.resolve(fromEnv) : defaultDir;
}

/** Temporary files of interrupted writes: write-file-atomic's `<file>.<number>` and our backup links. */
const STALE_TEMP = /^annotations(?:\.backup)?\.json\.(?:\d+|tmp-[0-9a-z-]+)$/;

export interface Recovery {
  /** Why annotations.json could not be used. */
  reason: FileProblem;
  detail: string;
  /** Where the unusable file now is; undefined when it could not be moved (store is read-only). */
  movedTo: string | undefined;
  /** What the store holds instead. */
  restoredFrom: 'backup' | 'nothing';
  /** The backup was unusable too and was moved here. */
  backupMovedTo?: string;
  readOnly: boolean;
}

export interface LoadResult {
  collection: AnnotationCollection;
  recovered: Recovery | undefined;
}

const REASON_TEXT: Record<FileProblem, { en: string; zh: string }> = {
  missing: { en: 'was missing', zh: '不存在' },
  unreadable: { en: 'could not be read', zh: '无法读取' },
  'too-large': { en: 'was too large (over 20 MB)', zh: '过大（超过 20 MB）' },
  'invalid-encoding': { en: 'was not valid text', zh: '不是有效的文本' },
  'invalid-json': { en: 'was damaged', zh: '已损坏' },
  'unsafe-keys': { en: 'contained unsafe data', zh: '含有不安全的数据' },
  'unknown-schema': { en: 'was in an unknown format', zh: '格式无法识别' },
  'newer-schema': {
    en: 'was written by a newer version of Report Reader',
    zh: '由更新版本的 Report Reader 写入',
  },
  'invalid-data': { en: 'contained invalid annotations', zh: '含有无效的批注' },
};

/** One user-facing sentence describing a recovery. */
export function recoveryMessage(r: Recovery, lang: 'en' | 'zh' = 'en'): string {
  const why = REASON_TEXT[r.reason][lang];
  if (lang === 'zh') {
    const kept = r.movedTo
      ? `原文件已原样保存为 ${path.basename(r.movedTo)}。`
      : '原文件无法移动，批注暂为只读。';
    const now = r.restoredFrom === 'backup' ? '已从备份恢复批注。' : '没有可用的备份，批注列表为空。';
    return `批注文件${why}。${kept}${now}`;
  }
  const kept = r.movedTo
    ? `The original was kept unchanged as ${path.basename(r.movedTo)}.`
    : 'The original could not be moved, so annotations are read-only for now.';
  const now =
    r.restoredFrom === 'backup'
      ? 'Your annotations were restored from the backup.'
      : 'No usable backup was found.';
  return `The annotations file ${why}. ${kept} ${now}`;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

export class AnnotationNotFoundError extends Error {}
/** The change would make the file larger than MAX_FILE_BYTES (which the store refuses to load). */
export class StoreFullError extends Error {}
export class StoreReadOnlyError extends Error {}

export interface AnnotationStoreOptions {
  now?: () => Date;
}

export class AnnotationStore {
  readonly file: string;
  readonly backupFile: string;
  private readonly queue = new SerialQueue();
  private readonly now: () => Date;
  private items = new Map<string, Annotation>();
  /** The collection's own properties other than items (kept as loaded). */
  private extras: AnnotationCollection = emptyCollection();
  private loading: Promise<LoadResult> | undefined;
  private readOnly = false;
  /** annotations.json exists and holds a version we loaded or wrote (safe to rotate into the backup). */
  private mainIsOurs = false;
  private version = 0;
  private writtenVersion = 0;
  private writeChain: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | undefined;
  private tempCounter = 0;
  /** Size of annotations.json as it would be written now (kept up to date by put/remove). */
  private bytes = 0;

  constructor(
    readonly dir: string,
    options: AnnotationStoreOptions = {},
  ) {
    this.file = path.join(dir, ANNOTATIONS_FILE);
    this.backupFile = path.join(dir, BACKUP_FILE);
    this.now = options.now ?? (() => new Date());
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
    return this.queue.run(() => [...this.items.values()].filter((a) => matchesFilter(a, filter)));
  }

  async get(id: string): Promise<Annotation | undefined> {
    await this.load();
    return this.queue.run(() => this.items.get(id));
  }

  /** The whole collection as it is in memory now. */
  async collection(): Promise<AnnotationCollection> {
    await this.load();
    return this.queue.run(() => this.snapshot());
  }

  create(input: AnnotationInput): Promise<Annotation> {
    return this.mutate(() => {
      const annotation = validateAnnotation(newAnnotation(input, this.now()));
      if (this.items.has(annotation.id)) throw new Error(`an annotation with id ${annotation.id} exists`);
      this.put([annotation]);
      return annotation;
    });
  }

  /** Apply a patch; `modified` is bumped. */
  update(id: string, patch: AnnotationPatch): Promise<Annotation> {
    return this.mutate(() => {
      const current = this.items.get(id);
      if (!current) throw new AnnotationNotFoundError(`no annotation ${id}`);
      const next = validateAnnotation(patchAnnotation(current, patch, this.now()));
      this.put([next]);
      return next;
    });
  }

  /** Remove one; resolves with the removed annotation (pass it to `restore` to undo). */
  remove(id: string): Promise<Annotation | undefined> {
    return this.mutate(() => {
      const current = this.items.get(id);
      if (current) {
        this.bytes -= sizeOf(current);
        this.items.delete(id);
      }
      return current;
    });
  }

  /** Undo a removal: put the annotation back as it was (a newer copy with the same id wins). */
  restore(annotation: Annotation): Promise<Annotation> {
    return this.mutate(() => {
      const incoming = validateAnnotation(annotation);
      const current = this.items.get(incoming.id);
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
        const current = accepted.get(item.id) ?? this.items.get(item.id);
        if (!current || isNewer(item, current)) accepted.set(item.id, item);
      }
      for (const item of incoming) {
        const current = this.items.get(item.id);
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
        .filter((item) => this.items.get(item.id)?.modified === item.modified)
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

  /** Wait until every change so far is on disk (call before quitting). Rejects if writing fails. */
  async flush(): Promise<void> {
    if (!this.loading) return;
    await this.load();
    await this.queue.idle();
    await this.writeChain;
    if (this.writtenVersion < this.version && !this.readOnly) await this.requestWrite();
  }

  // -------------------------------------------------------------------------------------------

  /** Add or replace items, all or none: refused when the file would outgrow MAX_FILE_BYTES. */
  private put(items: readonly Annotation[]): void {
    let delta = 0;
    for (const item of items) {
      const current = this.items.get(item.id);
      delta += sizeOf(item) - (current ? sizeOf(current) : 0);
    }
    if (this.bytes + delta > MAX_FILE_BYTES) {
      throw new StoreFullError(
        `the annotations file would grow past ${MAX_FILE_BYTES / 1024 / 1024} MB; remove or shorten some notes first`,
      );
    }
    for (const item of items) this.items.set(item.id, deepFreeze(item));
    this.bytes += delta;
  }

  /**
   * The file's text: the same JSON as serializeCollection(snapshot()), built from each item's
   * cached JSON so a save re-serialises only the items that changed.
   */
  private serialize(): string {
    const { items: _items, ...head } = this.extras;
    const headJson = JSON.stringify(head);
    const parts: string[] = [];
    for (const item of this.items.values()) parts.push(jsonOf(item));
    const comma = headJson === '{}' ? '' : ',';
    return `${headJson.slice(0, -1)}${comma}"items":[${parts.join(',')}]}\n`;
  }

  private snapshot(): AnnotationCollection {
    return { ...this.extras, items: [...this.items.values()] };
  }

  private async mutate<T>(change: () => T): Promise<T> {
    await this.load();
    const { result, written } = await this.queue.run(() => {
      if (this.readOnly) {
        throw new StoreReadOnlyError(
          'annotations are read-only: the annotations file could not be moved aside',
        );
      }
      const result = change();
      this.version++;
      return { result, written: this.requestWrite() };
    });
    await written;
    return result;
  }

  /**
   * A promise for a write that starts after now, so it includes every change made so far. Changes
   * made while a write is running share the next write (group commit).
   */
  private requestWrite(): Promise<void> {
    if (!this.nextWrite) {
      const next = this.writeChain.then(() => {
        this.nextWrite = undefined;
        return this.writeNow();
      });
      this.nextWrite = next;
      this.writeChain = next.catch(() => undefined);
    }
    return this.nextWrite;
  }

  private async writeNow(): Promise<void> {
    const version = this.version;
    const data = Buffer.from(this.serialize(), 'utf8');
    this.bytes = data.length;
    // Never write a file this store would refuse to load.
    if (data.length > MAX_FILE_BYTES)
      throw new StoreFullError(`the annotations file would be ${data.length} bytes`);
    await mkdir(this.dir, { recursive: true });
    if (this.mainIsOurs) await this.rotateBackup();
    await writeFileAtomic(this.file, data, { fsync: true });
    this.mainIsOurs = true;
    await fsyncDir(this.dir);
    this.writtenVersion = Math.max(this.writtenVersion, version);
  }

  /** Make the backup the current annotations.json: a hard link (no copy), renamed into place. */
  private async rotateBackup(): Promise<void> {
    const temp = `${this.backupFile}.tmp-${process.pid}-${++this.tempCounter}`;
    try {
      await link(this.file, temp);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      await copyFile(this.file, temp, constants.COPYFILE_EXCL);
      await fsyncFile(temp);
    }
    await rename(temp, this.backupFile);
  }

  private async loadFromDisk(): Promise<LoadResult> {
    await mkdir(this.dir, { recursive: true });
    await this.removeStaleTemps();
    let recovered: Recovery | undefined;
    try {
      this.adopt(await this.readValid(this.file));
      this.mainIsOurs = true;
      return { collection: this.snapshot(), recovered };
    } catch (error) {
      if (!(error instanceof AnnotationFileError)) throw error;
      if (error.problem !== 'missing') {
        const movedTo = await this.moveAside(this.file, 'annotations.corrupt');
        recovered = {
          reason: error.problem,
          detail: error.message,
          movedTo,
          restoredFrom: 'nothing',
          readOnly: movedTo === undefined,
        };
        if (movedTo === undefined) this.readOnly = true;
      }
    }
    // annotations.json is missing or was moved aside: fall back to the backup.
    try {
      this.adopt(await this.readValid(this.backupFile));
      if (recovered) recovered.restoredFrom = 'backup';
    } catch (error) {
      if (!(error instanceof AnnotationFileError)) throw error;
      if (error.problem !== 'missing') {
        const backupMovedTo = await this.moveAside(this.backupFile, 'annotations.backup.corrupt');
        if (recovered) {
          if (backupMovedTo) recovered.backupMovedTo = backupMovedTo;
        } else {
          // annotations.json was missing and the backup is unusable: report the backup instead.
          recovered = {
            reason: error.problem,
            detail: `annotations.json was missing; the backup: ${error.message}`,
            movedTo: backupMovedTo,
            restoredFrom: 'nothing',
            readOnly: backupMovedTo === undefined,
          };
          if (backupMovedTo === undefined) this.readOnly = true;
        }
      }
    }
    if (recovered && !this.readOnly) {
      // Put what we restored (possibly nothing) back in place now, so disk and memory agree.
      this.version++;
      await this.requestWrite();
    }
    return { collection: this.snapshot(), recovered };
  }

  private async readValid(file: string): Promise<{ collection: AnnotationCollection; bytes: number }> {
    const bytes = await readFileBounded(file);
    return { collection: parseCollectionBytes(bytes).collection, bytes: bytes.length };
  }

  private adopt({ collection, bytes }: { collection: AnnotationCollection; bytes: number }): void {
    this.extras = { ...collection, items: [] };
    this.items = new Map(collection.items.map((a) => [a.id, deepFreeze(a)]));
    // The file's size (an overestimate if another tool wrote it with whitespace).
    this.bytes = bytes;
  }

  private async removeStaleTemps(): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if (!STALE_TEMP.test(name)) continue;
      const full = path.join(this.dir, name);
      try {
        if ((await lstat(full)).isFile()) await unlink(full);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  }

  /** Rename `file` to a free `<base>-<timestamp>.json`; undefined when that fails. */
  private async moveAside(file: string, base: string): Promise<string | undefined> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    for (let n = 0; n < 1000; n++) {
      const candidate = path.join(this.dir, `${base}-${stamp}${n > 0 ? `-${n}` : ''}.json`);
      if (await exists(candidate)) continue;
      try {
        await rename(file, candidate);
        await fsyncDir(this.dir);
        return candidate;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

// Items held by the store are frozen (they are shared with callers, and their JSON is cached).
const jsonCache = new WeakMap<Annotation, string>();

function jsonOf(a: Annotation): string {
  let json = jsonCache.get(a);
  if (json === undefined) {
    json = JSON.stringify(a);
    jsonCache.set(a, json);
  }
  return json;
}

/** Bytes an item takes in the compact file (plus its separating comma). */
function sizeOf(a: Annotation): number {
  return Buffer.byteLength(jsonOf(a)) + 1;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Make a rename in `dir` durable. Not possible (nor needed) on Windows. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}
