import { englishKey, type Glossary, type GlossaryEntry, glossaryWord } from './glossary.js';
import { normalize } from './normalize.js';
import { type SearchToken, tokenize } from './tokenize.js';

// Turns whatever the user typed into query units. Nothing here throws: the input is capped,
// normalised and tokenised by our own code, and lunr never sees the raw string (its query parser
// throws on `:` `~` `^` and friends).

/** Longer input is cut here: no passage needs a longer query, and cost grows with its length. */
export const MAX_QUERY_LENGTH = 200;
const MAX_UNITS = 24;
const MAX_EXPANSIONS = 6;
/** An occurrence of another form of the term (中华人民共和国 for 中国) counts less than what was typed. */
const VARIANT_WEIGHT = 0.7;
const MIN_VARIANT_SOURCE = 3;
const SECTION_NUMBERING = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*/u;

/** One searchable piece: a Han string, an English word (stemmed), or a number. */
export type Piece =
  | { kind: 'han'; text: string }
  | { kind: 'word'; term: string }
  | { kind: 'number'; term: string };

/** One way to satisfy a unit: pieces that must appear in this order, close together. */
export interface Alternative {
  label: string;
  /** Shared between queries for glossary forms: never modified. */
  pieces: readonly Piece[];
  /** From the glossary (the other language), not typed by the user. */
  translated: boolean;
  /**
   * How much an occurrence counts: 1 for what was typed and for the preferred translation; less
   * for a translation shorter than the preferred one (保险 for "insurance services" is broader
   * than 保险服务).
   */
  weight: number;
}

export interface QueryUnit {
  /** As the user typed it. */
  input: string;
  kind: 'term' | 'phrase' | 'excluded';
  alternatives: Alternative[];
}

export interface ParsedQuery {
  units: QueryUnit[];
  /** The input was longer than MAX_QUERY_LENGTH and was cut. */
  truncated: boolean;
  /** The input had words, but only stop words. */
  onlyStopWords: boolean;
}

function piecesOf(tokens: SearchToken[], source: string): Piece[] {
  const pieces: Piece[] = [];
  let lastUnit = -1;
  for (const token of tokens) {
    if (token.unit === lastUnit) continue;
    lastUnit = token.unit;
    if (token.kind === 'han') {
      const run = tokens.filter((t) => t.unit === token.unit);
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) continue;
      pieces.push({ kind: 'han', text: normalize(source.slice(first.start, last.start + last.length)) });
    } else pieces.push({ kind: token.kind, term: token.term });
  }
  return pieces;
}

function alternativeOf(text: string, translated: boolean, weight = 1): Alternative | undefined {
  const pieces = piecesOf(tokenize(text), text);
  return pieces.length > 0 ? { label: text, pieces, translated, weight } : undefined;
}

/** A glossary form, normalised and cut into pieces once: the glossary is fixed, queries are not. */
interface PreparedForm {
  normalized: string;
  pieces: readonly Piece[];
}
const preparedForms = new Map<string, PreparedForm>();

function prepared(form: string): PreparedForm {
  let found = preparedForms.get(form);
  if (!found) {
    const pieces = piecesOf(tokenize(form), form).map((piece) => Object.freeze(piece));
    found = { normalized: normalize(form), pieces: Object.freeze(pieces) };
    preparedForms.set(form, found);
  }
  return found;
}

function glossaryAlternative(form: string, translated: boolean, weight: number): Alternative | undefined {
  const { pieces } = prepared(form);
  return pieces.length > 0 ? { label: form, pieces, translated, weight } : undefined;
}

function translations(entries: GlossaryEntry[], side: 'zh' | 'en', typed?: string): Alternative[] {
  const seen = new Set<string>(typed ? [normalize(typed)] : []);
  const out: Alternative[] = [];
  for (const entry of entries) {
    const preferredLength = [...(entry[side][0] ?? '')].length || 1;
    for (const form of entry[side]) {
      const key = prepared(form).normalized;
      if (seen.has(key)) continue;
      seen.add(key);
      const alternative = glossaryAlternative(form, true, Math.min(1, [...form].length / preferredLength));
      if (alternative) out.push(alternative);
      if (out.length >= MAX_EXPANSIONS) return out;
    }
  }
  return out;
}

/**
 * Other Chinese forms of the same glossary entry (金融开放 → 金融业对外开放): searched too, but not
 * the forms contained in what was typed (保险 for 保险服务), which are broader, not the same.
 */
function variants(entries: GlossaryEntry[], typed: string): Alternative[] {
  const key = normalize(typed);
  const out: Alternative[] = [];
  // Two-character words (中国, 服务) are too common for their variants (我国) to help.
  if ([...key].length < MIN_VARIANT_SOURCE) return out;
  for (const entry of entries) {
    for (const form of entry.zh) {
      const { normalized } = prepared(form);
      if (normalized === key || key.includes(normalized) || out.some((a) => a.label === form)) continue;
      const alternative = glossaryAlternative(form, false, VARIANT_WEIGHT);
      if (alternative) out.push(alternative);
      if (out.length >= MAX_EXPANSIONS) return out;
    }
  }
  return out;
}

