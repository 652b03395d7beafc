import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import { browserHostFiles, CLIPBOARD_FILE, EXPORTS_FOLDER } from '../../main/datasets/host-files.js';
import { datasetFileName, findDataset } from '../../main/datasets/ipc.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createHandlers, type HandlerDeps } from '../../main/ipc/handlers.js';
import { MAX_CLIPBOARD_CHARS, MAX_SAVE_CHARS } from '../../main/ipc/schemas/files.js';
import { ROOT } from '../corpus/report-fixture.js';

// file:save, clipboard:write, datasets:export and datasets:cite through the real dispatcher, with
// the browser host's stand-ins for the save dialog and the clipboard (a folder and a file).

const store = BundleStore.load(bundleDir(ROOT));

function setup(files: HandlerDeps['files'] | 'default' | null = 'default') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rr-files-'));
  const deps: HandlerDeps = {
    store: () => store,
    openExternal: async () => undefined,
    appInfo: { version: '0', platform: 'linux', locale: 'zh-CN' },
  };
  if (files === 'default') {
    const host = browserHostFiles(dataDir);
    deps.files = () => host;
  } else if (files !== null && files !== undefined) deps.files = files;
  return { dataDir, dispatch: createDispatch(createHandlers(deps)) };
}

async function errorCode(reply: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string> {
  const envelope = await reply;
  return envelope.ok ? 'ok' : (envelope.error?.code ?? '?');
}

describe('datasets:export', () => {
  it('saves the CSV (BOM, header with units) under the dataset’s name', async () => {
    const { dataDir, dispatch } = setup();
    const reply = await dispatch('datasets:export', { datasetId: 'table-2-1', format: 'csv', lang: 'zh' });
    expect(reply).toEqual({
      ok: true,
      value: {
        saved: true,
        path: path.join(dataDir, EXPORTS_FOLDER, '表 2-1 欧盟 28 国环境产品和服务业从业人员状况.csv'),
      },
    });
    const csv = readFileSync(
      path.join(dataDir, EXPORTS_FOLDER, '表 2-1 欧盟 28 国环境产品和服务业从业人员状况.csv'),
      'utf8',
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, first] = parse(csv.slice(1)) as string[][];
    expect(header).toEqual(['年份', '从业人数 (千人)']);
    expect(first).toEqual(['2008', '4052']);
  });

  it('names the JSON file in English for an English interface', async () => {
    const { dataDir, dispatch } = setup();
    const reply = await dispatch('datasets:export', { datasetId: 'table-3-2', format: 'json', lang: 'en' });
    expect(reply.ok).toBe(true);
    const file = path.join(
      dataDir,
      EXPORTS_FOLDER,
      'Table 3-2 Change in the shares of trade between major economies in world trade, 2017–2020.json',
    );
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      id: string;
      rows: unknown[];
      citation: { en: string };
    };
    expect(json.id).toBe('table-3-2');
    expect(json.rows).toHaveLength(10);
    expect(json.citation.en).toMatch(/^Table 3-2/);
  });

  it.each([
    ['no dataset id', { format: 'csv', lang: 'zh' }],
    ['an unknown format', { datasetId: 'table-2-1', format: 'xlsx', lang: 'zh' }],
    ['an unknown language', { datasetId: 'table-2-1', format: 'csv', lang: 'fr' }],
    ['a path for an id', { datasetId: '../../etc/passwd', format: 'csv', lang: 'zh' }],
    ['extra keys', { datasetId: 'table-2-1', format: 'csv', lang: 'zh', path: '/tmp/x.csv' }],
    ['no argument', undefined],
  ])('answers %s with BAD_REQUEST', async (_name, request) => {
    const { dispatch } = setup();
    expect(await errorCode(dispatch('datasets:export', request))).toBe('BAD_REQUEST');
  });

  it('answers an unknown dataset with NOT_FOUND', async () => {
    const { dispatch } = setup();
    expect(
      await errorCode(dispatch('datasets:export', { datasetId: 'table-9-9', format: 'csv', lang: 'zh' })),
    ).toBe('NOT_FOUND');
  });

  it('reports a cancelled dialog as saved: false', async () => {
    const { dispatch } = setup(() => ({ chooseSavePath: async () => null, writeClipboard: () => undefined }));
    expect(await dispatch('datasets:export', { datasetId: 'table-2-1', format: 'csv', lang: 'zh' })).toEqual({
      ok: true,
      value: { saved: false },
    });
  });

  it('fails cleanly in a build without a save dialog', async () => {
    const { dispatch } = setup(null);
    expect(
      await errorCode(dispatch('datasets:export', { datasetId: 'table-2-1', format: 'csv', lang: 'zh' })),
    ).toBe('INTERNAL');
  });
});

