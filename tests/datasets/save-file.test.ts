import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ChooseSavePath,
  decodeContent,
  defaultSaveName,
  folderChooser,
  saveFile,
  withExtension,
} from '../../main/datasets/save-file.js';
import { HandlerError } from '../../main/ipc/contract.js';

const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'rr-save-'));

describe('default file names', () => {
  it('keeps Chinese titles and adds the extension once', () => {
    expect(defaultSaveName('表 2-1 欧盟 28 国环境产品和服务业从业人员状况', 'csv')).toBe(
      '表 2-1 欧盟 28 国环境产品和服务业从业人员状况.csv',
    );
    expect(defaultSaveName('chart.svg', 'svg')).toBe('chart.svg');
  });

  it('removes what file systems refuse', () => {
    const name = defaultSaveName('a/b\\c:d*e?"f<g>|h\u202Eexe', 'png');
    expect(name.endsWith('.png')).toBe(true);
    expect(name).not.toMatch(/[/\\:*?"<>|\u202E]/u);
    expect(defaultSaveName('CON', 'txt')).toBe('_CON.txt');
    expect(defaultSaveName('...', 'json')).toBe('export.json');
  });

  it('adds the extension to a path typed without it', () => {
    expect(withExtension('/tmp/data', 'csv')).toBe('/tmp/data.csv');
    expect(withExtension('/tmp/data.CSV', 'csv')).toBe('/tmp/data.CSV');
  });
});

describe('content checks', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof HandlerError ? error.code : 'other';
    }
    return 'none';
  };

  it('accepts text, base64 PNG and SVG', () => {
    expect(decodeContent({ kind: 'csv', content: '\uFEFFa,b', encoding: 'utf8' }).toString('utf8')).toBe(
      '\uFEFFa,b',
    );
    expect(
      decodeContent({ kind: 'png', content: PNG_1x1, encoding: 'base64' }).subarray(1, 4).toString(),
    ).toBe('PNG');
    expect(
      code(() => decodeContent({ kind: 'svg', content: '<svg width="1"></svg>', encoding: 'utf8' })),
    ).toBe('none');
    expect(
      code(() =>
        decodeContent({ kind: 'svg', content: '<?xml version="1.0"?>\n<svg></svg>', encoding: 'utf8' }),
      ),
    ).toBe('none');
  });

  it.each([
    ['a PNG sent as text', { kind: 'png', content: 'hello', encoding: 'utf8' }],
    [
      'base64 that is not a PNG',
      { kind: 'png', content: Buffer.from('GIF89a').toString('base64'), encoding: 'base64' },
    ],
    ['malformed base64', { kind: 'png', content: 'iVBOR%%%', encoding: 'base64' }],
    [
      'an "SVG" that is HTML',
      { kind: 'svg', content: '<html><script>alert(1)</script></html>', encoding: 'utf8' },
    ],
    ['empty base64', { kind: 'json', content: '====', encoding: 'base64' }],
  ] as const)('refuses %s with BAD_REQUEST', (_name, request) => {
    expect(code(() => decodeContent(request))).toBe('BAD_REQUEST');
  });
});

describe('saveFile', () => {
  it('writes where the chooser says, atomically, and reports the path', async () => {
    const dir = tempDir();
    const asked: string[] = [];
    const choose: ChooseSavePath = async ({ defaultName }) => {
      asked.push(defaultName);
      return path.join(dir, 'picked');
    };
    const result = await saveFile(choose, {
      suggestedName: 'x',
      kind: 'json',
      content: '{"a":1}',
      encoding: 'utf8',
    });
    expect(asked).toEqual(['x.json']);
    expect(result).toEqual({ saved: true, path: path.join(dir, 'picked.json') });
    expect(readFileSync(path.join(dir, 'picked.json'), 'utf8')).toBe('{"a":1}');
    // No temporary file left behind.
    expect(readdirSync(dir)).toEqual(['picked.json']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const result = await saveFile(async () => null, {
      suggestedName: 'x',
      kind: 'txt',
      content: 'hello',
      encoding: 'utf8',
    });
    expect(result).toEqual({ saved: false });
  });

  it('never opens the dialog for content it would refuse', async () => {
    let asked = false;
    await expect(
      saveFile(
        async () => {
          asked = true;
          return '/tmp/never';
        },
        { suggestedName: 'x', kind: 'png', content: 'nope', encoding: 'utf8' },
      ),
    ).rejects.toBeInstanceOf(HandlerError);
    expect(asked).toBe(false);
  });

  it('the folder chooser never overwrites: name (2), name (3)…', async () => {
    const dir = tempDir();
    const choose = folderChooser(path.join(dir, 'exports'));
    const request = { suggestedName: '表 2-1', kind: 'csv', content: 'a', encoding: 'utf8' } as const;
    const first = await saveFile(choose, request);
    const second = await saveFile(choose, request);
    expect(first.path).toBe(path.join(dir, 'exports', '表 2-1.csv'));
    expect(second.path).toBe(path.join(dir, 'exports', '表 2-1 (2).csv'));
    expect(existsSync(second.path ?? '')).toBe(true);
  });
});