/** Splits raw input into quoted phrases, -exclusions, and the rest. */
function splitInput(input: string): { phrases: string[]; excluded: string[]; rest: string } {
  const phrases: string[] = [];
  const excluded: string[] = [];
  const withoutPhrases = input.replace(
    /["“”„「」『』]([^"“”„「」『』]*)["“”„「」『』]?/gu,
    (_m, inner: string) => {
      if (inner.trim() !== '') phrases.push(inner.trim());
      return ' ';
    },
  );
  const rest = withoutPhrases.replace(/(^|\s)[-－—–]+(\S+)/gu, (_m, lead: string, word: string) => {
    excluded.push(word);
    return lead;
  });
  return { phrases, excluded, rest };
}

/**
 * Units of free text: each Han run, number and English word is a unit; consecutive English words
 * that form a glossary term become one unit (longest first: "traditional Chinese medicine" is
 * 中医药, not 传统 + 中国 + 医药).
 */
function freeTextUnits(text: string, glossary: Glossary, kind: 'term' | 'excluded'): QueryUnit[] {
  const tokens = tokenize(text);
  const units: QueryUnit[] = [];
  const groups: SearchToken[][] = [];
  for (const token of tokens) {
    const group = groups[groups.length - 1];
    if (group && group[0]?.unit === token.unit) group.push(token);
    else groups.push([token]);
  }
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? [];
    const first = group[0];
    if (!first) continue;
    if (first.kind === 'word') {
      let taken = 1;
      let entries: GlossaryEntry[] = [];
      for (let n = Math.min(glossary.maxWords, groups.length - i); n >= 1; n--) {
        const words = groups.slice(i, i + n);
        if (words.some((g) => g[0]?.kind !== 'word')) continue;
        const found = glossary.english(
          words
            .map((g) => glossaryWord(text.slice(g[0]?.start ?? 0, (g[0]?.start ?? 0) + (g[0]?.length ?? 0))))
            .join(' '),
        );
        if (found.length > 0) {
          taken = n;
          entries = found;
          break;
        }
      }
      const span = groups.slice(i, i + taken).flat();
      const start = span[0]?.start ?? 0;
      const last = span[span.length - 1];
      const input = text.slice(start, (last?.start ?? 0) + (last?.length ?? 0));
      const typed: Alternative = { label: input, pieces: piecesOf(span, text), translated: false, weight: 1 };
      units.push({ input, kind, alternatives: [typed, ...translations(entries, 'zh', input)] });
      i += taken - 1;
      continue;
    }
    const last = group[group.length - 1];
    const input = text.slice(first.start, (last?.start ?? 0) + (last?.length ?? 0));
    const typed: Alternative = {
      label: normalize(input),
      pieces: piecesOf(group, text),
      translated: false,
      weight: 1,
    };
    const entries = first.kind === 'han' ? glossary.chinese(normalize(input)) : [];
    units.push({
      input,
      kind,
      alternatives: [typed, ...variants(entries, input), ...translations(entries, 'en', input)],
    });
  }
  return units;
}

export function parseQuery(raw: string, glossary: Glossary): ParsedQuery {
  const chars = [...raw];
  const truncated = chars.length > MAX_QUERY_LENGTH;
  const input = chars.slice(0, MAX_QUERY_LENGTH).join('');
  const split = splitInput(input);
  const { phrases, excluded } = split;
  // "五、…" or "（三）…" typed before a section title is its printed numbering, not a term.
  const rest = split.rest.replace(SECTION_NUMBERING, '');
  const units: QueryUnit[] = [];
  for (const phrase of phrases) {
    const typed = alternativeOf(phrase, false);
    if (!typed) continue;
    const key = typed.pieces.every((p) => p.kind === 'word') ? englishKey(phrase) : '';
    const other = key
      ? translations(glossary.english(key), 'zh')
      : translations(glossary.chinese(normalize(phrase)), 'en');
    units.push({ input: phrase, kind: 'phrase', alternatives: [typed, ...other] });
  }
  units.push(...freeTextUnits(rest, glossary, 'term'));
  for (const word of excluded) units.push(...freeTextUnits(word, glossary, 'excluded'));
  const hadWords = /[\p{L}\p{N}]/u.test(input);
  const positive = units.filter((u) => u.kind !== 'excluded');
  return {
    units: units.slice(0, MAX_UNITS),
    truncated,
    onlyStopWords: hadWords && positive.length === 0 && tokenize(rest, { keepStopWords: true }).length > 0,
  };
}
