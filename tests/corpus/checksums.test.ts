import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../main/corpus/manifest.js';
import { ROOT } from './report-fixture.js';

const corpus = path.join(ROOT, 'assets', 'corpus');

describe('bundled sources', () => {
  const sums = readFileSync(path.join(corpus, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash, name] = line.split(/\s+\*?/u);
      return { hash, name };
    });

  it('lists the five texts', () => {
    expect(sums.map((s) => s.name).sort()).toEqual(MANIFEST.map((m) => m.source).sort());
    const texts = readdirSync(corpus).filter((f) => f.endsWith('.txt'));
    expect(texts.sort()).toEqual(MANIFEST.map((m) => m.source).sort());
  });

  it.each(MANIFEST.map((m) => m.source))('%s is unchanged', (name) => {
    const expected = sums.find((s) => s.name === name)?.hash;
    const actual = createHash('sha256')
      .update(readFileSync(path.join(corpus, name)))
      .digest('hex');
    expect(actual).toBe(expected);
  });
});

describe('manifest', () => {
  it('describes each document with ids, kinds and bilingual titles', () => {
    expect(MANIFEST.map((m) => m.kind)).toEqual(['report', 'paper', 'article', 'article', 'article']);
    expect(new Set(MANIFEST.map((m) => m.id)).size).toBe(5);
    for (const doc of MANIFEST) {
      expect(doc.title.zh).toMatch(/\p{Script=Han}/u);
      expect(doc.title.en).toMatch(/^[\x20-\x7e’]+$/u);
    }
    // The report's English title is printed on its title page.
    const report = readFileSync(path.join(corpus, MANIFEST[0]?.source ?? ''), 'utf8');
    expect(report).toContain("REPORT ON CHINA'S DEVELOPMENT");
    expect(MANIFEST[0]?.title.en.toUpperCase()).toContain("CHINA'S DEVELOPMENT OF TRADE IN SERVICES");
  });
});
