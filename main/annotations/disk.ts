import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

// File-system steps of the annotation store, each durable before it returns (POSIX: data fsynced,
// then the folder fsynced so that creations, renames and removals survive a power cut).

export const ANNOTATIONS_FILE = 'annotations.json';
export const BACKUP_FILE = 'annotations.backup.json';
export const JOURNAL_FILE = 'annotations.journal';

/**
 * Temporary files of interrupted writes, removed when the store opens: write-file-atomic's
 * `annotations.json.<number>`, our backup links `annotations.backup.json.tmp-…` and journal
 * rewrites `annotations.journal.tmp-…`.
 */
export const STALE_TEMP = /^annotations(?:(?:\.backup)?\.json|\.journal)\.(?:\d+|tmp-[0-9a-z-]+)$/;

let tempCounter = 0;

/** A temporary name next to `file`, matched by STALE_TEMP. */
export function tempName(file: string): string {
  return `${file}.tmp-${process.pid}-${++tempCounter}`;
}

/** Make a creation, rename or removal in `dir` durable. Not possible (nor needed) on Windows. */
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

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replace `file` with `data` atomically and durably. With `backup`, the current `file` first
 * becomes `backup` (a hard link renamed into place — a copy where links are not supported), so
 * the backup is always a complete earlier version.
 */
export async function writeFileDurably(file: string, data: Buffer, backup?: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  if (backup) await linkAsBackup(file, backup);
  // write-file-atomic writes a temporary file, fsyncs it and renames it over `file`; it does not
  // fsync the folder, so we do, to make the rename itself durable.
  await writeFileAtomic(file, data, { fsync: true });
  await fsyncDir(dir);
}

async function linkAsBackup(file: string, backup: string): Promise<void> {
  // Already the same file (a write was interrupted right after the last rotation): nothing to do,
  // and renaming a link onto its own file would do nothing and leave the temporary link behind.
  if (await sameFile(file, backup)) return;
  const temp = tempName(backup);
  try {
    await link(file, temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await copyFile(file, temp, constants.COPYFILE_EXCL);
    await fsyncFile(temp);
  }
  await rename(temp, backup);
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([lstat(a, { bigint: true }), lstat(b, { bigint: true })]);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** Remove what STALE_TEMP matches in `dir` (regular files only). */
export async function removeStaleTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!STALE_TEMP.test(name)) continue;
    const full = path.join(dir, name);
    try {
      if ((await lstat(full)).isFile()) await unlink(full);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/**
 * Copy `file` to a free `<base>-<timestamp><ext>` in its folder, durably; undefined when that
 * fails. The file itself is not changed.
 */
export function copyAside(file: string, base: string, ext: string, now: Date): Promise<string | undefined> {
  return aside(file, base, ext, now, async (candidate) => {
    await copyFile(file, candidate, constants.COPYFILE_EXCL);
    await fsyncFile(candidate);
  });
}

/**
 * Rename `file` to a free `<base>-<timestamp><ext>` in its folder, durably; undefined when that
 * fails. The file itself is never changed.
 */
export function moveAside(file: string, base: string, ext: string, now: Date): Promise<string | undefined> {
  return aside(file, base, ext, now, (candidate) => rename(file, candidate));
}

/** `place` the file at the first free name of its kind, then make the folder entry durable. */
async function aside(
  file: string,
  base: string,
  ext: string,
  now: Date,
  place: (candidate: string) => Promise<void>,
): Promise<string | undefined> {
  const dir = path.dirname(file);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 0; n < 1000; n++) {
    const candidate = path.join(dir, `${base}-${stamp}${n > 0 ? `-${n}` : ''}${ext}`);
    if (await exists(candidate)) continue;
    try {
      await place(candidate);
      await fsyncDir(dir);
      return candidate;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
