import { describe, expect, it } from 'vitest';
import {
  codePointToUtf16,
  highlightRuns,
  normalizeRanges,
  segmentText,
} from '../../renderer/src/text/segments.js';

const ref = (offset: number, marker = '¹', footnoteId = 'f1') => ({ marker, footnoteId, offset });

describe('segmentText', () => {
  it('returns the text as one run when there is nothing to mark', () => {
    expect(segmentText('服务贸易')).toEqual([{ kind: 'text', text: '服务贸易', marked: false }]);
  });

  it('marks UTF-16 ranges and keeps every character exactly once', () => {
    const text = '保险服务和保险业';
    const segments = segmentText(text, [
      [0, 2],
      [5, 7],
    ]);
    expect(segments).toEqual([
      { kind: 'text', text: '保险', marked: true },
      { kind: 'text', text: '服务和', marked: false },
      { kind: 'text', text: '保险', marked: true },
      { kind: 'text', text: '业', marked: false },
    ]);
    expect(segments.map((s) => (s.kind === 'text' ? s.text : '')).join('')).toBe(text);
  });

  it('merges overlapping and touching ranges, and drops empty or out-of-bounds ones', () => {
    expect(
      normalizeRanges(
        [
          [3, 5],
          [0, 2],
          [1, 3],
          [9, 9],
          [7, 20],
          [-4, 0],
        ],
        8,
      ),
    ).toEqual([
      [0, 5],
      [7, 8],
    ]);
  });

  it('places footnote markers at code-point offsets, also after astral characters', () => {
    // 𠀀 is one code point but two UTF-16 units: offset 2 (code points) is UTF-16 index 3.
    const text = '𠀀甲乙丙';
    expect(codePointToUtf16(text, [0, 1, 2, 4, 99])).toEqual([0, 2, 3, 5, 5]);
    expect(segmentText(text, [], [ref(2)])).toEqual([
      { kind: 'text', text: '𠀀甲', marked: false },
      { kind: 'footnote', marker: '¹', footnoteId: 'f1' },
      { kind: 'text', text: '乙丙', marked: false },
    ]);
  });

  it('keeps markers in their printed order when several stand at one place, at the end too', () => {
    const segments = segmentText(
      '环渤海、长三角',
      [],
      [ref(7, '²', 'f2'), ref(3, '¹', 'f1'), ref(7, '³', 'f3')],
    );
    expect(segments.map((s) => (s.kind === 'footnote' ? s.marker : s.text))).toEqual([
      '环渤海',
      '¹',
      '、长三角',
      '²',
      '³',
    ]);
  });

  it('splits a match around a marker inside it', () => {
    expect(segmentText('保险服务', [[0, 4]], [ref(2)])).toEqual([
      { kind: 'text', text: '保险', marked: true },
      { kind: 'footnote', marker: '¹', footnoteId: 'f1' },
      { kind: 'text', text: '服务', marked: true },
    ]);
  });

  it('turns snippet highlights into alternating runs', () => {
    expect(highlightRuns('…insurance and 保险…', [[1, 10]])).toEqual([
      { text: '…', marked: false },
      { text: 'insurance', marked: true },
      { text: ' and 保险…', marked: false },
    ]);
  });
});
