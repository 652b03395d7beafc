import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderImportChooser, IMPORTS_FOLDER } from '../../main/annotations/import-file.js';
import { ANNOTATION_CONTEXT } from '../../main/annotations/model.js';
import { AnnotationStore } from '../../main/annotations/store.js';
import { BundleStore } from '../../main/corpus/bundle-store.js';
import type { Bundle, ParsedDocument } from '../../main/corpus/types.js';
import { folderChooser } from '../../main/datasets/save-file.js';
import { DeepLinkInbox } from '../../main/deeplink/inbox.js';
import { CHANNEL_NAMES, type Envelope } from '../../main/ipc/contract.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createHandlers, type HandlerDeps } from '../../main/ipc/handlers.js';
import type { AnnotationView } from '../../main/ipc/schemas/annotations.js';

// The annotation channels through the real dispatcher and handlers, over a real store in a
// temporary folder and a small bundle whose text has astral characters and emoji sequences.

const PARA = 'report.p-00000000a1';
const PARA2 = 'report.p-00000000a2';
const SECTION = 'report.s-00000000b1';
const CHAPTER = 'report.s-00000000b0';
/** 𠮷 is one code point in two UTF-16 units; 👍🏽 is two code points (four units), one grapheme. */
const TEXT = '𠮷野家的服务贸易👍🏽发展迅速。';

function bundle(): BundleStore {
  const report: ParsedDocument = {
    meta: {
      id: 'report',
      source: 'r.txt',
      kind: 'report',
      lang: 'zh',
      title: { zh: '报告', en: 'Report' },
      description: { zh: '', en: '' },
    },
    sections: [
      {
        id: CHAPTER,
        title: '保险服务',
        level: 'chapter',
        page: 41,
        children: [{ id: SECTION, title: '一、发展现状', level: 'section', children: [] }],
      },
    ],
    blocks: [
      {
        id: CHAPTER,
        docId: 'report',
        type: 'heading',
        text: '保险服务',
        sectionId: CHAPTER,
        level: 'chapter',
      },
      {
        id: SECTION,
        docId: 'report',
        type: 'heading',
        text: '一、发展现状',
        sectionId: SECTION,
        level: 'section',
      },
      { id: PARA, docId: 'report', type: 'paragraph', text: TEXT, sectionId: SECTION, page: 41 },
      { id: PARA2, docId: 'report', type: 'paragraph', text: '第二段文字。', sectionId: SECTION, page: 41 },
    ],
    datasets: [],
    figures: [],
  };
  return new BundleStore({ inputHash: 'x', documents: [report] } satisfies Bundle);
}

function setup(overrides: Partial<HandlerDeps> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-ann-ipc-'));
  const store = bundle();
  const annotations = new AnnotationStore(dir);
  const inbox = new DeepLinkInbox(() => store);
  const deps: HandlerDeps = {
    store: () => store,
    openExternal: async () => {},
    appInfo: { version: '1', platform: 'linux', locale: 'zh-CN' },
    annotations: () => annotations,
    files: () => ({ chooseSavePath: folderChooser(path.join(dir, 'exports')), writeClipboard: () => {} }),
    chooseImportFile: folderImportChooser(dir),
    deepLinks: () => inbox,
    ...overrides,
  };
  const dispatch = createDispatch(createHandlers(deps));
  const call = async <T = unknown>(channel: string, request?: unknown): Promise<T> => {
    const reply = await dispatch(channel, request);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value as T;
  };
  return { dir, dispatch, call, annotations, inbox };
}

const fail = (reply: Envelope) => (reply.ok ? 'ok' : reply.error.code);

