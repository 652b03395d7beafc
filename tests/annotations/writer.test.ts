import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { ANNOTATIONS_FILE, BACKUP_FILE, JOURNAL_FILE } from '../../main/annotations/disk.js';
import { JournalWriter } from '../../main/annotations/journal.js';
import { readStoreFolder } from '../../main/annotations/loader.js';
import { type Annotation, newAnnotation, noteOf, patchAnnotation } from '../../main/annotations/model.js';
import { applyChanges, emptyState } from '../../main/annotations/state.js';
import { StoreWriter } from '../../main/annotations/writer.js';

// The writer's commits and compactions against real files, driven step by step (the store's
// tests go through AnnotationStore; this one needs a compaction at a chosen moment).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-writer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const input = (note: string) => ({
  target: { source: 'report', selector: [{ type: 'TextQuoteSelector' as const, exact: `服务贸易 ${note}` }] },
  note,
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('rewrites annotations.json at the next commit when a compaction took a change then undone', async () => {
  const dir = mkdtempSync(path.join(tmp, 'undone-'));
  const file = path.join(dir, ANNOTATIONS_FILE);
  const journalFile = path.join(dir, JOURNAL_FILE);
  const state = emptyState();
  const writer = new StoreWriter(
    { file, backupFile: path.join(dir, BACKUP_FILE), compactAfterLines: 1000, compactAfterBytes: 1 << 21 },
    () => state,
    new JournalWriter(journalFile, { lines: [], exists: false }),
    false,
    (id, item) => applyChanges(state, new Map([[id, item]])),
  );
  const put = (a: Annotation) => {
    const before = state.items.get(a.id) ?? null;
    applyChanges(state, new Map([[a.id, a]]));
    writer.record(a.id, a, before);
  };
  const a = newAnnotation(input('v1'));
  put(a);
  await writer.commit();

  // The next save's append waits in its sync, and then fails; a compaction runs meanwhile.
  const probe = await open(journalFile, 'r');
  const handles = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  let reached!: () => void;
  let release!: () => void;
  const inSync = new Promise<void>((resolve) => (reached = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const sync = vi.spyOn(handles, 'datasync').mockImplementationOnce(async () => {
    reached();
    await gate;
    throw new Error('EIO');
  });
  try {
    put(patchAnnotation(a, { note: 'v2, failed' }));
    const failed = writer.commit();
    await inSync;
    writer.compactInBackground();
    await until(() => existsSync(file) && readFileSync(file, 'utf8').includes('v2, failed'));
    release();
    await expect(failed).rejects.toThrow('EIO');
  } finally {
    sync.mockRestore();
  }
  expect(noteOf(state.items.get(a.id) as Annotation)).toBe('v1');
  // The compaction's trim follows the failed commit.
  await until(() => !existsSync(journalFile));
  // The next commit (another annotation) puts annotations.json back as memory is: after a crash
  // then, the failed change is not there.
  put(newAnnotation(input('b')));
  await writer.commit();
  const stored = await readStoreFolder(dir);
  expect(stored.collection.items.map(noteOf).sort()).toEqual(['b', 'v1']);
});
