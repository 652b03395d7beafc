import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AnnotationFileError,
  decodeUtf8,
  parseCollectionText,
  readFileBounded,
} from '../../main/annotations/codec.js';
import { emptyCollection } from '../../main/annotations/model.js';

// Reading an annotations file as bytes: what is refused, and how, before any parsing.

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'rr-codec-'));

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AnnotationFileError) return error.problem;
    throw error;
  }
  return 'none';
}

describe('annotation file bytes', () => {
  it('reads a regular file whole', async () => {
    const file = path.join(dir(), 'a.json');
    writeFileSync(file, '{"a":"中文 😀"}');
    expect((await readFileBounded(file)).toString('utf8')).toBe('{"a":"中文 😀"}');
  });

  it('refuses what is missing, a folder, a FIFO (without hanging) and a file over the limit', async () => {
    const folder = dir();
    expect(await problemOf(readFileBounded(path.join(folder, 'nothing.json')))).toBe('missing');
    expect(await problemOf(readFileBounded(folder))).toBe('unreadable');
    const fifo = path.join(folder, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(await problemOf(readFileBounded(fifo))).toBe('unreadable');
    const big = path.join(folder, 'big.json');
    writeFileSync(big, 'x'.repeat(2048));
    expect(await problemOf(readFileBounded(big, 1024))).toBe('too-large');
    expect((await readFileBounded(big, 2048)).length).toBe(2048);
  });

  it('decodes UTF-8 strictly, keeping a BOM for the parser to skip', () => {
    expect(() => decodeUtf8(Uint8Array.from([0x7b, 0xff, 0x7d]))).toThrow(AnnotationFileError);
    expect(() => decodeUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toThrow(/UTF-8/u); // a lone surrogate
    const json = JSON.stringify(emptyCollection());
    const text = decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseCollectionText(text).collection.items).toEqual([]);
  });
});
