// Query-side word segmentation (the platform's ICU word segmenter). Only query interpretation
// uses words — close matches, their highlights and section naming — never the index: its bigrams
// must not depend on the ICU version of the machine that built it.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Words of two or more characters, as [from, to) character indexes; the whole text when the
 * segmenter finds none.
 */
export function wordRanges(chars: readonly string[]): [number, number][] {
  const words: [number, number][] = [];
  let at = 0;
  for (const { segment } of segmenter.segment(chars.join(''))) {
    const length = [...segment].length;
    if (length >= 2) words.push([at, at + length]);
    at += length;
  }
  return words.length > 0 ? words : [[0, chars.length]];
}

/** The words of two or more characters in `text` (金融业开放 → 金融, 开放). */
export function wordsOf(text: string): string[] {
  const chars = [...text];
  return wordRanges(chars).map(([from, to]) => chars.slice(from, to).join(''));
}
