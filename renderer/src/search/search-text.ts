import type { SearchResult, UnderstoodTermPayload } from '../../../main/ipc/schemas/search.js';
import type { Translate } from '../i18n/index.js';

// The words around a search: how the query was understood and a count that says exactly what the
// list is (passages with every term, or the closest ones when none has them all).

/** "insurance → 保险服务 / 保险", "中國 → 中国", "without 保险"; terms with nothing to add are listed as typed. */
export function describeTerm(term: UnderstoodTermPayload, t: Translate): string {
  const input = term.kind === 'phrase' ? `“${term.input}”` : term.input;
  const forms = [...(term.normalized !== undefined ? [term.normalized] : []), ...term.expansions];
  const unique = forms.filter((form, i) => forms.indexOf(form) === i && form !== term.input);
  const described = unique.length > 0 ? `${input} → ${unique.join(' / ')}` : input;
  return term.kind === 'excluded' ? t('search.without', { term: described }) : described;
}

/** The understood line, or null when every term was searched exactly as typed. */
export function understoodLine(response: SearchResult, t: Translate): string | null {
  if (!response.understood.some((u) => u.expansions.length > 0 || u.normalized !== undefined)) return null;
  return response.understood.map((term) => describeTerm(term, t)).join('；');
}

export function countLine(response: SearchResult, t: Translate): string {
  if (response.onlyStopWords) return t('search.stopWords');
  if (response.mode === 'none') return t('search.none');
  if (response.mode === 'best') return t('search.best');
  const positive = response.understood.filter((u) => u.kind !== 'excluded').length;
  const one = response.total === 1;
  const key =
    positive > 1
      ? one
        ? 'search.count.all.one'
        : 'search.count.all'
      : one
        ? 'search.count.single.one'
        : 'search.count.single';
  const line = t(key, { count: response.total });
  return response.hits.length < response.total
    ? `${line}${t('search.listSeparator')}${t('search.count.shown', { count: response.hits.length })}`
    : line;
}
