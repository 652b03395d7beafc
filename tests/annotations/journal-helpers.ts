import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { noteOf } from '../../main/annotations/model.js';
import { AnnotationStore, type AnnotationStoreOptions } from '../../main/annotations/store.js';

// Shared by the journal's tests (journal.test.ts: saving; journal-loading.test.ts: loading).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-journal-'));

/** Remove the folders made here (call from afterAll). */
export function removeFolders(): void {
  rmSync(tmp, { recursive: true, force: true });
}

export const NOW = new Date('2024-05-01T12:00:00.000Z');
export const STAMP = '2024-05-01T12-00-00-000Z';
let n = 0;
export function freshDir(): string {
  const dir = path.join(tmp, `j${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
export const open = (dir: string, options: AnnotationStoreOptions = {}) =>
  new AnnotationStore(dir, { now: () => NOW, ...options });
export const input = (note: string) => ({
  target: { source: 'report', selector: [{ type: 'TextQuoteSelector' as const, exact: `服务贸易 ${note}` }] },
  note,
});
export const file = (dir: string, name: string) => path.join(dir, name);
export const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
export const journalLines = (dir: string) =>
  readFileSync(file(dir, 'annotations.journal'), 'utf8').split('\n').filter(Boolean);

/** A folder holding annotations.json with `base` notes and a journal of `journaled` more (no flush). */
export async function folderWithJournal(base: string[], journaled: string[]): Promise<string> {
  const dir = freshDir();
  const store = open(dir);
  for (const note of base) await store.create(input(note));
  await store.flush();
  for (const note of journaled) await store.create(input(note));
  return dir;
}

export async function notes(store: AnnotationStore): Promise<string[]> {
  return (await store.list()).map(noteOf);
}

export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
