import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesQuery } from '../../../main/annotations/query.js';
import { COLOR_INFO, colorInfo, highlightClass } from '../../../renderer/src/annotations/colors.js';
import {
  addTags,
  exportFilter,
  filterAnnotations,
  splitTags,
  tagsInUse,
} from '../../../renderer/src/annotations/filter.js';
import { NoteText } from '../../../renderer/src/annotations/NoteText.js';
import { type AnnotationView, DEFAULT_FILTERS, indexItems } from '../../../renderer/src/annotations/state.js';

// The sidebar's filters, the export request built from them, tags, colours, notes.

function view(overrides: Partial<AnnotationView>): AnnotationView {
  return {
    id: 'a',
    docId: 'report',
    motivation: 'highlighting',
    kind: 'text',
    targetId: 'report.p-1',
    jumpBlockId: 'report.p-1',
    sectionId: 's',
    sectionPath: ['保险服务'],
    page: 41,
    start: 0,
    end: 2,
    quote: '服务',
    note: '',
    noteFormat: 'text/markdown',
    tags: [],
    color: 'yellow',
    status: 'anchored',
    created: '2024-05-01T08:00:00.000Z',
    modified: '2024-05-01T08:00:00.000Z',
    link: null,
    order: [0, 1, 0],
    ...overrides,
  };
}

const items = [
  view({ id: 'a', quote: '保险服务', tags: ['保险'], order: [0, 1, 0] }),
  view({
    id: 'b',
    motivation: 'commenting',
    note: 'Ｇrowth **fast**',
    color: 'green',
    tags: ['growth', '保险'],
    order: [0, 5, 0],
    modified: '2024-06-01T00:00:00.000Z',
  }),
  view({ id: 'c', kind: 'section', motivation: 'bookmarking', color: null, order: [0, 0, 0] }),
  view({ id: 'd', docId: 'paper', status: 'needs-review', order: [1, 0, 0] }),
];

describe('filterAnnotations', () => {
  it('filters by text, colour, tag, kind and search; sorts by position or date', () => {
    const ids = (patch: Partial<typeof DEFAULT_FILTERS>, docId: string | null = 'report') =>
      filterAnnotations(items, { ...DEFAULT_FILTERS, ...patch }, docId).map((a) => a.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ thisText: false })).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ color: 'green' })).toEqual(['b']);
    expect(ids({ tag: '保险' })).toEqual(['a', 'b']);
    expect(ids({ kind: 'commenting' })).toEqual(['b']);
    expect(ids({ kind: 'bookmarking' })).toEqual(['c']);
    expect(ids({ kind: 'review', thisText: false })).toEqual(['d']);
    // Full-width letters and case are folded.
    expect(ids({ query: 'growth' })).toEqual(['b']);
    expect(ids({ query: '保险 FAST' })).toEqual(['b']);
    expect(ids({ sort: 'date' })[0]).toBe('b');
  });

  it('builds the export filter from the same choices', () => {
    expect(exportFilter(DEFAULT_FILTERS, 'report')).toEqual({ docId: 'report' });
    expect(
      exportFilter(
        { ...DEFAULT_FILTERS, thisText: false, color: 'pink', tag: 't', kind: 'commenting' },
        'report',
      ),
    ).toEqual({
      color: 'pink',
      tag: 't',
      motivation: 'commenting',
    });
    expect(exportFilter({ ...DEFAULT_FILTERS, kind: 'review' }, null)).toEqual({ status: 'needs-review' });
  });
});

describe('tags', () => {
  it('splits on commas (also full-width) and line breaks, trims, keeps the first of duplicates', () => {
    expect(splitTags('trade, 服务贸易，保险、  ,\nnew ')).toEqual(['trade', '服务贸易', '保险', 'new']);
    expect(addTags(['a', 'b'], ['b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(tagsInUse(items)).toEqual(['保险', 'growth']);
  });
});

describe('search folding', () => {
  it('matches every term, case- and width-insensitively', () => {
    expect(foldForSearch('ＡＢＣ１')).toBe('abc1');
    expect(matchesQuery({ quote: 'Trade', note: '', tags: [] }, '  ')).toBe(true);
    expect(
      matchesQuery({ quote: 'Trade', note: 'x', tags: ['y'], sectionPath: ['保险服务'] }, 'trade 保险'),
    ).toBe(true);
    expect(matchesQuery({ quote: 'Trade', note: 'x', tags: [] }, 'trade z')).toBe(false);
  });
});

describe('indexItems', () => {
  it('indexes drawn highlights by block and bookmarks by section, reusing unchanged lists', () => {
    const first = indexItems({ byBlock: new Map() }, items);
    expect([...first.byBlock.keys()]).toEqual(['report.p-1']);
    // d needs review: not drawn; c is a bookmark.
    expect(first.byBlock.get('report.p-1')?.map((a) => a.id)).toEqual(['a', 'b']);
    expect([...first.bookmarks.keys()]).toEqual(['s']);
    expect(first.items.map((a) => a.id)).toEqual(['c', 'a', 'b', 'd']);
    const second = indexItems(first, [...items]);
    expect(second.byBlock.get('report.p-1')).toBe(first.byBlock.get('report.p-1'));
  });
});

describe('colours', () => {
  it('are five, each with its own underline style', () => {
    expect(COLOR_INFO.map((c) => c.color)).toEqual(['yellow', 'green', 'blue', 'pink', 'purple']);
    expect(new Set(COLOR_INFO.map((c) => c.underline)).size).toBe(5);
    expect(highlightClass('blue')).toBe('hl hl-blue');
    expect(colorInfo(null).color).toBe('yellow');
  });
});

describe('NoteText', () => {
  const html = (note: string, format: 'text/markdown' | 'text/plain' = 'text/markdown') =>
    renderToStaticMarkup(createElement(NoteText, { note, format }));

  it('renders the everyday Markdown as elements, never as HTML', () => {
    expect(html('**增长**很快，*稳定*，`code`')).toBe(
      '<div class="note-text"><p><strong>增长</strong>很快，<em>稳定</em>，<code>code</code></p></div>',
    );
    expect(html('- 一\n- 二')).toBe('<div class="note-text"><ul><li>一</li><li>二</li></ul></div>');
    expect(html('1. a\n2. b')).toBe('<div class="note-text"><ol><li>a</li><li>b</li></ol></div>');
    expect(html('> 引文')).toBe('<div class="note-text"><blockquote>引文</blockquote></div>');
    expect(html('<img src=x onerror=alert(1)>')).toContain('&lt;img');
    expect(html('[链接](https://example.org)')).toContain(
      '链接 <span class="note-link__url">(https://example.org)</span>',
    );
  });

  it('keeps plain-text notes as typed', () => {
    expect(html('**not bold**\nline', 'text/plain')).toBe(
      '<div class="note-text note-text--plain">**not bold**\nline</div>',
    );
  });
});
