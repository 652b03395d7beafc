import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.js';
import { createTranslator, dictionaries, LOCALES } from '../../renderer/src/i18n/index.js';
import { zh } from '../../renderer/src/i18n/zh.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('i18n dictionaries', () => {
  it('have identical key sets', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('have a dictionary for every UI locale', () => {
    expect(Object.keys(dictionaries).sort()).toEqual([...LOCALES].sort());
  });

  it('have no empty strings and the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('cover every key the components ask for', () => {
    // Keys are written literally (t('library.title')) or as template prefixes (t(`kind.${kind}`)).
    const keys = new Set(Object.keys(en));
    for (const file of sourceFiles(path.resolve('renderer/src'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([^']+)'/g))
        expect(keys.has(match[1] ?? ''), `${file}: ${match[1]}`).toBe(true);
      for (const match of source.matchAll(/\bt\(\s*`([^`$]+)\$\{/g)) {
        const prefix = match[1] ?? '';
        expect(
          [...keys].some((key) => key.startsWith(prefix)),
          `${file}: ${prefix}`,
        ).toBe(true);
      }
    }
  });
});

describe('createTranslator', () => {
  it('translates and fills placeholders', () => {
    expect(createTranslator('zh-CN')('library.count', { count: 5 })).toBe('共 5 篇');
    expect(createTranslator('en')('library.count', { count: 5 })).toBe('5 texts');
    expect(createTranslator('en')('kind.paper')).toBe('Paper');
    expect(createTranslator('zh-CN')('kind.article')).toBe('新闻');
  });

  it('leaves a missing placeholder visible', () => {
    expect(createTranslator('en')('footer.version')).toBe('Version {version}');
  });
});
