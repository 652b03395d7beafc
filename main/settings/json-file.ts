import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { type ZodType, z } from 'zod';

// Reading and writing one small JSON data file. Writes go to a temporary file that is fsynced and
// renamed over the old one, so a crash leaves either the old or the new file, never half of one. A
// file that exists but cannot be understood is never overwritten: it is moved aside as
// <name>.corrupt-<timestamp>.json and the caller starts from defaults and tells the user.

export type LoadResult<T> =
  | { status: 'missing'; value: T }
  | { status: 'ok'; value: T }
  | { status: 'recovered'; value: T; movedTo: string; reason: string };

/** 2024-05-01T12:30:00.123Z → 2024-05-01T12-30-00-123Z (valid in file names everywhere). */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** A free name for the corrupt copy next to the file; never replaces an earlier copy. */
export function corruptName(file: string, date: Date): string {
  const dir = path.dirname(file);
  const base = path.basename(file, '.json');
  const stamp = fileStamp(date);
  for (let n = 0; ; n++) {
    const name = `${base}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}.json`;
    if (!existsSync(path.join(dir, name))) return name;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * Loads `file` through `schema`. Missing file: the defaults. Unparsable or invalid file: moved
 * aside, defaults, and the new name in the result. Any other read error (permissions, a folder
 * where the file should be) throws: the file may be fine, so it must not be replaced.
 */
export function loadJsonFile<T>(
  file: string,
  schema: ZodType<T>,
  defaults: () => T,
  now: () => Date = () => new Date(),
): LoadResult<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { status: 'missing', value: defaults() };
    throw error;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { status: 'ok', value: parsed.data };
    reason = z.prettifyError(parsed.error);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const movedTo = corruptName(file, now());
  renameSync(file, path.join(path.dirname(file), movedTo));
  return { status: 'recovered', value: defaults(), movedTo, reason };
}

/** Writes `value` as JSON atomically (temporary file, fsync, rename), creating the folder if needed. */
export function saveJsonFile(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic.sync(file, `${JSON.stringify(value, null, 2)}\n`, { fsync: true });
}
