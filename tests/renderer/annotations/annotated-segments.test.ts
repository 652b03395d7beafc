import { describe, expect, it } from 'vitest';
import { segmentAnnotated } from '../../../renderer/src/annotations/annotated-segments.js';

// A block's text cut for drawing: highlights around search matches, footnote markers between.

const TEXT = '服务贸易发展迅速，数字贸易增长。';

describe('segmentAnnotated', () => {
  it('draws a search match inside a highlight as a nested piece', () => {
    const segments = segmentAnnotated(TEXT, [[2, 4]], [], [{ id: 'a', start: 0, end: 8, color: 'green' }]);
    expect(segments).toEqual([
      {
        kind: 'highlight',
        ids: ['a'],
        color: 'green',
        startsHere: 'a',
        pieces: [
          { text: '服务', marked: false },
          { text: '贸易', marked: true },
          { text: '发展迅速', marked: false },
        ],
      },
      { kind: 'text', piece: { text: '，数字贸易增长。', marked: false } },
    ]);
  });

  it('splits a highlight at a footnote marker instead of putting the marker inside', () => {
    const segments = segmentAnnotated(
      TEXT,
      [],
      [{ marker: '¹', footnoteId: 'f1', offset: 4 }],
      [{ id: 'a', start: 0, end: 8, color: 'yellow' }],
    );
    expect(segments.map((s) => s.kind)).toEqual(['highlight', 'footnote', 'highlight', 'text']);
    expect(segments[0]).toMatchObject({ startsHere: 'a', pieces: [{ text: '服务贸易' }] });
    expect(segments[2]).toMatchObject({ startsHere: null, pieces: [{ text: '发展迅速' }] });
  });

  it('draws overlapping highlights with the newest on top and each focusable where it starts', () => {
    const segments = segmentAnnotated(
      TEXT,
      [],
      [],
      [
        { id: 'old', start: 0, end: 6, color: 'yellow' },
        { id: 'new', start: 4, end: 10, color: 'blue' },
      ],
    );
    expect(segments).toEqual([
      {
        kind: 'highlight',
        ids: ['old'],
        color: 'yellow',
        startsHere: 'old',
        pieces: [{ text: '服务贸易', marked: false }],
      },
      {
        kind: 'highlight',
        ids: ['old', 'new'],
        color: 'blue',
        startsHere: 'new',
        pieces: [{ text: '发展', marked: false }],
      },
      {
        kind: 'highlight',
        ids: ['new'],
        color: 'blue',
        startsHere: null,
        pieces: [{ text: '迅速，数', marked: false }],
      },
      { kind: 'text', piece: { text: '字贸易增长。', marked: false } },
    ]);
    // An older highlight starting inside a newer one still gets its own focus target.
    const inner = segmentAnnotated(
      TEXT,
      [],
      [],
      [
        { id: 'inner', start: 2, end: 4, color: 'pink' },
        { id: 'outer', start: 0, end: 8, color: 'purple' },
      ],
    );
    expect(
      inner.filter((s) => s.kind === 'highlight').map((s) => s.kind === 'highlight' && s.startsHere),
    ).toEqual(['outer', 'inner', null]);
  });

  it('clamps ranges to the text and drops empty ones; without highlights it is the plain segmentation', () => {
    expect(segmentAnnotated('abc', [], [], [{ id: 'x', start: 2, end: 99, color: 'yellow' }])).toEqual([
      { kind: 'text', piece: { text: 'ab', marked: false } },
      {
        kind: 'highlight',
        ids: ['x'],
        color: 'yellow',
        startsHere: 'x',
        pieces: [{ text: 'c', marked: false }],
      },
    ]);
    expect(segmentAnnotated('abc', [[1, 2]], [], [{ id: 'x', start: 2, end: 2, color: 'yellow' }])).toEqual([
      { kind: 'text', piece: { text: 'a', marked: false } },
      { kind: 'text', piece: { text: 'b', marked: true } },
      { kind: 'text', piece: { text: 'c', marked: false } },
    ]);
  });

  it('keeps every character of the text, in order', () => {
    const segments = segmentAnnotated(
      TEXT,
      [
        [1, 3],
        [9, 12],
      ],
      [{ marker: '②', footnoteId: 'f', offset: 5 }],
      [
        { id: 'a', start: 2, end: 10, color: 'yellow' },
        { id: 'b', start: 6, end: 14, color: 'green' },
      ],
    );
    const joined = segments
      .map((s) =>
        s.kind === 'text' ? s.piece.text : s.kind === 'highlight' ? s.pieces.map((p) => p.text).join('') : '',
      )
      .join('');
    expect(joined).toBe(TEXT);
  });
});
