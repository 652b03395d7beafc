import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCollectionFile, serializeCollection } from '../../main/annotations/codec.js';
import { readJournal } from '../../main/annotations/journal.js';
import {
  type Annotation,
  emptyCollection,
  JOURNAL_CHECKPOINT,
  newAnnotation,
  noteOf,
  patchAnnotation,
  SCHEMA_VERSION,
} from '../../main/annotations/model.js';
import { openFolder } from '../../main/annotations/open-folder.js';
import { readStoreFolder, recoveryMessage } from '../../main/annotations/store.js';
import { exportJson } from '../../main/export/json.js';
import {
  file,
  folderWithJournal,
  freshDir,
  input,
  journalLines,
  NOW,
  notes,
  open,
  removeFolders,
  STAMP,
  sha,
} from './journal-helpers.js';

// The journal (annotations.journal), loading: replayed after annotations.json's checkpoint, an
// interrupted last append ignored, a damaged journal kept aside without losing what came before
// the damage.

afterAll(removeFolders);

describe('loading with a journal', () => {
  it('replays the journal and folds it into annotations.json in the background', async () => {
    const dir = await folderWithJournal(['a', 'b'], ['c', 'd']);
    const store = open(dir);
    const { collection, recovered } = await store.load();
    expect(recovered).toBeUndefined();
    expect(collection.items.map(noteOf)).toEqual(['a', 'b', 'c', 'd']);
    // Loaded without waiting for the fold.
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(true);
    await store.flush();
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    expect((await readCollectionFile(file(dir, 'annotations.json'))).collection.items).toHaveLength(4);
    // The backup is the version before the journal was folded in.
    expect((await readCollectionFile(file(dir, 'annotations.backup.json'))).collection.items).toHaveLength(2);
  });

  it('saves while the journal is folded in', async () => {
    const dir = await folderWithJournal(['a'], ['b']);
    const store = open(dir);
    await store.load();
    const saved = await Promise.all([store.create(input('c')), store.create(input('d'))]);
    await store.update((saved[0] as Annotation).id, { note: 'c2' });
    await store.flush();
    expect(await notes(open(dir))).toEqual(['a', 'b', 'c2', 'd']);
  });

  it('does not replay the lines annotations.json holds over a commit written straight into it', async () => {
    const dir = freshDir();
    // Commits over 3 KB go straight into annotations.json, in no journal line.
    const store = open(dir, { compactAfterBytes: 3000 });
    const x = await store.create(input('x'));
    await store.update(x.id, { note: 'x1' });
    const journal = readFileSync(file(dir, 'annotations.journal'));
    // An import that edits x again, with enough notes to be written straight into annotations.json.
    const x2 = patchAnnotation(
      (await store.get(x.id)) as Annotation,
      { note: 'x2' },
      new Date(NOW.getTime() + 60_000),
    );
    const others = Array.from({ length: 12 }, (_, i) => newAnnotation(input(`other ${i}`)));
    await store.importCollection({ items: [x2, ...others] });
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    // As if the process had died after annotations.json was replaced but before the journal was
    // trimmed: the lines that set x to x and x1 are still there.
    writeFileSync(file(dir, 'annotations.journal'), journal);
    const reopened = open(dir);
    expect(noteOf((await reopened.get(x.id)) as Annotation)).toBe('x2');
    expect((await reopened.list()).length).toBe(13);
    // The store's checkpoint stays in the store: an export does not carry it.
    const collection = await reopened.collection();
    expect(collection[JOURNAL_CHECKPOINT]).toBe(2);
    expect(exportJson(collection.items, collection)).not.toContain(JOURNAL_CHECKPOINT);
    // The lines it holds were dropped at opening; new lines are numbered after it, and replayed.
    await reopened.update(x.id, { note: 'x3' });
    expect(journalLines(dir).map((l) => JSON.parse(l).seq)).toEqual([3]);
    expect(noteOf((await open(dir).get(x.id)) as Annotation)).toBe('x3');
  });

  it('reads a version 1 file, written before checkpoints, with its journal replayed whole', async () => {
    const dir = freshDir();
    const a = newAnnotation(input('a'));
    // Version 1 had no checkpoint (one found in such a file was not written by this store).
    const v1 = { ...emptyCollection(), schemaVersion: 1, [JOURNAL_CHECKPOINT]: 9, items: [a] };
    writeFileSync(file(dir, 'annotations.json'), serializeCollection(v1));
    const line = (note: string, seq: number) =>
      `${JSON.stringify({ seq, put: [newAnnotation(input(note))] })}\n`;
    writeFileSync(file(dir, 'annotations.journal'), line('b', 1) + line('c', 2));
    expect((await readStoreFolder(dir)).journalLines).toBe(2);
    const store = open(dir);
    expect((await notes(store)).sort()).toEqual(['a', 'b', 'c']);
    await store.flush();
    const written = JSON.parse(readFileSync(file(dir, 'annotations.json'), 'utf8'));
    expect([written.schemaVersion, written[JOURNAL_CHECKPOINT]]).toEqual([SCHEMA_VERSION, 2]);
  });

  it('numbers a journal begun after a restart past the checkpoint, so a repeated line is not skipped', async () => {
    const dir = freshDir();
    const first = open(dir);
    const a = await first.create(input('a'));
    const removed = (await first.remove(a.id)) as Annotation;
    await first.restore(removed);
    await first.flush();
    // Next session: the same removal and undo make lines identical to the first session's.
    const second = open(dir);
    await second.create(input('c'));
    await second.restore((await second.remove(a.id)) as Annotation);
    expect(journalLines(dir).map((l) => JSON.parse(l).seq)).toEqual([4, 5, 6]);
    // The process dies: the next start has every acknowledged change.
    expect((await notes(open(dir))).sort()).toEqual(['a', 'c']);
  });

  it('skips the lines the file holds when damage cut short a journal whose trim was interrupted', async () => {
    const dir = freshDir();
    const store = open(dir);
    const v = await store.create(input('v0'));
    for (const note of ['v1', 'v2', 'v3']) await store.update(v.id, { note });
    const journal = readFileSync(file(dir, 'annotations.journal'));
    await store.flush();
    // The trim was interrupted, then the journal was damaged in its third line.
    const lines = journal.toString().split('\n').filter(Boolean);
    writeFileSync(file(dir, 'annotations.journal'), `${lines[0]}\n${lines[1]}\nnot json\n${lines[3]}\n`);
    // Opening keeps only the lines after the checkpoint (none), even if what follows fails.
    const opened = await openFolder(dir, NOW);
    expect(opened.journal.lastSeq).toBe(4);
    expect(existsSync(file(dir, 'annotations.journal'))).toBe(false);
    const reopened = open(dir);
    const { collection, recovered } = await reopened.load();
    expect(recovered).toBeUndefined();
    expect(collection.items.map(noteOf)).toEqual(['v3']);
    // The lines it kept are ones the file holds: gone, and the next line comes after them.
    await reopened.update(v.id, { note: 'v4' });
    expect(journalLines(dir).map((l) => JSON.parse(l).seq)).toEqual([5]);
    expect(await notes(open(dir))).toEqual(['v4']);
  });

  it('renames a journal that is not a regular file aside, without hanging', async () => {
    const dir = await folderWithJournal(['a'], []);
    execFileSync('mkfifo', [file(dir, 'annotations.journal')]);
    const store = open(dir);
    const { collection, recovered } = await store.load();
    expect(recovered).toMatchObject({
      reason: 'unreadable',
      restoredFrom: 'partial-journal',
      readOnly: false,
    });
    expect(lstatSync(recovered?.movedTo as string).isFIFO()).toBe(true);
    expect(collection.items.map(noteOf)).toEqual(['a']);
    await store.create(input('b'));
    expect(await notes(open(dir))).toEqual(['a', 'b']);
  });

  it('replays lines annotations.json already holds (compaction interrupted before the trim)', async () => {
    const dir = freshDir();
    const store = open(dir);
    await store.create(input('a'));
    await store.flush();
    const b = await store.create(input('b'));
    await store.create(input('c'));
    await store.update(b.id, { note: 'b2' });
    const journal = readFileSync(file(dir, 'annotations.journal'));
    expect(journal.toString().split('\n').filter(Boolean)).toHaveLength(3);
    await store.flush();
    // As if the process died after annotations.json was replaced but before the journal was trimmed.
    writeFileSync(file(dir, 'annotations.journal'), journal);
    expect(await notes(open(dir))).toEqual(['a', 'b2', 'c']);
  });

  const line = `${JSON.stringify({ seq: 2, put: [newAnnotation(input('torn'))] })}\n`;
  it.each([
    ['cut short', Buffer.from(line.slice(0, 40))],
    ['zero-filled', Buffer.alloc(line.length)],
    ['garbage ending in a newline', Buffer.concat([Buffer.alloc(line.length - 10), Buffer.from('"}]}\n')])],
    ['cut inside a character', Buffer.from(line).subarray(0, Buffer.from(line).indexOf('服') + 1)],
    ['complete but without its newline', Buffer.from(line.slice(0, -1))],
  ])('ignores an interrupted last append (%s)', async (_name, torn) => {
    const dir = await folderWithJournal(['a'], ['b']);
    appendFileSync(file(dir, 'annotations.journal'), torn);
    expect((await readStoreFolder(dir)).tornBytes).toBe(torn.length);
    const store = open(dir);
    const { collection, recovered } = await store.load();
    expect(recovered).toBeUndefined();
    expect(collection.items.map(noteOf)).toEqual(['a', 'b']);
    // Saves go on after it: the torn bytes were cut off, not appended after.
    await store.create(input('c'));
    expect(journalLines(dir).every((l) => JSON.parse(l))).toBe(true);
    expect(await notes(open(dir))).toEqual(['a', 'b', 'c']);
  });

  it('replays the journal over the backup when annotations.json is missing', async () => {
    const dir = await folderWithJournal(['a'], ['b']);
    rmSync(file(dir, 'annotations.json'));
    writeFileSync(file(dir, 'annotations.backup.json'), serializeCollection(emptyCollection()));
    // annotations.json gone: the backup (empty) plus the journal (b).
    expect(await notes(open(dir))).toEqual(['b']);
  });
});

