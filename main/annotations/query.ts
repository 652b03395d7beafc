// The annotations sidebar's search box: does an annotation's quote, note, tags or section match the
// typed text? Shared by the renderer (what the list shows) and annotations:export (what is
// exported with the same filters), so both agree. No imports: the renderer bundles this file.

export interface Searchable {
  quote: string;
  note: string;
  tags: readonly string[];
  sectionPath?: readonly string[];
}

/** Case- and width-insensitive form: NFKC folds full-width Latin letters and digits. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/** Every whitespace-separated term of `query` occurs in the quote, note, tags or section titles. */
export function matchesQuery(item: Searchable, query: string): boolean {
  const terms = foldForSearch(query).split(/\s+/u).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = foldForSearch(
    [item.quote, item.note, ...item.tags, ...(item.sectionPath ?? [])].join('\n'),
  );
  return terms.every((term) => haystack.includes(term));
}
