import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { normalize } from './normalize.js';
import { tokenize } from './tokenize.js';

// The bilingual glossary (assets/glossary/glossary.json) lets an English query find Chinese
// passages ("insurance" → 保险) and a Chinese query find the English abstract. English terms are
// keyed by their stemmed words, so "Insurance Services" and "insurance service" meet.

const entrySchema = z.object({
  zh: z.array(z.string().min(1)).min(1),
  en: z.array(z.string().min(1)).min(1),
  category: z.string(),
  source: z.string(),
  note: z.string().optional(),
  ambiguous: z.boolean().optional(),
});

const glossarySchema = z.object({
  version: z.number(),
  sources: z.record(z.string(), z.string()),
  entries: z.array(entrySchema),
});

export type GlossaryEntry = z.infer<typeof entrySchema>;
export type GlossaryFile = z.infer<typeof glossarySchema>;

export function parseGlossary(json: unknown): GlossaryFile {
  return glossarySchema.parse(json);
}

export function readGlossary(file: string): GlossaryFile {
  return parseGlossary(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * A word as the glossary compares it: lower case, a plural -s dropped. Not the Porter stem the
 * index uses: that maps "servicization" and "services" both to "servic".
 */
export function glossaryWord(word: string): string {
  const lower = normalize(word);
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}

/** The key of an English term: its stop-word-free words, as glossaryWord() compares them. */
export function englishKey(text: string): string {
  return tokenize(text)
    .filter((t) => t.kind !== 'han')
    .map((t) => glossaryWord(text.slice(t.start, t.start + t.length)))
    .join(' ');
}

export class Glossary {
  private readonly byEnglish = new Map<string, GlossaryEntry[]>();
  private readonly byChinese = new Map<string, GlossaryEntry[]>();
  /** The longest English key, in words. */
  readonly maxWords: number;

  constructor(readonly file: GlossaryFile) {
    let maxWords = 1;
    for (const entry of file.entries) {
      for (const en of entry.en) {
        const key = englishKey(en);
        if (key === '') continue;
        maxWords = Math.max(maxWords, key.split(' ').length);
        push(this.byEnglish, key, entry);
      }
      for (const zh of entry.zh) push(this.byChinese, normalize(zh), entry);
    }
    this.maxWords = maxWords;
  }

  static empty(): Glossary {
    return new Glossary({ version: 1, sources: {}, entries: [] });
  }

  /** Entries whose English form has exactly these stemmed words. */
  english(key: string): GlossaryEntry[] {
    return this.byEnglish.get(key) ?? [];
  }

  /** Entries with this (normalised) Chinese form. */
  chinese(text: string): GlossaryEntry[] {
    return this.byChinese.get(text) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
