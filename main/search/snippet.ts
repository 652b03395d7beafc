// A snippet: a window of the passage around its first match, cut on character boundaries
// (never inside a surrogate pair), with the match ranges shifted into the window.

const BEFORE = 24;
const LENGTH = 110;

export interface Snippet {
  text: string;
  highlights: [number, number][];
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function safeBoundary(text: string, index: number): number {
  let at = Math.max(0, Math.min(index, text.length));
  if (at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at))) at--;
  return at;
}

export function makeSnippet(text: string, spans: readonly [number, number][]): Snippet {
  const first = spans[0];
  let start = safeBoundary(text, first ? first[0] - BEFORE : 0);
  const end = safeBoundary(text, start + LENGTH);
  if (end === text.length) start = safeBoundary(text, Math.max(0, Math.min(start, text.length - LENGTH)));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const highlights = spans
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [
      Math.max(s, start) - start + prefix.length,
      Math.min(e, end) - start + prefix.length,
    ]);
  return { text: `${prefix}${text.slice(start, end)}${suffix}`, highlights };
}

/** The snippet with its highlights wrapped in 【】, for terminal output. */
export function markSnippet(snippet: Snippet): string {
  let out = '';
  let at = 0;
  for (const [s, e] of snippet.highlights) {
    out += `${snippet.text.slice(at, s)}【${snippet.text.slice(s, e)}】`;
    at = e;
  }
  return out + snippet.text.slice(at);
}
