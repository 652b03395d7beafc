import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { corruptName, fileStamp, loadJsonFile, saveJsonFile } from '../../main/settings/json-file.js';

const Schema = z.object({ n: z.number().int() });
const defaults = () => ({ n: 7 });
const at = new Date('2024-05-01T12:30:00.123Z');

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rr-json-'));
}

describe('json data files', () => {
  it('stamps file names without characters Windows refuses', () => {
    expect(fileStamp(at)).toBe('2024-05-01T12-30-00-123Z');
  });

  it('gives the defaults for a missing file and writes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.json');
    expect(loadJsonFile(file, Schema, defaults)).toEqual({ status: 'missing', value: { n: 7 } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('round-trips a value, creating the folder, without leaving temporary files', () => {
    const dir = path.join(tempDir(), 'nested', 'deeper');
    const file = path.join(dir, 'data.json');
    saveJsonFile(file, { n: 3 });
    expect(loadJsonFile(file, Schema, defaults)).toEqual({ status: 'ok', value: { n: 3 } });
    saveJsonFile(file, { n: 4 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ n: 4 });
    expect(readdirSync(dir)).toEqual(['data.json']);
  });

  it.each([
    ['unparsable JSON', '{"n": 3'],
    ['a value of the wrong shape', '{"n": "three"}'],
    ['an empty file', ''],
    ['JSON null', 'null'],
  ])('moves %s aside, keeps its bytes and starts from the defaults', (_name, content) => {
    const dir = tempDir();
    const file = path.join(dir, 'data.json');
    writeFileSync(file, content);
    const result = loadJsonFile(file, Schema, defaults, () => at);
    expect(result.status).toBe('recovered');
    expect(result.value).toEqual({ n: 7 });
    if (result.status !== 'recovered') return;
    expect(result.movedTo).toBe('data.corrupt-2024-05-01T12-30-00-123Z.json');
    expect(result.reason.length).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(path.join(dir, result.movedTo), 'utf8')).toBe(content);
  });

  it('never overwrites an earlier corrupt copy', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.json');
    writeFileSync(path.join(dir, corruptName(file, at)), 'first');
    expect(corruptName(file, at)).toBe('data.corrupt-2024-05-01T12-30-00-123Z-1.json');
    writeFileSync(file, 'second');
    const result = loadJsonFile(file, Schema, defaults, () => at);
    expect(result.status === 'recovered' && result.movedTo).toBe(
      'data.corrupt-2024-05-01T12-30-00-123Z-1.json',
    );
    expect(readFileSync(path.join(dir, 'data.corrupt-2024-05-01T12-30-00-123Z.json'), 'utf8')).toBe('first');
  });

  it('throws, and touches nothing, when the file cannot be read for another reason', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.json');
    mkdirSync(file);
    expect(() => loadJsonFile(file, Schema, defaults)).toThrow();
    expect(readdirSync(dir)).toEqual(['data.json']);
  });
});
