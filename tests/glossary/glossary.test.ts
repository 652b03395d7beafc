import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The bilingual glossary behind cross-language search (assets/glossary/glossary.json).
// These checks keep it well formed, sourced and anchored in the five bundled texts.

interface Entry {
  zh: string[];
  en: string[];
  category: string;
  source: string;
  note?: string;
  ambiguous?: boolean;
}

interface GlossaryFile {
  version: number;
  description: string;
  sources: Record<string, string>;
  entries: Entry[];
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const glossary = JSON.parse(
  readFileSync(path.join(ROOT, 'assets', 'glossary', 'glossary.json'), 'utf8'),
) as GlossaryFile;
const entries = glossary.entries;

const CATEGORIES = [
  'ebops',
  'policy',
  'programme',
  'zone',
  'place',
  'organisation',
  'agreement',
  'acronym',
  'economy',
  'sector',
  'statistics',
  'general',
];

/** The 12 EBOPS 2010 main categories (MSITS 2010) and the report's Chinese name for each. */
const EBOPS_MAIN: [string, string][] = [
  ['Manufacturing services on physical inputs owned by others', '加工服务'],
  ['Maintenance and repair services n.i.e.', '维护和维修服务'],
  ['Transport', '运输'],
  ['Travel', '旅行'],
  ['Construction', '建筑'],
  ['Insurance and pension services', '保险服务'],
  ['Financial services', '金融服务'],
  ['Charges for the use of intellectual property n.i.e.', '知识产权使用费'],
  ['Telecommunications, computer, and information services', '电信、计算机和信息服务'],
  ['Other business services', '其他商业服务'],
  ['Personal, cultural, and recreational services', '个人文化和娱乐服务'],
  ['Government goods and services n.i.e.', '别处未提及的政府服务'],
];

const HAN = /\p{Script=Han}/u;
/** A word that keeps its case: two capitals (GATS, IoT, R&D) or a capital and a digit (M2, 5G). */
const ACRONYM = /\p{Lu}.*[\p{Lu}\d]|\d.*\p{Lu}/u;

/** Maps each form (by key) to the indexes of the entries that list it. */
function formIndex(pick: (e: Entry) => string[], key: (s: string) => string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const form of new Set(pick(entry).map(key))) {
      const list = index.get(form);
      if (list) list.push(i);
      else index.set(form, [i]);
    }
  });
  return index;
}

/** Forms shared by entries that are not all flagged "ambiguous": true. */
function unflaggedShares(index: Map<string, number[]>): string[] {
  return [...index]
    .filter(([, ids]) => ids.length > 1 && !ids.every((i) => entries[i]?.ambiguous === true))
    .map(([form, ids]) => `${form}: ${ids.map((i) => entries[i]?.zh[0]).join(' / ')}`);
}

const enKey = (s: string) => s.trim().toLowerCase();
const zhKey = (s: string) => s.normalize('NFKC').trim();
const byEnglish = formIndex((e) => e.en, enKey);
const byChinese = formIndex((e) => e.zh, zhKey);

function corpusTexts(): { raw: string; flat: string } {
  const dir = path.join(ROOT, 'assets', 'corpus');
  const raw = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n')
    .normalize('NFKC');
  // Page breaks split terms across lines (增加值贸 / 易); Chinese needs no spaces, so also compare without them.
  return { raw, flat: raw.replace(/\s+/gu, '') };
}

