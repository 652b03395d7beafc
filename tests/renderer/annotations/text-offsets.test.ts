import { describe, expect, it } from 'vitest';
import {
  codePointsToUtf16,
  mapToBlockText,
  type NodeLike,
  textContentOf,
  textOffset,
  widenToCodePoints,
} from '../../../renderer/src/annotations/text-offsets.js';

// Selection offsets in a block's text, over node trees shaped like what the reader renders:
// text split by search <mark>s and highlight <mark>s, with footnote markers in between that are
// not part of the text.

interface FakeNode extends NodeLike {
  name: string;
  childNodes: FakeNode[];
}

const text = (value: string): FakeNode => ({ name: '#text', nodeType: 3, nodeValue: value, childNodes: [] });
const el = (name: string, ...children: FakeNode[]): FakeNode => ({
  name,
  nodeType: 1,
  nodeValue: null,
  childNodes: children,
});
const skip = (node: NodeLike) => (node as FakeNode).name === 'sup.fn-ref';
const footnote = (marker: string) => el('sup.fn-ref', el('button', text(marker)));

// Block text: "中国𠮷服务贸易👍🏽发展¹很快" without the marker: 中国𠮷服务贸易👍🏽发展很快
const BLOCK = '中国𠮷服务贸易👍🏽发展很快';
const t1 = text('中国');
const t2 = text('𠮷服务'); // inside a highlight
const t3 = text('贸易'); // a search match inside the highlight
const t4 = text('👍🏽发展');
const t5 = text('很快');
const marker = footnote('¹');
const hit = el('mark.hit-mark', t3);
const highlight = el('mark.hl', t2, hit);
const root = el('span[data-text-root]', t1, highlight, t4, marker, t5);

describe('textOffset', () => {
  it('counts UTF-16 units across text nodes, highlights and search marks', () => {
    expect(textContentOf(root, skip)).toBe(BLOCK);
    expect(textOffset(root, t1, 0, skip)).toBe(0);
    expect(textOffset(root, t1, 2, skip)).toBe(2);
    // 𠮷 is two units: inside t2, offset 3 is after 𠮷服.
    expect(textOffset(root, t2, 3, skip)).toBe(5);
    expect(textOffset(root, t3, 1, skip)).toBe(7);
    expect(textOffset(root, t4, 4, skip)).toBe(12);
    expect(textOffset(root, t5, 2, skip)).toBe(BLOCK.length);
  });

  it('takes element boundary points (before child n) as the browser reports them', () => {
    expect(textOffset(root, root, 0, skip)).toBe(0);
    expect(textOffset(root, root, 1, skip)).toBe(2); // before the highlight
    expect(textOffset(root, root, 2, skip)).toBe(8); // after the highlight
    expect(textOffset(root, highlight, 1, skip)).toBe(6); // before the search match
    expect(textOffset(root, root, root.childNodes.length, skip)).toBe(BLOCK.length);
    expect(textOffset(root, root, 99, skip)).toBe(BLOCK.length);
  });

  it('puts a point inside a footnote marker at the marker, which adds nothing to the text', () => {
    const markerText = (marker.childNodes[0] as FakeNode).childNodes[0] as FakeNode;
    // 中国𠮷服务贸易👍🏽发展 is 14 units: 𠮷 takes two, 👍🏽 four.
    expect(textOffset(root, markerText, 1, skip)).toBe(14);
    expect(textOffset(root, marker, 1, skip)).toBe(14);
    expect(textOffset(root, t5, 0, skip)).toBe(14);
  });

  it('clamps offsets and returns null for a node outside the root', () => {
    expect(textOffset(root, t1, 99, skip)).toBe(2);
    expect(textOffset(root, t1, -3, skip)).toBe(0);
    expect(textOffset(root, text('elsewhere'), 0, skip)).toBeNull();
  });

  it('handles a block rendered as one plain text node', () => {
    const only = text(BLOCK);
    const plain = el('span', only);
    expect(textOffset(plain, only, 7, skip)).toBe(7);
    expect(textContentOf(plain, skip)).toBe(BLOCK);
  });
});

describe('mapToBlockText', () => {
  it('keeps the range when the rendered text is the block text', () => {
    expect(mapToBlockText(BLOCK, BLOCK, 2, 8)).toEqual({ start: 2, end: 8 });
    expect(mapToBlockText(BLOCK, BLOCK, 8, 2)).toEqual({ start: 2, end: 8 });
    expect(mapToBlockText(BLOCK, BLOCK, 3, 3)).toBeNull();
  });

  it('finds the selected words in the block text, nearest to where they were selected, otherwise', () => {
    const block = '服务贸易，服务贸易，服务贸易';
    const rendered = `[1]${block}`;
    expect(mapToBlockText(block, rendered, 3 + 10, 3 + 14)).toEqual({ start: 10, end: 14 });
    expect(mapToBlockText(block, rendered, 0, 2)).toBeNull();
  });
});

describe('widenToCodePoints', () => {
  it('never leaves half a surrogate pair at either end', () => {
    // 中国𠮷: 𠮷 is at units 2–3.
    expect(widenToCodePoints(BLOCK, 3, 5)).toEqual({ start: 2, end: 5 });
    expect(widenToCodePoints(BLOCK, 0, 3)).toEqual({ start: 0, end: 4 });
    expect(widenToCodePoints(BLOCK, 2, 4)).toEqual({ start: 2, end: 4 });
    // The emoji: 👍 (2 units) + 🏽 (2 units) at 8–11.
    expect(widenToCodePoints(BLOCK, 9, 11)).toEqual({ start: 8, end: 12 });
  });
});

describe('codePointsToUtf16', () => {
  it('converts stored code-point offsets back to what the DOM counts', () => {
    expect(codePointsToUtf16(BLOCK, 0)).toBe(0);
    expect(codePointsToUtf16(BLOCK, 3)).toBe(4);
    expect(codePointsToUtf16(BLOCK, 8)).toBe(10);
    expect(codePointsToUtf16(BLOCK, 999)).toBe(BLOCK.length);
  });
});
