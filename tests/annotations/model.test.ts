import { describe, expect, it } from 'vitest';
import { type AnnotationFileError, parseCollectionText } from '../../main/annotations/codec.js';
import { detectVersion, migrate } from '../../main/annotations/migrations.js';
import {
  ANNOTATION_CONTEXT,
  buildBody,
  emptyCollection,
  newAnnotation,
  noteOf,
  patchAnnotation,
  quoteOf,
  SCHEMA_VERSION,
  sectionTarget,
  tagsOf,
  textTarget,
} from '../../main/annotations/model.js';
import { parseJsonSafely, UnsafeJsonError, validateAnnotation } from '../../main/annotations/schema.js';
import {
  codePointLength,
  codePointsToUtf16,
  isGraphemeBoundary,
  snapRange,
  utf16ToCodePoints,
} from '../../main/annotations/text-position.js';

const BLOCK = {
  id: 'report.p-0123456789',
  docId: 'report',
  sectionId: 'report.s-0123456789',
  text: 'a𠮷b👨‍👩‍👧c👍🏽d🇨🇳e',
};

describe('code points and UTF-16', () => {
  it('converts offsets both ways', () => {
    const t = 'a𠮷b';
    expect(codePointLength(t)).toBe(3);
    expect(utf16ToCodePoints(t, 0)).toBe(0);
    expect(utf16ToCodePoints(t, 1)).toBe(1);
    expect(utf16ToCodePoints(t, 3)).toBe(2);
    expect(utf16ToCodePoints(t, 4)).toBe(3);
    // Inside the surrogate pair: the whole code point counts.
    expect(utf16ToCodePoints(t, 2)).toBe(2);
    expect(codePointsToUtf16(t, 2)).toBe(3);
    expect(codePointsToUtf16(t, 99)).toBe(4);
    expect(codePointLength('\uD800x')).toBe(2);
  });

  it('snaps ranges to whole graphemes', () => {
    const t = BLOCK.text;
    const family = t.indexOf('👨');
    // Starting inside 𠮷 widens to its start; ending inside the family emoji widens to its end.
    expect(snapRange(t, 2, family + 3)).toEqual({ start: 1, end: family + '👨‍👩‍👧'.length });
    // Narrowing drops the partial clusters.
    expect(snapRange(t, 2, family + 3, 'narrow')).toEqual({ start: 3, end: family });
    // Skin-tone modifier and flag stay attached.
    const thumbs = t.indexOf('👍');
    expect(snapRange(t, thumbs + 2, thumbs + 3)).toEqual({ start: thumbs, end: thumbs + '👍🏽'.length });
    const flag = t.indexOf('🇨');
    expect(snapRange(t, flag + 2, flag + 2)).toEqual({ start: flag, end: flag });
    expect(snapRange(t, 5, 1)).toEqual(snapRange(t, 1, 5));
    for (let s = 0; s <= t.length; s++) {
      for (let e = s + 1; e <= t.length; e++) {
        const r = snapRange(t, s, e);
        expect(isGraphemeBoundary(t, r.start) && isGraphemeBoundary(t, r.end)).toBe(true);
        expect(r.start <= s && r.end >= e).toBe(true);
      }
    }
  });

  it('builds targets in code points with quote and context', () => {
    const t = BLOCK.text;
    const target = textTarget(BLOCK, t.indexOf('b'), t.indexOf('c') + 1);
    expect(target.source).toBe('report');
    expect(target['rr:section']).toBe('report.s-0123456789');
    expect(target.selector[0]).toEqual({
      type: 'FragmentSelector',
      value: BLOCK.id,
      refinedBy: { type: 'TextPositionSelector', start: 2, end: 9 },
    });
    expect(quoteOf({ target })).toEqual({
      type: 'TextQuoteSelector',
      exact: 'b👨‍👩‍👧c',
      prefix: 'a𠮷',
      suffix: '👍🏽d🇨🇳e',
    });
  });
});

