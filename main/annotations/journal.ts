import { isUtf8 } from 'node:buffer';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isCanonicalAnnotation } from './canonical.js';
import { AnnotationFileError, asFileError, type FileProblem, readFileBounded } from './codec.js';
import { fsyncDir, tempName } from './disk.js';
import { jsonOf } from './frozen-items.js';
import type { Annotation } from './model.js';
import { validateAnnotation } from './schema.js';
import type { Changes } from './state.js';

// annotations.journal: the changes made since annotations.json was last written, one commit per
// line (UTF-8, compact JSON, "\n" after each line):
//
//   {"seq":7,"put":[<Annotation>, …],"remove":["urn:uuid:…", …]}
//
// "put" holds whole annotations (added or replaced), "remove" the ids removed; either may be
// absent, and no id is in both (a commit is the net effect of the changes it groups). "seq"
// counts commits: each line's is one more than the line before, and seqs are never used twice.
// annotations.json records the last seq it holds (its checkpoint): loading replays only the lines
// after it, and new lines are numbered after it. That is what makes compaction safe to interrupt
// (see store.ts).
//
// One commit = one write() of one line, fsynced before the changes are acknowledged. A crash can
// therefore damage only the last line: a last line without its "\n", or that is not JSON, is an
// interrupted append and is ignored (it was never acknowledged). Anything else that is wrong — a
// bad line followed by more lines, a line that is JSON but not a valid commit, a gap in "seq" — is
// damage: the lines before it are used and the file is moved aside, never rewritten.

export interface JournalLine {
  seq: number;
  changes: Changes;
  /** The line as it is in the file, "\n" included (kept to rewrite the journal without it changing). */
  raw: Buffer;
}

export interface JournalRead {
  exists: boolean;
  /** The usable lines, in order. */
  lines: JournalLine[];
  /** Length of the usable part (the lines above). */
  validBytes: number;
  /** Bytes after the usable part that are an interrupted append (ignored), when there is no damage. */
  tornBytes: number;
  /** Damage: the file must be moved aside; `lines` are the usable lines before it. */
  damage?: { problem: FileProblem; detail: string };
}

const LINE_KEYS = new Set(['seq', 'put', 'remove']);
const NEWLINE = 0x0a;

/** Read and check a journal. Never throws for the file's content (see `damage`); never modifies it. */
export async function readJournal(file: string): Promise<JournalRead> {
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(file);
  } catch (error) {
    if (!(error instanceof AnnotationFileError)) throw error;
    if (error.problem === 'missing') return { exists: false, lines: [], validBytes: 0, tornBytes: 0 };
    const damage = { problem: error.problem, detail: error.message };
    return { exists: true, lines: [], validBytes: 0, tornBytes: 0, damage };
  }
  const lines: JournalLine[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) break; // no "\n": an interrupted append
    const raw = bytes.subarray(start, end + 1);
    const isLast = end + 1 === bytes.length;
    const previous = lines.at(-1)?.seq;
    let value: unknown;
    try {
      if (!isUtf8(raw)) throw new AnnotationFileError('invalid-encoding', 'not UTF-8 text');
      value = JSON.parse(raw.toString('utf8', 0, raw.length - 1));
    } catch (error) {
      if (isLast) break; // an interrupted append that happened to end in "\n"
      const problem = error instanceof AnnotationFileError ? error.problem : 'invalid-json';
      const what = problem === 'invalid-encoding' ? 'UTF-8 text' : 'valid JSON';
      return damaged(lines, start, problem, `line ${lines.length + 1} is not ${what}`);
    }
    try {
      lines.push({ ...parseLine(value, previous), raw: Buffer.from(raw) });
    } catch (error) {
      const problem = error instanceof AnnotationFileError ? error.problem : 'invalid-data';
      return damaged(lines, start, problem, `line ${lines.length + 1}: ${(error as Error).message}`);
    }
    start = end + 1;
  }
  return { exists: true, lines, validBytes: start, tornBytes: bytes.length - start };
}

function damaged(
  lines: JournalLine[],
  validBytes: number,
  problem: FileProblem,
  detail: string,
): JournalRead {
  return { exists: true, lines, validBytes, tornBytes: 0, damage: { problem, detail } };
}

/** A parsed line as a commit; throws AnnotationFileError when it is not one. */
function parseLine(value: unknown, previous: number | undefined): Omit<JournalLine, 'raw'> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AnnotationFileError('invalid-data', 'not a commit');
  const line = value as Record<string, unknown>;
  for (const key of Object.keys(line)) {
    if (!LINE_KEYS.has(key))
      throw new AnnotationFileError('unknown-schema', `unknown key "${key.slice(0, 40)}"`);
  }
  const { seq, put = [], remove = [] } = line;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1)
    throw new AnnotationFileError('invalid-data', 'no valid "seq"');
  if (previous !== undefined && seq !== previous + 1)
    throw new AnnotationFileError('invalid-data', `"seq" ${seq} follows ${previous}`);
  if (!Array.isArray(put) || !Array.isArray(remove))
    throw new AnnotationFileError('invalid-data', '"put" and "remove" must be lists');
  const changes: Changes = new Map();
  for (const id of remove) {
    if (typeof id !== 'string' || id.length === 0 || id.length > 2048)
      throw new AnnotationFileError('invalid-data', 'an invalid id in "remove"');
    changes.set(id, null);
  }
  for (const item of put) {
    let annotation: Annotation;
    try {
      annotation = isCanonicalAnnotation(item) ? item : validateAnnotation(item);
    } catch (error) {
      throw asFileError(error);
    }
    if (changes.has(annotation.id)) throw new AnnotationFileError('invalid-data', 'an id twice in one line');
    changes.set(annotation.id, annotation);
  }
  return { seq: seq as number, changes };
}