describe('annotation channels', () => {
  it('are all in the contract', () => {
    for (const channel of [
      'annotations:list',
      'annotations:create',
      'annotations:createMany',
      'annotations:update',
      'annotations:remove',
      'annotations:restore',
      'annotations:bookmark',
      'annotations:export',
      'annotations:import',
      'annotations:status',
      'navigation:pending',
    ])
      expect(CHANNEL_NAMES).toContain(channel);
  });

  it('create: UTF-16 offsets become code points, snapped to whole characters, with the quote', async () => {
    const { call } = setup();
    // [1, 9): starts in the middle of 𠮷 (a lone low surrogate) and ends inside 👍🏽.
    const view = await call<AnnotationView>('annotations:create', {
      docId: 'report',
      blockId: PARA,
      start: 1,
      end: 11,
      color: 'blue',
      note: 'Growth is **fast**.',
      tags: ['growth', ' growth ', '服务'],
    });
    expect(view.quote).toBe('𠮷野家的服务贸易👍🏽');
    expect(view.start).toBe(0);
    expect(view.end).toBe(10);
    expect(view.color).toBe('blue');
    expect(view.motivation).toBe('commenting');
    expect(view.noteFormat).toBe('text/markdown');
    expect(view.tags).toEqual(['growth', '服务']);
    expect(view.sectionPath).toEqual(['保险服务', '一、发展现状']);
    expect(view.page).toBe(41);
    expect(view.targetId).toBe(PARA);
    expect(view.jumpBlockId).toBe(PARA);
    expect(view.link).toBe(`report-reader://open?doc=report&block=${PARA}`);
    expect(view.status).toBe('anchored');
    // A plain highlight, default colour.
    const plain = await call<AnnotationView>('annotations:create', {
      docId: 'report',
      blockId: PARA2,
      start: 0,
      end: 3,
    });
    expect(plain).toMatchObject({ motivation: 'highlighting', color: 'yellow', quote: '第二段', note: '' });
  });

  it('create refuses bad requests with an error envelope, never a crash', async () => {
    const { dispatch, annotations } = setup();
    const cases: Array<[unknown, string]> = [
      [undefined, 'BAD_REQUEST'],
      ['x', 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 3, end: 3 }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 4, end: 2 }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: -1, end: 2 }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 0.5, end: 2 }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 0, end: 2, color: 'red' }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 0, end: 2, extra: 1 }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 0, end: 2, tags: ['x'.repeat(201)] }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 0, end: 2, note: 'x'.repeat(200_001) }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: PARA, start: 0, end: 999 }, 'BAD_REQUEST'],
      [{ docId: 'report', blockId: 'report.p-ffffffffff', start: 0, end: 2 }, 'NOT_FOUND'],
      [{ docId: 'paper', blockId: PARA, start: 0, end: 2 }, 'NOT_FOUND'],
      [{ docId: '../x', blockId: PARA, start: 0, end: 2 }, 'BAD_REQUEST'],
      [
        JSON.parse(
          '{"docId":"report","blockId":"report.p-00000000a1","start":0,"end":2,"__proto__":{"polluted":1}}',
        ),
        'BAD_REQUEST',
      ],
      [{ docId: 'report', blockId: PARA, start: 0, end: 2 }, 'ok'],
    ];
    for (const [request, code] of cases)
      expect(fail(await dispatch('annotations:create', request)), JSON.stringify(request)).toBe(code);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Only the last (valid) request created anything.
    expect(await annotations.list()).toHaveLength(1);
  });

  it('create refuses a selection of only spaces', async () => {
    const store = bundle();
    const block = store.block(PARA2);
    if (block) (block as { text: string }).text = '   text';
    const { dispatch } = setup({ store: () => store });
    expect(
      fail(await dispatch('annotations:create', { docId: 'report', blockId: PARA2, start: 0, end: 3 })),
    ).toBe('BAD_REQUEST');
  });

  it('createMany: one highlight per passage of a selection across passages, all saved or none', async () => {
    const { call, dispatch, annotations } = setup();
    const views = await call<AnnotationView[]>('annotations:createMany', {
      docId: 'report',
      color: 'green',
      parts: [
        { blockId: PARA, start: 13, end: TEXT.length },
        { blockId: PARA2, start: 0, end: 3 },
      ],
    });
    expect(views.map((v) => [v.targetId, v.quote, v.color, v.motivation])).toEqual([
      [PARA, '发展迅速。', 'green', 'highlighting'],
      [PARA2, '第二段', 'green', 'highlighting'],
    ]);
    expect(await annotations.list()).toHaveLength(2);
    // One part that cannot be highlighted, and nothing of the request is saved.
    const refused = [
      [
        { blockId: PARA, start: 0, end: 2 },
        { blockId: 'report.p-ffffffffff', start: 0, end: 2 },
      ],
      [
        { blockId: PARA, start: 0, end: 2 },
        { blockId: PARA2, start: 0, end: 99 },
      ],
      [
        { blockId: PARA, start: 0, end: 2 },
        { blockId: PARA2, start: 2, end: 1 },
      ],
      [],
      Array.from({ length: 51 }, () => ({ blockId: PARA2, start: 0, end: 2 })),
    ];
    for (const parts of refused)
      expect(
        fail(await dispatch('annotations:createMany', { docId: 'report', parts })),
        JSON.stringify(parts),
      ).not.toBe('ok');
    expect(await annotations.list()).toHaveLength(2);
    // Fifty at once is the limit, not an error.
    const fifty = Array.from({ length: 50 }, () => ({ blockId: PARA2, start: 0, end: 2 }));
    expect(
      await call<AnnotationView[]>('annotations:createMany', { docId: 'report', parts: fifty }),
    ).toHaveLength(50);
  });

  it('update, remove (returning the annotation) and restore it for undo', async () => {
    const { call, dispatch } = setup();
    const view = await call<AnnotationView>('annotations:create', {
      docId: 'report',
      blockId: PARA,
      start: 2,
      end: 6,
      color: 'pink',
    });
    const updated = await call<AnnotationView>('annotations:update', {
      id: view.id,
      note: '- a\n- b',
      noteFormat: 'text/plain',
      tags: ['t1'],
      color: 'purple',
    });
    expect(updated).toMatchObject({
      note: '- a\n- b',
      noteFormat: 'text/plain',
      tags: ['t1'],
      color: 'purple',
    });
    expect(updated.modified > view.modified || updated.modified !== view.modified).toBe(true);
    expect(fail(await dispatch('annotations:update', { id: view.id, color: 'black' }))).toBe('BAD_REQUEST');
    expect(fail(await dispatch('annotations:update', { id: 'urn:uuid:nope', note: 'x' }))).toBe('NOT_FOUND');

    const { removed } = await call<{ removed: { id: string } | null }>('annotations:remove', { id: view.id });
    expect(removed?.id).toBe(view.id);
    expect(await call('annotations:list', {})).toEqual([]);
    expect(await call('annotations:remove', { id: view.id })).toEqual({ removed: null });

    const restored = await call<AnnotationView>('annotations:restore', { annotation: removed });
    expect(restored).toEqual(updated);
    expect(await call<AnnotationView[]>('annotations:list', {})).toEqual([updated]);
    // A forged annotation is refused by the store's validation.
    expect(
      fail(
        await dispatch('annotations:restore', { annotation: { id: 'x', type: 'Annotation', target: 42 } }),
      ),
    ).toBe('BAD_REQUEST');
    expect(fail(await dispatch('annotations:restore', { annotation: { id: 'x' } }))).toBe('BAD_REQUEST');
  });

  it('list filters by document, colour, tag, kind and status, in reading order', async () => {
    const { call } = setup();
    const b = await call<AnnotationView>('annotations:create', {
      docId: 'report',
      blockId: PARA2,
      start: 0,
      end: 2,
      color: 'green',
      tags: ['x'],
    });
    const a = await call<AnnotationView>('annotations:create', {
      docId: 'report',
      blockId: PARA,
      start: 4,
      end: 6,
      color: 'yellow',
      note: 'n',
    });
    const mark = await call<AnnotationView>('annotations:bookmark', { docId: 'report', sectionId: SECTION });
    const ids = async (filter: unknown) =>
      (await call<AnnotationView[]>('annotations:list', filter)).map((v) => v.id);
    expect(await ids({})).toEqual([mark.id, a.id, b.id]);
    expect(await ids({ color: 'green' })).toEqual([b.id]);
    expect(await ids({ tag: 'x' })).toEqual([b.id]);
    expect(await ids({ motivation: 'commenting' })).toEqual([a.id]);
    expect(await ids({ motivation: 'bookmarking' })).toEqual([mark.id]);
    expect(await ids({ status: 'needs-review' })).toEqual([]);
    expect(await ids({ docId: 'paper' })).toEqual([]);
  });

  it('bookmark: one per section, jumping to its heading; unknown sections are refused', async () => {
    const { call, dispatch } = setup();
    const mark = await call<AnnotationView>('annotations:bookmark', { docId: 'report', sectionId: SECTION });
    expect(mark).toMatchObject({
      kind: 'section',
      motivation: 'bookmarking',
      quote: '一、发展现状',
      targetId: SECTION,
      jumpBlockId: SECTION,
      sectionPath: ['保险服务', '一、发展现状'],
      link: `report-reader://open?doc=report&block=${SECTION}`,
    });
    expect(
      (await call<AnnotationView>('annotations:bookmark', { docId: 'report', sectionId: SECTION })).id,
    ).toBe(mark.id);
    // A double click: two calls at once still make one bookmark.
    const twice = await Promise.all([
      call<AnnotationView>('annotations:bookmark', { docId: 'report', sectionId: CHAPTER }),
      call<AnnotationView>('annotations:bookmark', { docId: 'report', sectionId: CHAPTER }),
    ]);
    expect(twice[1].id).toBe(twice[0].id);
    const bookmarks = await call<AnnotationView[]>('annotations:list', { motivation: 'bookmarking' });
    expect(bookmarks.map((v) => v.id).sort()).toEqual([mark.id, twice[0].id].sort());
    expect(
      fail(await dispatch('annotations:bookmark', { docId: 'report', sectionId: 'report.s-ffffffffff' })),
    ).toBe('NOT_FOUND');
    expect(fail(await dispatch('annotations:bookmark', { docId: 'paper', sectionId: SECTION }))).toBe(
      'NOT_FOUND',
    );
  });

  it('export saves through the save dialog with the filters and the search applied', async () => {
    const { call, dir, dispatch } = setup();
    await call('annotations:create', {
      docId: 'report',
      blockId: PARA,
      start: 0,
      end: 4,
      color: 'yellow',
      note: '𠮷 note',
      tags: ['keep'],
    });
    await call('annotations:create', { docId: 'report', blockId: PARA2, start: 0, end: 2, color: 'green' });
    const md = await call<{ saved: boolean; path: string; fileName: string; count: number }>(
      'annotations:export',
      {
        format: 'md',
        lang: 'zh',
        filter: { color: 'yellow' },
      },
    );
    expect(md).toMatchObject({
      saved: true,
      count: 1,
      fileName: expect.stringMatching(/^阅读笔记 \d{4}-\d{2}-\d{2}\.md$/),
    });
    expect(path.dirname(md.path)).toBe(path.join(dir, 'exports'));
    const text = readFileSync(md.path, 'utf8');
    expect(text).toContain('> 𠮷野家');
    expect(text).toContain('第41页');
    expect(text).toContain(`report-reader://open?doc=report&block=${PARA}`);
    expect(text).not.toContain('第二');

    const csv = await call<{ path: string; count: number }>('annotations:export', {
      format: 'csv',
      lang: 'en',
      query: 'KEEP',
    });
    expect(csv.count).toBe(1);
    expect(readFileSync(csv.path, 'utf8').charCodeAt(0)).toBe(0xfeff);
    const none = await call<{ count: number }>('annotations:export', {
      format: 'json',
      lang: 'en',
      query: 'nothing like this',
    });
    expect(none.count).toBe(0);
    expect(fail(await dispatch('annotations:export', { format: 'pdf', lang: 'en' }))).toBe('BAD_REQUEST');
    expect(fail(await dispatch('annotations:export', { format: 'md', lang: 'fr' }))).toBe('BAD_REQUEST');
    expect(
      fail(await dispatch('annotations:export', { format: 'md', lang: 'en', query: 'x'.repeat(501) })),
    ).toBe('BAD_REQUEST');
  });

  it('export reports a cancelled dialog as not saved', async () => {
    const { call } = setup({
      files: () => ({ chooseSavePath: async () => null, writeClipboard: () => {} }),
    });
    await call('annotations:create', { docId: 'report', blockId: PARA, start: 0, end: 4 });
    expect(await call('annotations:export', { format: 'html', lang: 'en' })).toMatchObject({
      saved: false,
      count: 1,
    });
  });

  it('import merges a JSON export without duplicates and reports what changed', async () => {
    const first = setup();
    const a = await first.call<AnnotationView>('annotations:create', {
      docId: 'report',
      blockId: PARA,
      start: 0,
      end: 4,
      note: 'one',
    });
    await first.call('annotations:create', { docId: 'report', blockId: PARA2, start: 0, end: 2 });
    const exported = await first.call<{ path: string }>('annotations:export', { format: 'json', lang: 'en' });

    const second = setup();
    // Nothing chosen (no file in imports/): nothing happens.
    expect(await second.call('annotations:import')).toMatchObject({ imported: false, added: 0 });
    mkdirSync(path.join(second.dir, IMPORTS_FOLDER), { recursive: true });
    writeFileSync(path.join(second.dir, IMPORTS_FOLDER, 'notes.json'), readFileSync(exported.path));
    expect(await second.call('annotations:import')).toMatchObject({
      imported: true,
      fileName: 'notes.json',
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await second.call('annotations:import')).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    // A newer edit of one of them in the source updates it.
    await first.call('annotations:update', { id: a.id, note: 'one, edited' });
    const again = await first.call<{ path: string }>('annotations:export', { format: 'json', lang: 'en' });
    writeFileSync(path.join(second.dir, IMPORTS_FOLDER, 'notes2.json'), readFileSync(again.path));
    expect(await second.call('annotations:import')).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const list = await second.call<AnnotationView[]>('annotations:list', {});
    expect(list).toHaveLength(2);
    expect(list.find((v) => v.id === a.id)?.note).toBe('one, edited');
  });

  it("import takes what it can read of another tool's file and counts the rest", async () => {
    const { call, dir } = setup();
    mkdirSync(path.join(dir, IMPORTS_FOLDER), { recursive: true });
    const target = { source: 'report', selector: { type: 'TextQuoteSelector', exact: '服务贸易' } };
    const items = [
      { id: 'urn:x:1', type: 'Annotation', motivation: 'replying', target: 'urn:x:2' },
      { id: 'urn:x:2', type: 'Annotation', body: { type: 'TextualBody', value: 'kept' }, target },
      { id: 'urn:x:3', type: 'Annotation', body: 'http://example.org/body', target },
    ];
    const collection = { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', items };
    writeFileSync(path.join(dir, IMPORTS_FOLDER, 'mixed.json'), JSON.stringify(collection));
    expect(await call('annotations:import')).toMatchObject({
      imported: true,
      added: 1,
      skipped: 2,
      detail: expect.stringMatching(/^items\.0: /),
    });
    expect((await call<AnnotationView[]>('annotations:list', {})).map((v) => v.note)).toEqual(['kept']);
    // Nothing readable at all: the file is refused as a whole.
    const none = { ...collection, items: [items[0], items[2]] };
    writeFileSync(path.join(dir, IMPORTS_FOLDER, 'none.json'), JSON.stringify(none));
    expect(await call('annotations:import')).toMatchObject({
      imported: false,
      problem: 'invalid-data',
      skipped: 0,
    });
  });

  it('import reports an unusable file without changing anything', async () => {
    const { call, dir } = setup();
    mkdirSync(path.join(dir, IMPORTS_FOLDER), { recursive: true });
    writeFileSync(path.join(dir, IMPORTS_FOLDER, 'bad.json'), '{"items": [');
    expect(await call('annotations:import')).toMatchObject({
      imported: false,
      problem: 'invalid-json',
      fileName: 'bad.json',
    });
    writeFileSync(path.join(dir, IMPORTS_FOLDER, 'evil.json'), '{"__proto__": {"x": 1}, "items": []}');
    expect(await call('annotations:import')).toMatchObject({ imported: false, problem: 'unsafe-keys' });
    expect(await call('annotations:list', {})).toEqual([]);
  });

  it('status reports a recovery once, with its message in both languages', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-ann-status-'));
    writeFileSync(path.join(dir, 'annotations.json'), '{ this is not json');
    const annotations = new AnnotationStore(dir);
    const { call } = setup({ annotations: () => annotations });
    const status = await call<{ recovery: { message: { zh: string; en: string }; movedTo?: string } | null }>(
      'annotations:status',
    );
    expect(status.recovery?.message.en).toMatch(/damaged/);
    expect(status.recovery?.message.zh).toMatch(/已损坏/);
    expect(status.recovery?.movedTo).toMatch(/^annotations\.corrupt-.*\.json$/);
    expect((await call<{ recovery: unknown }>('annotations:status')).recovery).toBeNull();
    // A store without problems reports none.
    expect(await setup().call('annotations:status')).toMatchObject({
      recovery: null,
      readOnly: false,
      count: 0,
    });
  });

  it('without a data folder the channels answer with an error, not a crash', async () => {
    const { dispatch } = setup({ annotations: undefined, chooseImportFile: undefined, deepLinks: undefined });
    expect(fail(await dispatch('annotations:list', {}))).toBe('INTERNAL');
    expect(fail(await dispatch('annotations:import', undefined))).toBe('INTERNAL');
    expect(await dispatch('navigation:pending', undefined)).toEqual({ ok: true, value: null });
  });

  it('navigation:pending hands out a deep link once, resolved to a block', async () => {
    const { call, inbox } = setup();
    inbox.receive(`report-reader://open?doc=report&block=${CHAPTER}`);
    expect(await call('navigation:pending')).toEqual({
      docId: 'report',
      blockId: CHAPTER,
      link: `report-reader://open?doc=report&block=${CHAPTER}`,
    });
    expect(await call('navigation:pending')).toBeNull();
  });
});