describe('annotations', () => {
  it('are W3C annotations with note and tag bodies and our extensions', () => {
    const a = newAnnotation(
      { target: textTarget(BLOCK, 0, 1), note: 'note', tags: [' x ', 'x', 'y'], color: 'green' },
      new Date('2024-01-01T00:00:00Z'),
    );
    expect(a).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      'rr:color': 'green',
      'rr:status': 'anchored',
    });
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.body).toEqual([
      { type: 'TextualBody', value: 'note', format: 'text/markdown', purpose: 'commenting' },
      { type: 'TextualBody', value: 'x', purpose: 'tagging' },
      { type: 'TextualBody', value: 'y', purpose: 'tagging' },
    ]);
    expect(newAnnotation({ target: textTarget(BLOCK, 0, 1) }).motivation).toBe('highlighting');
    const bookmark = newAnnotation({
      target: sectionTarget('report', { id: BLOCK.sectionId, title: 'T' }),
      motivation: 'bookmarking',
    });
    expect(bookmark.target.selector).toEqual([
      { type: 'FragmentSelector', value: BLOCK.sectionId },
      { type: 'TextQuoteSelector', exact: 'T' },
    ]);
  });

  it('bump modified on every patch, even within the same millisecond', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    const a = newAnnotation({ target: textTarget(BLOCK, 0, 1) }, at);
    const b = patchAnnotation(a, { note: 'n', tags: ['t'], color: 'pink' }, at);
    expect(Date.parse(b.modified)).toBeGreaterThan(Date.parse(a.modified));
    expect(b.motivation).toBe('commenting');
    expect(noteOf(b)).toBe('n');
    expect(tagsOf(b)).toEqual(['t']);
    const c = patchAnnotation(b, { color: null, note: '' }, at);
    expect(c['rr:color']).toBeUndefined();
    expect(c.motivation).toBe('highlighting');
    expect(() => buildBody('x'.repeat(200_001), 'text/plain', [])).toThrow(RangeError);
  });

  it('keep what other tools put in the bodies when patched', () => {
    const note = { type: 'TextualBody', value: 'first', purpose: 'commenting', language: 'en' } as const;
    const reply = { type: 'TextualBody', value: 'a reply', purpose: 'commenting', creator: 'x' } as const;
    const tag = { type: 'TextualBody', value: 'kept', purpose: 'tagging', id: 'urn:x:t1' } as const;
    const dropped = { type: 'TextualBody', value: 'dropped', purpose: 'tagging' } as const;
    const a = validateAnnotation({
      id: 'urn:x:1',
      type: 'Annotation',
      body: [note, reply, tag, dropped],
      target: textTarget(BLOCK, 0, 1),
    });
    expect(patchAnnotation(a, { color: 'blue' }).body).toEqual(a.body);
    const edited = patchAnnotation(a, { note: 'changed', tags: ['kept', 'new'] });
    expect(edited.body).toEqual([
      { ...note, value: 'changed' },
      reply,
      tag,
      { type: 'TextualBody', value: 'new', purpose: 'tagging' },
    ]);
    // Emptied, the note stays as an empty body rather than let the reply read as the note.
    const emptied = patchAnnotation(a, { note: '' });
    expect(noteOf(emptied)).toBe('');
    expect(emptied.body[1]).toEqual(reply);
    expect(emptied.motivation).toBe('highlighting');
  });
});

describe('schema', () => {
  it('loads a file from another tool with only a TextQuoteSelector', () => {
    const text = JSON.stringify({
      '@context': ANNOTATION_CONTEXT,
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          {
            '@context': ANNOTATION_CONTEXT,
            id: 'http://example.org/anno1',
            type: 'Annotation',
            body: { type: 'TextualBody', value: 'foreign note' },
            target: { source: 'report', selector: { type: 'TextQuoteSelector', exact: '服务贸易' } },
            creator: { id: 'http://example.org/user1', name: 'Someone' },
          },
          { id: 'urn:x:2', type: 'Annotation', target: 'report', motivation: ['highlighting'] },
          {
            id: 'urn:x:3',
            type: 'Annotation',
            target: { source: 'report', selector: [{ type: 'CssSelector', value: '#x' }] },
          },
        ],
      },
    });
    const { collection, fromVersion } = parseCollectionText(text);
    expect(fromVersion).toBe(SCHEMA_VERSION);
    const [a, b, c] = collection.items;
    expect(a?.motivation).toBe('commenting');
    expect(a?.body[0]).toMatchObject({ value: 'foreign note', purpose: 'commenting' });
    expect(a?.target.selector).toEqual([{ type: 'TextQuoteSelector', exact: '服务贸易' }]);
    expect(a?.creator).toEqual({ id: 'http://example.org/user1', name: 'Someone' });
    expect(a?.created).toBe('1970-01-01T00:00:00.000Z');
    expect(b?.target).toEqual({ source: 'report', selector: [] });
    expect(b?.motivation).toBe('highlighting');
    expect(c?.target.selector[0]).toEqual({ type: 'CssSelector', value: '#x' });
  });

  it.each([
    ['{"__proto__": {"x": 1}}'],
    ['{"a": [{"constructor": {"prototype": {}}}]}'],
    ['{"a": {"\\u005f_proto__": 1}}'],
    ['[{"prototype": 1}]'],
  ])('refuses prototype keys %s', (text) => {
    expect(() => parseJsonSafely(text)).toThrow(UnsafeJsonError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    [{ id: 'a', type: 'Annotation', target: { source: 'r', selector: [{ type: 'FragmentSelector' }] } }],
    [
      {
        id: 'a',
        type: 'Annotation',
        target: { source: 'r', selector: [{ type: 'TextPositionSelector', start: 5, end: 2 }] },
      },
    ],
    [{ id: 'a', type: 'Annotation', target: { source: 'r', selector: [] }, 'rr:color': 'orange' }],
    [{ id: 'a', type: 'Annotation', target: { source: 'r', selector: [] }, created: 'yesterday' }],
    [{ id: '', type: 'Annotation', target: { source: 'r', selector: [] } }],
    [{ id: 'a', type: 'Annotation', target: { source: 'r', selector: [] }, motivation: 'editing' }],
    [
      {
        id: 'a',
        type: 'Annotation',
        body: [{ type: 'SpecificResource' }],
        target: { source: 'r', selector: [] },
      },
    ],
  ])('rejects invalid annotation %j', (value) => {
    expect(() => validateAnnotation(value)).toThrow();
  });

  it("writes other tools' dates in UTC with milliseconds, so that they sort as strings", () => {
    const a = validateAnnotation({
      id: 'urn:x:1',
      type: 'Annotation',
      created: '2024-01-01T10:00+08:00',
      modified: '2024-01-01T02:30:00Z',
      target: { source: 'report', selector: [] },
    });
    expect([a.created, a.modified]).toEqual(['2024-01-01T02:00:00.000Z', '2024-01-01T02:30:00.000Z']);
    // Validated again, unchanged.
    expect(validateAnnotation(a)).toEqual(a);
    // An offset that carries the date out of years 0000–9999 cannot be written back: refused.
    for (const created of ['9999-12-31T23:59:59.999-01:00', '0000-01-01T00:00:00.000+01:00']) {
      expect(() => validateAnnotation({ ...a, created }), created).toThrow();
    }
  });

  it('keeps the newer of two items with the same id', () => {
    const a = newAnnotation(
      { target: textTarget(BLOCK, 0, 1), note: 'old' },
      new Date('2024-01-01T00:00:00Z'),
    );
    const b = patchAnnotation(a, { note: 'new' }, new Date('2024-02-01T00:00:00Z'));
    const text = JSON.stringify({ ...emptyCollection(), items: [b, a] });
    expect(parseCollectionText(text).collection.items.map(noteOf)).toEqual(['new']);
  });

  it('reports why a file cannot be used', () => {
    const problem = (text: string) => {
      try {
        parseCollectionText(text);
        return 'ok';
      } catch (error) {
        return (error as AnnotationFileError).problem;
      }
    };
    expect(problem('{')).toBe('invalid-json');
    expect(problem('42')).toBe('unknown-schema');
    expect(problem(JSON.stringify({ ...emptyCollection(), schemaVersion: SCHEMA_VERSION + 1 }))).toBe(
      'newer-schema',
    );
    expect(problem(JSON.stringify({ ...emptyCollection(), schemaVersion: 1.5 }))).toBe('unknown-schema');
    expect(problem(JSON.stringify({ ...emptyCollection(), items: [{}] }))).toBe('invalid-data');
    expect(problem(`\uFEFF${JSON.stringify(emptyCollection())}`)).toBe('ok');
  });
});

