import * as OpenCC from 'opencc-js';

// One normalisation for documents and queries, so that whatever the user types meets the text:
// NFKC folds full-width letters and digits (ＲＣＥＰ → RCEP), case is folded, traditional characters
// become simplified (中國服務貿易 → 中国服务贸易), and invisible characters disappear.

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Zero-width and format characters, BOM, and lone surrogates: never part of a word. */
const INVISIBLE =
  /[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u00ad]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

export interface Normalized {
  text: string;
  /** For each UTF-16 unit of `text`, the index of the unit in the original it came from. */
  origin: number[];
}

/**
 * Normalises per code point so that every character of the result can be traced back to the
 * original (for highlighting). Traditional → simplified conversion is character for character
 * here; when the converter changes the length of the text, it is applied per code point instead.
 */
export function normalizeWithOrigin(input: string): Normalized {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of input) {
    const at = index;
    index += char.length;
    if (INVISIBLE.test(char)) continue;
    const folded = char.normalize('NFKC').toLowerCase();
    text += folded;
    for (let i = 0; i < folded.length; i++) origin.push(at);
  }
  const simplified = toSimplified(text);
  if (simplified.length === text.length) return { text: simplified, origin };
  let perChar = '';
  const perCharOrigin: number[] = [];
  let i = 0;
  for (const char of text) {
    const converted = toSimplified(char);
    perChar += converted;
    for (let k = 0; k < converted.length; k++) perCharOrigin.push(origin[i] ?? 0);
    i += char.length;
  }
  return { text: perChar, origin: perCharOrigin };
}

export function normalize(input: string): string {
  return normalizeWithOrigin(input).text;
}
