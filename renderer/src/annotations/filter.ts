import { matchesQuery } from '../../../main/annotations/query.js';
import type { AnnotationView, KindFilter, PanelFilters } from './state.js';

// What the annotations sidebar lists for its filters, and the same filters as the export request
// (so "Export" saves exactly what the list shows).

export function kindMatches(a: AnnotationView, kind: KindFilter): boolean {
  switch (kind) {
    case 'all':
      return true;
    case 'highlighting':
    case 'commenting':
    case 'bookmarking':
      return a.motivation === kind;
    case 'review':
      return a.status === 'needs-review';
  }
}

export function filterAnnotations(
  items: readonly AnnotationView[],
  filters: PanelFilters,
  docId: string | null,
): AnnotationView[] {
  const out = items.filter(
    (a) =>
      (!filters.thisText || docId === null || a.docId === docId) &&
      (filters.color === null || a.color === filters.color) &&
      (filters.tag === null || a.tags.includes(filters.tag)) &&
      kindMatches(a, filters.kind) &&
      matchesQuery(a, filters.query),
  );
  // `items` is in reading order already.
  if (filters.sort === 'date')
    out.sort((a, b) => b.modified.localeCompare(a.modified) || b.created.localeCompare(a.created));
  return out;
}

/** Every tag in use, most used first, then alphabetically. */
export function tagsInUse(items: readonly AnnotationView[]): string[] {
  const counts = new Map<string, number>();
  for (const a of items) for (const tag of a.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

/** The export request's filter for the sidebar's filters. */
export function exportFilter(
  filters: PanelFilters,
  docId: string | null,
): {
  docId?: string;
  color?: NonNullable<PanelFilters['color']>;
  tag?: string;
  motivation?: AnnotationView['motivation'];
  status?: AnnotationView['status'];
} {
  return {
    ...(filters.thisText && docId !== null ? { docId } : {}),
    ...(filters.color !== null ? { color: filters.color } : {}),
    ...(filters.tag !== null ? { tag: filters.tag } : {}),
    ...(filters.kind === 'review'
      ? { status: 'needs-review' as const }
      : filters.kind !== 'all'
        ? { motivation: filters.kind }
        : {}),
  };
}

/** Split typed text into tags: commas (also full-width，、) and line breaks separate them. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,，、\n]/u)
    .map((tag) => tag.normalize('NFC').trim())
    .filter((tag) => tag.length > 0);
}

/** Add tags to a list, keeping the first spelling of each and the order. */
export function addTags(list: readonly string[], added: readonly string[]): string[] {
  const out = [...list];
  for (const tag of added) if (!out.includes(tag)) out.push(tag);
  return out;
}