describe('glossary file', () => {
  it('has a version, a description and cited sources', () => {
    expect(glossary.version).toBe(1);
    expect(glossary.description.length).toBeGreaterThan(50);
    const keys = Object.keys(glossary.sources);
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect(glossary.sources[key]?.length ?? 0).toBeGreaterThan(20);
  });

  it('has at least 400 entries', () => {
    expect(entries.length).toBeGreaterThanOrEqual(400);
  });

  it('gives every entry Chinese and English forms, a known category and a defined source', () => {
    const bad: string[] = [];
    for (const e of entries) {
      const label = JSON.stringify(e.zh);
      if (!Array.isArray(e.zh) || e.zh.length === 0 || e.zh.some((z) => typeof z !== 'string' || !z.trim()))
        bad.push(`${label}: zh`);
      if (!Array.isArray(e.en) || e.en.length === 0 || e.en.some((s) => typeof s !== 'string' || !s.trim()))
        bad.push(`${label}: en`);
      if (!HAN.test(e.zh[0] ?? '')) bad.push(`${label}: preferred zh has no Chinese`);
      if (!CATEGORIES.includes(e.category)) bad.push(`${label}: category ${e.category}`);
      if (!Object.hasOwn(glossary.sources, e.source)) bad.push(`${label}: source ${e.source}`);
      if (e.note !== undefined && (typeof e.note !== 'string' || !e.note.trim())) bad.push(`${label}: note`);
      if (e.ambiguous !== undefined && e.ambiguous !== true) bad.push(`${label}: ambiguous must be true`);
    }
    expect(bad).toEqual([]);
  });

  it('cites every source it defines', () => {
    const used = new Set(entries.map((e) => e.source));
    expect(Object.keys(glossary.sources).filter((k) => !used.has(k))).toEqual([]);
  });

  it('writes English in lower case except acronyms', () => {
    const bad = entries.flatMap((e) =>
      e.en.filter((en) =>
        en.split(/[\s,()/;:-]+/u).some((word) => !ACRONYM.test(word) && word !== word.toLowerCase()),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('has no duplicate preferred Chinese forms', () => {
    const seen = new Map<string, number>();
    for (const e of entries) seen.set(zhKey(e.zh[0] ?? ''), (seen.get(zhKey(e.zh[0] ?? '')) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([zh]) => zh)).toEqual([]);
  });

  it('maps no English form to two entries unless both are flagged ambiguous', () => {
    expect(unflaggedShares(byEnglish)).toEqual([]);
  });

  it('maps no Chinese form to two entries unless both are flagged ambiguous', () => {
    expect(unflaggedShares(byChinese)).toEqual([]);
  });

  it('flags as ambiguous only entries that really share a form', () => {
    const shares = (i: number) =>
      entries[i]?.en.some((s) => (byEnglish.get(enKey(s))?.length ?? 0) > 1) ||
      entries[i]?.zh.some((s) => (byChinese.get(zhKey(s))?.length ?? 0) > 1);
    const lonely = entries.flatMap((e, i) => (e.ambiguous && !shares(i) ? [e.zh[0]] : []));
    expect(lonely).toEqual([]);
    // The designed cases: M2 (GATS mode 2 / broad money), FTA (agreement / area), CPC (party / classification).
    for (const form of ['m2', 'fta', 'cpc']) expect(byEnglish.get(form)?.length).toBe(2);
  });
});

describe('EBOPS 2010', () => {
  it.each(EBOPS_MAIN)('lists "%s" as %s', (official, zh) => {
    const entry = entries.find((e) => e.category === 'ebops' && e.en[0] === official.toLowerCase());
    expect(entry, official).toBeDefined();
    expect(entry?.source).toBe('ebops2010');
    expect(entry?.zh).toContain(zh);
  });
});

describe('cross-language expansion', () => {
  const zhFor = (en: string) => (byEnglish.get(enKey(en)) ?? []).flatMap((i) => entries[i]?.zh ?? []);
  const enFor = (zh: string) => (byChinese.get(zhKey(zh)) ?? []).flatMap((i) => entries[i]?.en ?? []);

  it.each([
    ['insurance', '保险'],
    ['traditional chinese medicine', '中医药'],
    ['CIFTIS', '服贸会'],
    ['trade in services', '服务贸易'],
    ['services trade', '服务贸易'],
    ['negative list', '负面清单'],
    ['dual circulation', '双循环'],
    ['cross-border supply', '跨境交付'],
    ['RCEP', '区域全面经济伙伴关系协定'],
    ['Hainan Free Trade Port', '海南自由贸易港'],
    ['pilot free trade zones', '自由贸易试验区'],
    ['service outsourcing model cities', '服务外包示范城市'],
    ['characteristic service export bases', '特色服务出口基地'],
    ['Guangdong-Hong Kong-Macao Greater Bay Area', '粤港澳大湾区'],
    ['MOFCOM', '商务部'],
  ])('expands "%s" to %s', (en, zh) => {
    expect(zhFor(en)).toContain(zh);
  });

  it.each([
    ['保险', 'insurance'],
    ['知识密集型服务', 'knowledge-intensive services'],
    ['十四五', '14th five-year plan'],
    ['中国香港', 'hong kong'],
    ['逆差', 'deficit'],
  ])('expands %s to "%s"', (zh, en) => {
    expect(enFor(zh)).toContain(en);
  });
});

describe('anchoring in the corpus', () => {
  const { raw, flat } = corpusTexts();
  const occurs = (zh: string) => {
    const form = zh.normalize('NFKC');
    return raw.includes(form) || flat.includes(form.replace(/\s+/gu, ''));
  };
  const absent = entries.filter((e) => !e.zh.some(occurs));

  it('finds a Chinese form of at least 95% of the entries in the texts', () => {
    const share = (entries.length - absent.length) / entries.length;
    expect(share, absent.map((e) => e.zh[0]).join(', ')).toBeGreaterThanOrEqual(0.95);
  });

  it('explains in a note why the others are included', () => {
    expect(absent.filter((e) => !e.note).map((e) => e.zh[0])).toEqual([]);
  });

  it('finds the economies of the report tables', () => {
    for (const zh of [
      '中国',
      '澳大利亚',
      '印尼',
      '韩国',
      '美国',
      '欧盟',
      '东盟',
      '东亚',
      'APEC',
      'USMCA',
      'RCEP',
    ]) {
      expect(byChinese.has(zhKey(zh)), zh).toBe(true);
      expect(occurs(zh), zh).toBe(true);
    }
  });
});
