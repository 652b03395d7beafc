import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readCollectionFile, serializeCollection } from '../../main/annotations/codec.js';
import { type Annotation, JOURNAL_CHECKPOINT, newAnnotation, noteOf } from '../../main/annotations/model.js';
import { readStoreFolder } from '../../main/annotations/store.js';
import {
  file,
  folderWithJournal,
  freshDir,
  input,
  journalLines,
  notes,
  open,
  removeFolders,
  sha,
  until,
} from './journal-helpers.js';

// The journal (annotations.journal), saving: saves append one line each and leave
// annotations.json alone; compaction folds the journal in; failed commits are undone.

afterAll(removeFolders);

describe('saving through the journal', () => {
  it('appends one line per save and leaves annotations.json untouched until compaction', async () => {
    const dir = await folderWithJournal(['a'], []);
    const before = sha(file(dir, 'annotations.json'));
    const store = open(dir);
    const b = await store.create(input('b'));
    await store.update(b.id, { note: 'b2' });
    await store.remove((await store.list())[0]?.id as string);
    expect(sha(file(dir, 'annotations.json'))).toBe(before);
    const lines = journalLines(dir).map((l) => JSON.parse(l));
    // Numbered after the last line annotations.json holds (its checkpoint: the line that made a).
    expect(lines.map((l) => l.seq)).toEqual([2, 3, 4]);
    expect(lines[0].put[0].id).toBe(b.id);
    expect(lines[1].put[0].body[0].value).toBe('b2');
    expect(Object.keys(lines[2])).toEqual(['seq', 'remove']);
    // Every acknowledged change is on disk: annotations.json plus the journal.
    expect((await readStoreFolder(dir)).collection.items.map(noteOf)).toEqual(['b2']);
    await store.flush();
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    expect((await readCollectionFile(file(dir, 'annotations.json'))).collection.items.map(noteOf)).toEqual([
      'b2',
    ]);
  });

  it('writes annotations.json exactly as serializeCollection would (in several chunks)', async () => {
    const dir = freshDir();
    const store = open(dir);
    const items = Array.from({ length: 1234 }, (_, i) => newAnnotation(input(`item ${i} 𠮷`)));
    await store.importCollection({ items });
    await store.remove(items[600]?.id as string);
    await store.flush();
    const text = readFileSync(file(dir, 'annotations.json'), 'utf8');
    const { items: held, ...head } = await store.collection();
    // With its checkpoint: it holds the journal's two lines (the import, the removal).
    const checkpoint = JSON.parse(text)[JOURNAL_CHECKPOINT];
    expect(checkpoint).toBe(2);
    expect(text).toBe(serializeCollection({ ...head, [JOURNAL_CHECKPOINT]: checkpoint, items: held }));
    expect(JSON.parse(text).items).toHaveLength(1233);
  });

  it('compacts in the background once the journal reaches the threshold', async () => {
    const dir = freshDir();
    const store = open(dir, { compactAfterLines: 3 });
    for (const note of ['a', 'b']) await store.create(input(note));
    expect(journalLines(dir)).toHaveLength(2);
    expect(existsSync(file(dir, 'annotations.json'))).toBe(false);
    await store.create(input('c'));
    await until(() => !existsSync(file(dir, 'annotations.journal')));
    expect((await readCollectionFile(file(dir, 'annotations.json'))).collection.items).toHaveLength(3);
    await store.create(input('d'));
    expect(journalLines(dir)).toHaveLength(1);
    expect(JSON.parse(journalLines(dir)[0] as string).seq).toBe(4);
  });

  it('compacts by size too', async () => {
    const dir = freshDir();
    const store = open(dir, { compactAfterBytes: 2000 });
    await store.create(input('x'.repeat(600)));
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(true);
    await store.create(input('y'.repeat(600)));
    await until(() => !existsSync(file(dir, 'annotations.journal')));
    expect((await readStoreFolder(dir)).collection.items).toHaveLength(2);
  });

  it('writes a commit larger than the threshold straight into annotations.json', async () => {
    const dir = freshDir();
    const store = open(dir, { compactAfterBytes: 10_000 });
    const items = Array.from({ length: 100 }, (_, i) => newAnnotation(input(`imported ${i}`)));
    expect(await store.importCollection({ items })).toMatchObject({ added: 100 });
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    expect((await readCollectionFile(file(dir, 'annotations.json'))).collection.items).toHaveLength(100);
  });

  it('loses nothing among parallel saves while compactions run', async () => {
    const dir = freshDir();
    const store = open(dir, { compactAfterLines: 4 });
    const created = await Promise.all(Array.from({ length: 300 }, (_, i) => store.create(input(`n${i}`))));
    await Promise.all(
      created.flatMap((a, i) =>
        i % 3 === 0 ? [store.remove(a.id)] : i % 2 === 0 ? [store.update(a.id, { note: `e${i}` })] : [],
      ),
    );
    // Everything acknowledged is on disk before flush()…
    const expected = created.flatMap((_, i) => (i % 3 === 0 ? [] : [i % 2 === 0 ? `e${i}` : `n${i}`]));
    expect((await readStoreFolder(dir)).collection.items.map(noteOf).sort()).toEqual([...expected].sort());
    // …and after it, in annotations.json alone.
    await store.flush();
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    const { collection } = await readCollectionFile(file(dir, 'annotations.json'));
    expect(collection.items.map(noteOf).sort()).toEqual([...expected].sort());
  });

  it('undoes in memory a change whose commit failed, and repairs the journal', async () => {
    const dir = await folderWithJournal(['a', 'b'], []);
    const store = open(dir);
    const [a, b] = (await store.load()).collection.items as [Annotation, Annotation];
    // A directory where the journal should be: appending fails.
    mkdirSync(file(dir, 'annotations.journal'));
    await expect(store.create(input('new'))).rejects.toThrow();
    // The journal may now end in a failed append, so commits go to annotations.json: make that a
    // directory too, and they fail as well.
    rmSync(file(dir, 'annotations.json'));
    mkdirSync(file(dir, 'annotations.json'));
    await expect(store.remove(a.id)).rejects.toThrow();
    // Two edits of one annotation sharing the failed commit, or each in its own.
    const edits = await Promise.allSettled([
      store.update(b.id, { note: 'b2' }),
      store.update(b.id, { color: 'pink' }),
    ]);
    expect(edits.map((e) => e.status)).toEqual(['rejected', 'rejected']);
    // Reported as failed, so undone: no new note, a kept, b as it was. (a comes back last: the
    // order of items in the store is not theirs in the text, as with restore.)
    expect((await notes(store)).sort()).toEqual(['a', 'b']);
    expect(await store.get(a.id)).toEqual(a);
    expect(await store.get(b.id)).toEqual(b);
    rmSync(file(dir, 'annotations.journal'), { recursive: true });
    rmSync(file(dir, 'annotations.json'), { recursive: true });
    // A retry saves once (the failed create is not written behind the user's back).
    await store.create(input('new'));
    expect((await readStoreFolder(dir)).collection.items.map(noteOf).sort()).toEqual(['a', 'b', 'new']);
    await store.flush();
    expect((await notes(open(dir))).sort()).toEqual(['a', 'b', 'new']);
  });

  it('cuts off a line whose append failed after it was written, so that it is never replayed', async () => {
    const dir = await folderWithJournal(['a'], []);
    const store = open(dir);
    const [a] = (await store.load()).collection.items as [Annotation];
    await store.update(a.id, { note: 'a1' });
    // The line is written, then the sync fails (an I/O error): the save is reported as failed.
    const probe = await openFile(file(dir, 'annotations.journal'), 'r');
    const handles = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const sync = vi.spyOn(handles, 'datasync').mockRejectedValueOnce(new Error('EIO'));
    try {
      await expect(store.update(a.id, { note: 'failed' })).rejects.toThrow('EIO');
    } finally {
      sync.mockRestore();
    }
    expect(noteOf((await store.get(a.id)) as Annotation)).toBe('a1');
    expect(journalLines(dir).join('\n')).not.toContain('failed');
    // The next commit rewrites annotations.json from memory (a compaction might have written the
    // failed change into it), and the journal goes on after its checkpoint.
    await store.update(a.id, { note: 'a2' });
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    await store.update(a.id, { note: 'a3' });
    expect(journalLines(dir).map((l) => JSON.parse(l).seq)).toEqual([3]);
    expect(noteOf((await open(dir).get(a.id)) as Annotation)).toBe('a3');
  });

  it('never replays a failed line that could not be cut off', async () => {
    const dir = await folderWithJournal(['a'], []);
    const store = open(dir);
    const [a] = (await store.load()).collection.items as [Annotation];
    const probe = await openFile(file(dir, 'annotations.json'), 'r');
    const handles = Object.getPrototypeOf(probe) as {
      datasync: () => Promise<void>;
      truncate: (length?: number) => Promise<void>;
    };
    await probe.close();
    const sync = vi.spyOn(handles, 'datasync').mockRejectedValueOnce(new Error('EIO'));
    const cut = vi.spyOn(handles, 'truncate').mockRejectedValueOnce(new Error('EIO'));
    try {
      await expect(store.update(a.id, { note: 'failed' })).rejects.toThrow('EIO');
    } finally {
      sync.mockRestore();
      cut.mockRestore();
    }
    // The failed line is still in the journal; a crash would find it there.
    const journal = readFileSync(file(dir, 'annotations.journal'));
    expect(journal.toString()).toContain('failed');
    await store.update(a.id, { note: 'saved' });
    writeFileSync(file(dir, 'annotations.journal'), journal);
    expect(noteOf((await open(dir).get(a.id)) as Annotation)).toBe('saved');
  });

  it('creates once, again after the one found was in a commit that failed', async () => {
    const dir = await folderWithJournal(['a'], []);
    const store = open(dir);
    await store.load();
    mkdirSync(file(dir, 'annotations.journal'));
    const isNew = (x: Annotation) => noteOf(x) === 'once';
    // The second call finds the first one's annotation, whose commit then fails and is undone.
    const [first, second] = await Promise.allSettled([
      store.createOnce(input('once'), isNew),
      store.createOnce(input('once'), isNew),
    ]);
    expect(first.status).toBe('rejected');
    // It looked again and created its own (written into annotations.json, since the journal may
    // end in a failed append): never a success for an annotation that is not there.
    if (second.status !== 'fulfilled') throw new Error('the second call failed');
    expect(await store.get(second.value.id)).toBe(second.value);
    expect(await notes(store)).toEqual(['a', 'once']);
    rmSync(file(dir, 'annotations.journal'), { recursive: true });
    expect(await store.createOnce(input('once'), isNew)).toBe(second.value);
    await store.flush();
    expect(await notes(open(dir))).toEqual(['a', 'once']);
  });

  it('counts a commit written into annotations.json as saved, even when the journal cannot be trimmed', async () => {
    const dir = await folderWithJournal(['a', 'b'], []);
    const store = open(dir);
    const [a] = (await store.load()).collection.items as [Annotation, Annotation];
    mkdirSync(file(dir, 'annotations.journal'));
    await expect(store.create(input('failed'))).rejects.toThrow();
    // Written into annotations.json (the journal may end in a failed append); its trim fails.
    await store.remove(a.id);
    expect(await notes(store)).toEqual(['b']);
    expect((await readCollectionFile(file(dir, 'annotations.json'))).collection.items.map(noteOf)).toEqual([
      'b',
    ]);
    rmSync(file(dir, 'annotations.journal'), { recursive: true });
    await store.create(input('c'));
    await store.flush();
    expect(await notes(open(dir))).toEqual(['b', 'c']);
  });
});
