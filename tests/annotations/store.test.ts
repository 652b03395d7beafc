import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCollectionFile, serializeCollection } from '../../main/annotations/codec.js';
import {
  emptyCollection,
  newAnnotation,
  noteOf,
  SCHEMA_VERSION,
  textTarget,
} from '../../main/annotations/model.js';
import { AnnotationStore, DATA_DIR_ENV, dataDir, StoreFullError } from '../../main/annotations/store.js';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import { ROOT } from '../corpus/report-fixture.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function freshDir(): string {
  return path.join(tmp, `s${++n}`);
}

const BLOCK = {
  id: 'report.p-5c48b3df85',
  docId: 'report',
  sectionId: 'report.s-ba8bd9b645',
  text: '2020年，中国保险业稳步发展',
};
const target = () => textTarget(BLOCK, 0, 4);

describe('AnnotationStore', () => {
  it('creates several annotations in one commit, all persisted', async () => {
    const dir = freshDir();
    const created = await new AnnotationStore(dir).createMany([
      { target: textTarget(BLOCK, 0, 4), color: 'green' },
      { target: textTarget(BLOCK, 5, 9), color: 'green' },
    ]);
    expect(created.map((a) => a.id)).toHaveLength(2);
    const reopened = await new AnnotationStore(dir).list();
    expect(reopened.map((a) => a.id).sort()).toEqual(created.map((a) => a.id).sort());
  });

  it('creates, reads, updates, removes and restores, all persisted', async () => {
    const dir = freshDir();
    let clock = Date.parse('2024-01-01T00:00:00Z');
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const store = new AnnotationStore(dir, { now: tick });
    expect((await store.load()).collection.items).toEqual([]);
    const a = await store.create({ target: target(), note: 'first', color: 'yellow', tags: ['x'] });
    const b = await store.create({ target: target(), color: 'blue' });
    expect(await store.get(a.id)).toEqual(a);
    expect((await store.list({ color: 'blue' })).map((x) => x.id)).toEqual([b.id]);
    expect((await store.list({ tag: 'x' })).map((x) => x.id)).toEqual([a.id]);
    expect(await store.list({ docId: 'paper' })).toEqual([]);

    const updated = await store.update(a.id, { note: 'second' });
    expect(noteOf(updated)).toBe('second');
    expect(Date.parse(updated.modified)).toBeGreaterThan(Date.parse(a.modified));
    expect(updated.created).toBe(a.created);

    const removed = await store.remove(b.id);
    expect(removed).toEqual(b);
    expect(await store.remove(b.id)).toBeUndefined();
    expect(await store.get(b.id)).toBeUndefined();
    await store.restore(removed as NonNullable<typeof removed>);
    expect(await store.get(b.id)).toEqual(b);

    await expect(store.update('urn:uuid:nope', { note: 'x' })).rejects.toThrow(/no annotation/);
    await store.flush();

    // Everything acknowledged is on disk, as valid W3C JSON-LD.
    const onDisk = (await readCollectionFile(path.join(dir, 'annotations.json'))).collection;
    expect(onDisk.items).toEqual([updated, b]);
    const raw = JSON.parse(readFileSync(path.join(dir, 'annotations.json'), 'utf8'));
    expect(raw['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(raw.type).toBe('AnnotationCollection');
    expect(raw.schemaVersion).toBe(SCHEMA_VERSION);
    const reopened = new AnnotationStore(dir);
    expect((await reopened.list()).map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('keeps the previous version of annotations.json as the backup', async () => {
    const dir = freshDir();
    const store = new AnnotationStore(dir);
    const a = await store.create({ target: target(), note: 'one' });
    await store.flush();
    await store.create({ target: target(), note: 'two' });
    await store.flush();
    const backup = (await readCollectionFile(path.join(dir, 'annotations.backup.json'))).collection;
    expect(backup.items.map((x) => x.id)).toEqual([a.id]);
    // flush() folded the journal into annotations.json.
    expect(readdirSync(dir).sort()).toEqual(['annotations.backup.json', 'annotations.json']);
  });

  it('merges imports without duplicates: new ids added, newer versions win', async () => {
    const dir = freshDir();
    const store = new AnnotationStore(dir);
    const mine = await store.create({ target: target(), note: 'mine' });
    const older = { ...mine, modified: '2000-01-01T00:00:00.000Z', body: [] };
    const newer = {
      ...mine,
      modified: '2999-01-01T00:00:00.000Z',
      body: [{ type: 'TextualBody' as const, value: 'theirs', purpose: 'commenting' as const }],
    };
    const other = newAnnotation({ target: target(), note: 'other' });
    expect(await store.importCollection({ items: [older, other, other] })).toEqual({
      added: 1,
      updated: 0,
      unchanged: 2,
    });
    expect(noteOf((await store.get(mine.id)) as NonNullable<Awaited<ReturnType<typeof store.get>>>)).toBe(
      'mine',
    );
    expect(await store.importCollection({ items: [newer] })).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(noteOf((await store.get(mine.id)) as NonNullable<Awaited<ReturnType<typeof store.get>>>)).toBe(
      'theirs',
    );
    expect(await store.list()).toHaveLength(2);
  });

  it('rejects invalid input without changing anything', async () => {
    const dir = freshDir();
    const store = new AnnotationStore(dir);
    await store.create({ target: target() });
    const files = () => readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f))]);
    const before = files();
    await expect(store.create({ target: target(), color: 'orange' as never })).rejects.toThrow();
    // Several at once: one invalid, and none is saved.
    await expect(
      store.createMany([{ target: target() }, { target: target(), color: 'orange' as never }]),
    ).rejects.toThrow();
    await expect(store.importCollection({ items: [{ id: 'x' } as never] })).rejects.toThrow();
    await expect(
      store.importCollection({ items: [JSON.parse('{"__proto__":{"a":1},"id":"y"}')] }),
    ).rejects.toThrow(/forbidden key/);
    expect(files()).toEqual(before);
    expect(await store.list()).toHaveLength(1);
  });

  it('removes stale temporary files when it opens', async () => {
    const dir = freshDir();
    const store = new AnnotationStore(dir);
    await store.create({ target: target() });
    writeFileSync(path.join(dir, 'annotations.json.123456789'), '{"half');
    writeFileSync(path.join(dir, 'annotations.backup.json.tmp-42-1'), '');
    writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    writeFileSync(path.join(dir, 'annotations.corrupt-2024.json'), 'kept');
    const reopened = new AnnotationStore(dir);
    await reopened.load();
    // The journal left by the first store is folded in (in the background).
    await reopened.flush();
    expect(readdirSync(dir).sort()).toEqual([
      'annotations.corrupt-2024.json',
      'annotations.json',
      'notes.txt',
    ]);
  });

  it('loads and keeps a foreign W3C file, writing it back with our schema version', async () => {
    const dir = freshDir();
    const foreign = { ...emptyCollection(), items: [] as unknown[] };
    delete (foreign as Record<string, unknown>).schemaVersion;
    foreign.items.push({
      id: 'http://example.org/a',
      type: 'Annotation',
      target: { source: 'report', selector: { type: 'TextQuoteSelector', exact: '服务贸易' } },
      generator: 'other-tool',
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'annotations.json'), JSON.stringify(foreign));
    const store = new AnnotationStore(dir);
    const { collection, recovered } = await store.load();
    expect(recovered).toBeUndefined();
    expect(collection.items[0]).toMatchObject({ id: 'http://example.org/a', generator: 'other-tool' });
    await store.create({ target: target() });
    // Untouched until the journal is folded into it.
    expect(readFileSync(path.join(dir, 'annotations.json'), 'utf8')).toBe(JSON.stringify(foreign));
    await store.flush();
    const raw = JSON.parse(readFileSync(path.join(dir, 'annotations.json'), 'utf8'));
    expect(raw.schemaVersion).toBe(SCHEMA_VERSION);
    expect(raw.items[0].generator).toBe('other-tool');
    expect(raw.items[0].target.selector).toEqual([{ type: 'TextQuoteSelector', exact: '服务贸易' }]);
  });

  it('refuses changes that would make the file larger than it may be loaded', async () => {
    const dir = freshDir();
    const store = new AnnotationStore(dir);
    const kept = await store.create({ target: target(), note: 'kept' });
    const big = Array.from({ length: 60 }, () =>
      newAnnotation({ target: target(), note: 'é'.repeat(199_000) }),
    );
    await expect(store.importCollection({ items: big })).rejects.toThrow(StoreFullError);
    await expect(
      store.createMany(big.map(() => ({ target: target(), note: 'é'.repeat(199_000) }))),
    ).rejects.toThrow(StoreFullError);
    expect((await store.list()).map((a) => a.id)).toEqual([kept.id]);
    // A smaller import still fits.
    expect(await store.importCollection({ items: big.slice(0, 5) })).toEqual({
      added: 5,
      updated: 0,
      unchanged: 0,
    });
  });

  it('re-anchors against the bundle without overwriting newer edits', async () => {
    const bundle = BundleStore.load(bundleDir(ROOT));
    const block = bundle.block(BLOCK.id);
    if (!block) throw new Error('fixture block missing from the bundle');
    const dir = freshDir();
    const store = new AnnotationStore(dir);
    // Anchored only by quote (as another tool would write it), and one whose text is gone.
    const byQuote = await store.create({
      target: { source: 'report', selector: [{ type: 'TextQuoteSelector', exact: block.text.slice(5, 20) }] },
    });
    const gone = await store.create({
      target: {
        source: 'report',
        selector: [{ type: 'TextQuoteSelector', exact: '此句不在文中此句不在文中' }],
      },
      note: 'keep me',
    });
    expect(await store.reanchor(bundle)).toEqual({ anchored: 1, needsReview: 1, changed: 2 });
    const placed = await store.get(byQuote.id);
    expect(placed?.target.selector[0]).toEqual({
      type: 'FragmentSelector',
      value: block.id,
      refinedBy: { type: 'TextPositionSelector', start: 5, end: 20 },
    });
    expect(placed?.modified).toBe(byQuote.modified);
    const kept = await store.get(gone.id);
    expect(kept?.['rr:status']).toBe('needs-review');
    expect(kept?.body).toEqual(gone.body);
    // A re-anchoring result computed before an edit does not undo the edit.
    const stale = { ...(kept as NonNullable<typeof kept>), 'rr:status': 'anchored' as const };
    await store.update(gone.id, { note: 'edited' });
    expect(await store.replaceSystemFields([stale])).toBe(0);
    expect(noteOf((await store.get(gone.id)) as NonNullable<typeof kept>)).toBe('edited');
    // Returned annotations are frozen: the store's state cannot be changed behind its back.
    expect(Object.isFrozen(placed)).toBe(true);
    expect(Object.isFrozen(placed?.target.selector[0])).toBe(true);
  });

  it('honours REPORT_READER_DATA_DIR', () => {
    expect(dataDir('/default', {})).toBe('/default');
    expect(dataDir('/default', { [DATA_DIR_ENV]: '' })).toBe('/default');
    expect(dataDir('/default', { [DATA_DIR_ENV]: 'rel/dir' })).toBe(path.resolve('rel/dir'));
  });

  it('writes compact JSON that round-trips', () => {
    const c = { ...emptyCollection(), items: [newAnnotation({ target: target(), note: 'x\u0000\uD800' })] };
    const text = serializeCollection(c);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(c);
  });
});