describe('migrations', () => {
  // A hand-written file in the prototype's flat format (schema 0).
  const V0 = `{
    "version": 0,
    "annotations": [
      { "id": "a1", "doc": "report", "block": "report.p-5c48b3df85", "quote": "中国保险业稳步发展",
        "note": "保险", "color": "yellow", "tags": ["insurance", "2020"],
        "createdAt": 1600000000000, "updatedAt": 1600000500000, "kind": "highlight", "start": 6, "end": 15 },
      { "id": "b2", "doc": "report", "section": "report.s-10e7cda754", "quote": "保险服务",
        "createdAt": 1600000000000, "kind": "bookmark" }
    ]
  }`;

  it('detects version 0 and migrates it to the W3C collection', () => {
    expect(detectVersion(JSON.parse(V0))).toBe(0);
    const { collection, fromVersion } = parseCollectionText(V0);
    expect(fromVersion).toBe(0);
    expect(collection.schemaVersion).toBe(SCHEMA_VERSION);
    expect(collection['@context']).toBe(ANNOTATION_CONTEXT);
    const [a, b] = collection.items;
    expect(a).toMatchObject({
      id: 'urn:report-reader:v0:a1',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2020-09-13T12:26:40.000Z',
      modified: '2020-09-13T12:35:00.000Z',
      'rr:color': 'yellow',
      target: {
        source: 'report',
        selector: [
          { type: 'FragmentSelector', value: 'report.p-5c48b3df85' },
          { type: 'TextQuoteSelector', exact: '中国保险业稳步发展' },
        ],
      },
    });
    expect(tagsOf(a as NonNullable<typeof a>)).toEqual(['insurance', '2020']);
    expect(noteOf(a as NonNullable<typeof a>)).toBe('保险');
    expect(b).toMatchObject({
      motivation: 'bookmarking',
      modified: '2020-09-13T12:26:40.000Z',
      target: {
        selector: [{ type: 'FragmentSelector', value: 'report.s-10e7cda754' }, { exact: '保险服务' }],
      },
    });
  });

  it('leaves a current file as it is', () => {
    const current = { ...emptyCollection(), items: [] };
    expect(migrate(current)).toEqual({ value: current, fromVersion: SCHEMA_VERSION });
  });

  it('migrates version 1 to 2: the same, without a checkpoint (none was written then)', () => {
    const v1 = { ...emptyCollection(), schemaVersion: 1, 'rr:journalCheckpoint': 7, items: [] };
    expect(migrate(v1)).toEqual({ value: { ...emptyCollection(), items: [] }, fromVersion: 1 });
  });
});