describe('datasets:cite', () => {
  it('cites in the interface language', async () => {
    const { dispatch } = setup();
    const zh = await dispatch('datasets:cite', { datasetId: 'table-2-4', lang: 'zh' });
    const en = await dispatch('datasets:cite', { datasetId: 'table-2-4', lang: 'en' });
    expect(zh.ok && (zh.value as { text: string }).text).toMatch(
      /^表 2-4 APEC.*（单位：亿美元）。资料来源：UNComtrade。.*第51页。$/u,
    );
    expect(en.ok && (en.value as { text: string }).text).toMatch(/^Table 2-4, “APEC.*p\. 51\.$/u);
  });

  it('refuses a bad request', async () => {
    const { dispatch } = setup();
    expect(await errorCode(dispatch('datasets:cite', { datasetId: 'table-2-4' }))).toBe('BAD_REQUEST');
    expect(await errorCode(dispatch('datasets:cite', { datasetId: 'nope', lang: 'zh' }))).toBe('NOT_FOUND');
  });
});

describe('file:save', () => {
  it('saves an SVG chart into the browser host’s exports folder', async () => {
    const { dataDir, dispatch } = setup();
    const reply = await dispatch('file:save', {
      suggestedName: '表 2-1 图',
      kind: 'svg',
      content: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
    });
    expect(reply).toEqual({
      ok: true,
      value: { saved: true, path: path.join(dataDir, EXPORTS_FOLDER, '表 2-1 图.svg') },
    });
  });

  it.each([
    ['an unknown kind', { suggestedName: 'x', kind: 'exe', content: 'MZ' }],
    ['an empty name', { suggestedName: '', kind: 'txt', content: 'x' }],
    ['empty content', { suggestedName: 'x', kind: 'txt', content: '' }],
    ['an unknown encoding', { suggestedName: 'x', kind: 'txt', content: 'x', encoding: 'hex' }],
    ['a path to write to', { suggestedName: 'x', kind: 'txt', content: 'x', path: '/etc/passwd' }],
    [
      'content over the size limit',
      { suggestedName: 'x', kind: 'txt', content: 'x'.repeat(MAX_SAVE_CHARS + 1) },
    ],
    ['a PNG that is not one', { suggestedName: 'x', kind: 'png', content: 'aGVsbG8=', encoding: 'base64' }],
    ['a PNG as text', { suggestedName: 'x', kind: 'png', content: 'hello' }],
  ])('answers %s with BAD_REQUEST', async (_name, request) => {
    const { dispatch } = setup();
    expect(await errorCode(dispatch('file:save', request))).toBe('BAD_REQUEST');
  });
});

describe('clipboard:write', () => {
  it('hands the text to the clipboard (a file in the browser host)', async () => {
    const { dataDir, dispatch } = setup();
    expect(await dispatch('clipboard:write', { text: '表 2-1 引用' })).toEqual({ ok: true, value: true });
    expect(readFileSync(path.join(dataDir, CLIPBOARD_FILE), 'utf8')).toBe('表 2-1 引用');
  });

  it.each([
    ['no text', {}],
    ['empty text', { text: '' }],
    ['text over the limit', { text: 'x'.repeat(MAX_CLIPBOARD_CHARS + 1) }],
    ['a number', { text: 42 }],
  ])('answers %s with BAD_REQUEST', async (_name, request) => {
    const { dispatch } = setup();
    expect(await errorCode(dispatch('clipboard:write', request))).toBe('BAD_REQUEST');
  });
});

describe('dataset lookup', () => {
  it('finds every dataset of the bundle with its document', () => {
    for (const doc of store.documents())
      for (const dataset of doc.datasets) expect(findDataset(store, dataset.id).doc.id).toBe(doc.meta.id);
  });

  it('names files after the table, in either language', () => {
    const { dataset } = findDataset(store, 'table-3-1');
    expect(datasetFileName(dataset, 'zh')).toBe('表 3-1 全球主要自贸区的区域内贸易比重');
    expect(datasetFileName(dataset, 'en')).toBe(
      'Table 3-1 Intra-regional trade shares of major free trade areas',
    );
  });
});
