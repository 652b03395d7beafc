import lunr from 'lunr';
import { normalizeWithOrigin } from './normalize.js';

// The tokenizer shared by the index and the queries.
//
// Han text: every character as a unigram and every overlapping pair as a bigram. A substring of
// two or more characters is found as a chain of its bigrams, a single character as its unigram.
// (Bigrams with only the run's last character as a unigram made a smaller index, but a single
// character then needed a prefix expansion over hundreds of terms: ~10 ms instead of ~1 ms.)
// Measured on this corpus against ICU word segmentation (Intl.Segmenter): segmentation gave a
// smaller index with similar ranking, but split 服务外包 into 服务/外/包, missed partial words, and
// depended on the ICU version of the machine that built the index. Bigrams found every substring.
//
// Latin text: words folded to lower case, English stop words dropped, Porter-stemmed (lunr's
// stemmer). Numbers stay whole: 6617.2, 2020, 13.9% (as 13.9), 1,053,203 (as 1053203).

export type TokenKind = 'han' | 'word' | 'number';

export interface SearchToken {
  term: string;
  kind: TokenKind;
  /** Position in the original text, in UTF-16 units: [start, length]. */
  start: number;
  length: number;
  /** Index of the Han run or word this token came from, in order of appearance. */
  unit: number;
}

const LETTER = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{M}])`;
const RUN = new RegExp(String.raw`(\p{Script=Han}+)|(\d+(?:[.,]\d+)*)|(${LETTER}+(?:['’]${LETTER}+)*)`, 'gu');

const stopWords = lunr.stopWordFilter;

export function stem(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}

export function isStopWord(word: string): boolean {
  return stopWords(new lunr.Token(word, {})) === undefined;
}

export interface TokenizeOptions {
  /** Keep stop words (used to decide whether a query was only stop words). */
  keepStopWords?: boolean;
}

export function tokenize(input: string, options: TokenizeOptions = {}): SearchToken[] {
  const { text, origin } = normalizeWithOrigin(input);
  const span = (from: number, to: number): { start: number; length: number } => {
    const start = origin[from] ?? 0;
    const lastUnit = origin[to - 1] ?? start;
    const lastChar = input.codePointAt(lastUnit) ?? 0;
    return { start, length: lastUnit + (lastChar > 0xffff ? 2 : 1) - start };
  };
  const tokens: SearchToken[] = [];
  let unit = 0;
  for (const match of text.matchAll(RUN)) {
    const at = match.index;
    const [whole, han, number, word] = match;
    if (han) {
      const chars = [...han];
      let offset = at;
      chars.forEach((char, i) => {
        tokens.push({ term: char, kind: 'han', unit, ...span(offset, offset + char.length) });
        const next = chars[i + 1];
        if (next)
          tokens.push({
            term: `${char}${next}`,
            kind: 'han',
            unit,
            ...span(offset, offset + char.length + next.length),
          });
        offset += char.length;
      });
    } else if (number) {
      tokens.push({ term: number.replace(/,/gu, ''), kind: 'number', unit, ...span(at, at + whole.length) });
    } else if (word) {
      if (!options.keepStopWords && isStopWord(word)) continue;
      tokens.push({ term: stem(word), kind: 'word', unit, ...span(at, at + whole.length) });
    }
    unit++;
  }
  return tokens;
}