/** The lines to replay over a file that holds the lines up to `checkpoint` (0: none). */
export function linesAfter(lines: readonly JournalLine[], checkpoint: number): JournalLine[] {
  return lines.filter((l) => l.seq > checkpoint);
}

/** The line for a commit: items from their cached JSON, so only what changed is serialised. */
export function encodeLine(seq: number, changes: Changes): Buffer {
  const put: string[] = [];
  const remove: string[] = [];
  for (const [id, item] of changes) {
    if (item) put.push(jsonOf(item));
    else remove.push(JSON.stringify(id));
  }
  let text = `{"seq":${seq}`;
  if (put.length > 0) text += `,"put":[${put.join(',')}]`;
  if (remove.length > 0) text += `,"remove":[${remove.join(',')}]`;
  return Buffer.from(`${text}}\n`, 'utf8');
}

/**
 * Appends to and trims the journal. Not safe for concurrent use: the store runs every call on one
 * serial chain. Keeps the lines written since the journal was last emptied (a few MB at most), to
 * rewrite it without the lines a compaction has made redundant.
 */
export class JournalWriter {
  private lines: { seq: number; raw: Buffer }[];
  private size: number;
  private last: number;
  /** The file exists and its folder entry is durable. */
  private present: boolean;
  /** An append failed: the file may end in a partial line, so it must be rewritten before appending again. */
  broken = false;

  constructor(
    readonly file: string,
    read: Pick<JournalRead, 'lines' | 'exists'>,
    /**
     * The checkpoint of the annotations file loaded with it: new lines are numbered after it (and
     * after the journal's own lines), so that no line is ever taken for one the file holds. The
     * journal must not end at or before it (openFolder drops such lines first).
     */
    checkpoint = 0,
  ) {
    this.lines = read.lines.map(({ seq, raw }) => ({ seq, raw }));
    this.size = this.lines.reduce((n, l) => n + l.raw.length, 0);
    this.last = Math.max(this.lines.at(-1)?.seq ?? 0, checkpoint);
    this.present = read.exists;
  }

  /** Lines in the file. */
  get count(): number {
    return this.lines.length;
  }

  get bytes(): number {
    return this.size;
  }

  /** The seq of the last line written (0 before the first). */
  get lastSeq(): number {
    return this.last;
  }

  /** The line of the next commit (its seq is lastSeq + 1); pass it to `append`. */
  nextLine(changes: Changes): Buffer {
    return encodeLine(this.last + 1, changes);
  }

  /** Append the line from `nextLine` and make it durable. On failure nothing counts as written. */
  async append(raw: Buffer): Promise<void> {
    /** The file's length before this line: what a failed append is cut back to. */
    let before: number | undefined;
    try {
      const handle = await open(this.file, 'a');
      try {
        before = (await handle.stat()).size;
        for (let written = 0; written < raw.length; ) {
          written += (await handle.write(raw, written, raw.length - written)).bytesWritten;
        }
        await handle.datasync();
      } finally {
        await handle.close();
      }
      if (!this.present) {
        // A new file: its folder entry must be durable too before the line counts as written.
        await fsyncDir(path.dirname(this.file));
        this.present = true;
      }
    } catch (error) {
      // The line may have reached the file (written, then the sync failed): cut it off, so that
      // a change reported as failed is never replayed. If that fails too, the journal is
      // rewritten before the next append.
      if (before === undefined) this.broken = true;
      else
        await this.truncate(before).catch(() => {
          // The line may stay in the file: its seq is used up, so that the next checkpoint
          // covers it and it is never replayed.
          this.last++;
          this.broken = true;
        });
      throw error;
    }
    this.last++;
    this.lines.push({ seq: this.last, raw });
    this.size += raw.length;
  }

  /**
   * Remove the lines up to `seq` (annotations.json now holds their changes): the journal is
   * rewritten with the later lines (temporary file, fsync, rename) or deleted when none are left.
   * A crash leaves either the old journal or the new one; both replay to the same result.
   */
  async dropThrough(seq: number): Promise<void> {
    const keep = this.lines.filter((l) => l.seq > seq);
    if (keep.length === this.lines.length && !this.broken) return;
    const dir = path.dirname(this.file);
    if (keep.length === 0) {
      try {
        await unlink(this.file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    } else {
      const temp = tempName(this.file);
      try {
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(Buffer.concat(keep.map((l) => l.raw)));
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, this.file);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    }
    // The file is the new one now. Until its folder entry is durable, the next append makes it so.
    this.lines = keep;
    this.size = keep.reduce((n, l) => n + l.raw.length, 0);
    this.broken = false;
    this.present = false;
    await fsyncDir(dir);
    this.present = keep.length > 0;
  }

  /** Cut an interrupted append off the end of the file (before appending after it). */
  async truncate(validBytes: number): Promise<void> {
    const handle = await open(this.file, 'r+');
    try {
      await handle.truncate(validBytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