const DAMAGE: [string, (lines: string[]) => string[], string][] = [
  [
    'a line that is not JSON',
    (l) => [l[0] as string, '{"seq":2,"put":[{"id"', l[1] as string],
    'invalid-json',
  ],
  ['a blank line', (l) => [l[0] as string, '', l[1] as string], 'invalid-json'],
  [
    'a gap in seq',
    (l) => [l[0] as string, (l[1] as string).replace(/"seq":\d+/, '"seq":99')],
    'invalid-data',
  ],
  [
    'an unknown key',
    (l) => [l[0] as string, (l[1] as string).replace(/^\{/, '{"op":"x",')],
    'unknown-schema',
  ],
  [
    'an invalid annotation',
    (l) => [l[0] as string, (l[1] as string).replace('"Annotation"', '"Nonsense"')],
    'invalid-data',
  ],
  [
    'a __proto__ key',
    (l) => [l[0] as string, (l[1] as string).replace('{"id"', '{"__proto__":{"polluted":true},"id"')],
    'unsafe-keys',
  ],
];

describe('a damaged journal', () => {
  it.each(DAMAGE)('%s: moved aside untouched, the changes before it kept', async (_name, damage, reason) => {
    const dir = await folderWithJournal(['a'], ['b', 'c']);
    const lines = journalLines(dir);
    writeFileSync(file(dir, 'annotations.journal'), `${damage(lines).join('\n')}\n`);
    const before = sha(file(dir, 'annotations.journal'));
    await expect(readStoreFolder(dir)).rejects.toMatchObject({ problem: reason });
    const store = open(dir);
    const { collection, recovered } = await store.load();
    expect(recovered).toMatchObject({
      reason,
      restoredFrom: 'partial-journal',
      movedTo: file(dir, `annotations.journal.corrupt-${STAMP}.jsonl`),
      readOnly: false,
    });
    expect(sha(recovered?.movedTo as string)).toBe(before);
    // The line before the damage is kept (b); what follows it is not guessed at.
    expect(collection.items.map(noteOf)).toEqual(['a', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const message = recoveryMessage(recovered as NonNullable<typeof recovered>, 'en');
    expect(message).toMatch(/annotations\.journal/);
    expect(message).toMatch(/restored up to the last change before the damage/);
    expect(recoveryMessage(recovered as NonNullable<typeof recovered>, 'zh')).toMatch(/损坏之前/);
    // What was kept is in annotations.json at once; the store works on.
    expect((await readCollectionFile(file(dir, 'annotations.json'))).collection.items).toHaveLength(2);
    await store.create(input('d'));
    expect(await notes(open(dir))).toEqual(['a', 'b', 'd']);
    expect(sha(recovered?.movedTo as string)).toBe(before);
  });

  it('keeps the lines before the damage in the journal until annotations.json holds them', async () => {
    const dir = await folderWithJournal(['a'], ['b', 'c']);
    const lines = journalLines(dir);
    writeFileSync(file(dir, 'annotations.journal'), `${lines[0]}\nnot json\n${lines[1]}\n`);
    // Opened, and the process dies before the compaction that follows.
    const opened = await openFolder(dir, NOW);
    expect(opened.recovered?.restoredFrom).toBe('partial-journal');
    expect(journalLines(dir)).toEqual([lines[0]]);
    // The next start has b (the line before the damage), and no damage to report.
    const reopened = open(dir);
    const { collection, recovered } = await reopened.load();
    expect(recovered).toBeUndefined();
    expect(collection.items.map(noteOf)).toEqual(['a', 'b']);
    await reopened.create(input('d'));
    expect(await notes(open(dir))).toEqual(['a', 'b', 'd']);
  });

  it('moves a journal over 20 MB aside', async () => {
    const dir = await folderWithJournal(['a'], []);
    const line = `${JSON.stringify({ seq: 1, put: [newAnnotation(input('x'.repeat(100_000)))] })}\n`;
    writeFileSync(file(dir, 'annotations.journal'), line.repeat(Math.ceil((21 * 1024 * 1024) / line.length)));
    const size = statSync(file(dir, 'annotations.journal')).size;
    const { collection, recovered } = await open(dir).load();
    expect(recovered).toMatchObject({ reason: 'too-large', restoredFrom: 'partial-journal' });
    expect(statSync(recovered?.movedTo as string).size).toBe(size);
    expect(collection.items.map(noteOf)).toEqual(['a']);
  });

  it('reports both when annotations.json and the journal are damaged', async () => {
    const dir = await folderWithJournal(['a'], ['b', 'c']);
    writeFileSync(file(dir, 'annotations.backup.json'), serializeCollection(emptyCollection()));
    writeFileSync(file(dir, 'annotations.json'), '{"broken": ');
    const lines = journalLines(dir);
    writeFileSync(file(dir, 'annotations.journal'), `${lines[0]}\nnot json\n${lines[1]}\n`);
    const { collection, recovered } = await open(dir).load();
    expect(recovered).toMatchObject({
      reason: 'invalid-json',
      restoredFrom: 'backup',
      movedTo: file(dir, `annotations.corrupt-${STAMP}.json`),
      journalMovedTo: file(dir, `annotations.journal.corrupt-${STAMP}.jsonl`),
    });
    expect(recoveryMessage(recovered as NonNullable<typeof recovered>)).toMatch(/damaged too/);
    // The backup (empty) plus the journal's first line.
    expect(collection.items.map(noteOf)).toEqual(['b']);
  });

  it('is read by readJournal without being changed', async () => {
    const dir = await folderWithJournal([], ['a', 'b']);
    const before = sha(file(dir, 'annotations.journal'));
    const read = await readJournal(file(dir, 'annotations.journal'));
    expect(read.lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(read.damage).toBeUndefined();
    expect(sha(file(dir, 'annotations.journal'))).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['annotations.journal']);
  });
});
