import { beforeAll, describe, expect, it } from 'vitest';
import {
  ANCHOR_THRESHOLD,
  type AnchorResult,
  anchorAnnotation,
  applyAnchor,
} from '../../main/annotations/anchor.js';
import { type Annotation, newAnnotation, sectionTarget, textTarget } from '../../main/annotations/model.js';
import {
  codePointsToUtf16,
  isGraphemeBoundary,
  utf16ToCodePoints,
} from '../../main/annotations/text-position.js';
import { ensureFreshBundle } from '../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir, readBundle } from '../../main/corpus/bundle-store.js';
import type { Block, Bundle } from '../../main/corpus/types.js';
import { ROOT } from '../corpus/report-fixture.js';
import {
  alphabetOf,
  deleteBlocks,
  type EditedBundle,
  editBundle,
  editText,
  moveBlocks,
  type Rng,
  randInt,
  rng,
} from './perturb.js';

// Re-anchoring against edited versions of the real bundle. Each scenario annotates real passages,
// edits the text, re-anchors and counts: correct (right block, ≥ 50% overlap with where the
// passage went), wrong (placed anywhere else), orphaned (needs review). Wrong must stay 0.

const DOCS = ['report', 'paper'];
const TEXT_TYPES = new Set(['paragraph', 'lead', 'note']);
const HAN = /^[\p{Script=Han}]+$/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let base: Bundle;
let baseStore: BundleStore;

beforeAll(() => {
  ensureFreshBundle(ROOT);
  base = readBundle(bundleDir(ROOT));
  baseStore = new BundleStore(base);
});

interface Passage {
  block: Block;
  annotation: Annotation;
  /** UTF-16 range in the block's text. */
  s16: number;
  e16: number;
}

function textBlocks(bundle: Bundle): Block[] {
  return bundle.documents
    .filter((d) => DOCS.includes(d.meta.id))
    .flatMap((d) => d.blocks.filter((b) => TEXT_TYPES.has(b.type) && b.text.length >= 24));
}

function annotate(block: Block, s16: number, e16: number): Passage {
  const target = textTarget(block, s16, e16);
  const annotation = newAnnotation({ target, color: 'yellow', note: 'n' });
  const refined = target.selector[0] as { refinedBy: { start: number; end: number } };
  return {
    block,
    annotation,
    s16: codePointsToUtf16(block.text, refined.refinedBy.start),
    e16: codePointsToUtf16(block.text, refined.refinedBy.end),
  };
}

function samplePassages(
  bundle: Bundle,
  n: number,
  r: Rng,
  choose: (block: Block, r: Rng) => [number, number] | undefined = randomRange,
): Passage[] {
  const blocks = textBlocks(bundle);
  const out: Passage[] = [];
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const block = blocks[Math.floor(r() * blocks.length)] as Block;
    const range = choose(block, r);
    if (!range) continue;
    const passage = annotate(block, range[0], range[1]);
    if (passage.e16 - passage.s16 >= 4 && block.text.slice(passage.s16, passage.e16).trim().length > 0)
      out.push(passage);
  }
  return out;
}

function randomRange(block: Block, r: Rng): [number, number] {
  const length = randInt(r, 8, 60);
  const start = randInt(r, 0, Math.max(0, block.text.length - length));
  return [start, Math.min(block.text.length, start + length)];
}

/** A run of 4–20 Han characters only. */
function hanRange(block: Block, r: Rng): [number, number] | undefined {
  const runs = [...block.text.matchAll(/\p{Script=Han}{6,}/gu)];
  const run = runs[Math.floor(r() * runs.length)];
  if (!run || run.index === undefined) return undefined;
  const length = Math.min(run[0].length, randInt(r, 4, 20));
  const start = run.index + randInt(r, 0, run[0].length - length);
  return [start, start + length];
}

/** A range that contains the given marker (emoji or astral character) when the block has one. */
function rangeAround(marker: RegExp) {
  return (block: Block, r: Rng): [number, number] | undefined => {
    const hits = [...block.text.matchAll(new RegExp(marker.source, 'gu'))];
    const hit = hits[Math.floor(r() * hits.length)];
    if (!hit || hit.index === undefined) return undefined;
    // Deliberately start or end inside the marker: the selection must be snapped to whole graphemes.
    const start = Math.max(0, hit.index - randInt(r, 0, 20) + (r() < 0.3 ? 1 : 0));
    const end = Math.min(
      block.text.length,
      hit.index + hit[0].length + randInt(r, 0, 20) - (r() < 0.3 ? 1 : 0),
    );
    return [start, end];
  };
}

interface Counts {
  total: number;
  correct: number;
  /** Placed on an identical copy of the passage elsewhere (same quote, same prefix or suffix). */
  duplicate: number;
  wrong: number;
  orphaned: number;
  wrongExamples: string[];
}

function judge(
  passages: readonly Passage[],
  edited: EditedBundle | { bundle: Bundle; changes?: undefined },
): Counts {
  const store = new BundleStore(edited.bundle);
  const counts: Counts = {
    total: passages.length,
    correct: 0,
    duplicate: 0,
    wrong: 0,
    orphaned: 0,
    wrongExamples: [],
  };
  for (const p of passages) {
    const result = anchorAnnotation(store, p.annotation);
    if (result.status === 'needs-review') {
      counts.orphaned++;
      continue;
    }
    const change = edited.changes?.get(p.block.id);
    const truthBlock = change?.newId ?? p.block.id;
    const newBlock = store.block(truthBlock);
    let ok = false;
    if (
      newBlock &&
      result.targetId === truthBlock &&
      result.start !== undefined &&
      result.end !== undefined
    ) {
      const s16 = change?.map ? (change.map[p.s16] as number) : p.s16;
      const e16 = change?.map ? (change.map[p.e16] as number) : p.e16;
      const ts = utf16ToCodePoints(newBlock.text, s16);
      const te = utf16ToCodePoints(newBlock.text, e16);
      const inter = Math.max(0, Math.min(te, result.end) - Math.max(ts, result.start));
      const union = Math.max(te, result.end) - Math.min(ts, result.start);
      ok = union > 0 && inter / union >= 0.5;
    }
    if (ok) counts.correct++;
    else if (identicalElsewhere(p, result, store)) counts.duplicate++;
    else {
      counts.wrong++;
      if (counts.wrongExamples.length < 3) counts.wrongExamples.push(explain(p, result, store));
    }
  }
  return counts;
}

function identicalElsewhere(p: Passage, result: AnchorResult, store: BundleStore): boolean {
  if (result.status !== 'anchored' || result.start === undefined || result.end === undefined) return false;
  const block = store.block(result.targetId);
  if (!block) return false;
  const s16 = codePointsToUtf16(block.text, result.start);
  const e16 = codePointsToUtf16(block.text, result.end);
  const quote = p.annotation.target.selector[1] as { exact: string; prefix: string; suffix: string };
  // The same words, with the same wording on at least one side (the report quotes some
  // regulations more than once): no text-based anchoring can tell these copies apart.
  return (
    block.text.slice(s16, e16) === quote.exact &&
    (block.text.slice(0, s16).endsWith(quote.prefix) || block.text.slice(e16).startsWith(quote.suffix))
  );
}

function explain(p: Passage, result: AnchorResult, store: BundleStore): string {
  if (result.status !== 'anchored') return result.reason;
  const block = store.block(result.targetId);
  const found = block?.text.slice(
    codePointsToUtf16(block.text, result.start ?? 0),
    codePointsToUtf16(block.text, result.end ?? 0),
  );
  return `quote «${p.block.text.slice(p.s16, p.e16)}» → «${found}» score ${result.score} (${result.method})`;
}

const report: Record<string, Omit<Counts, 'wrongExamples'> & { correctRate: string }> = {};

function record(name: string, counts: Counts): Counts {
  report[name] = {
    total: counts.total,
    correct: counts.correct,
    duplicate: counts.duplicate,
    wrong: counts.wrong,
    orphaned: counts.orphaned,
    correctRate: `${((100 * counts.correct) / Math.max(1, counts.total)).toFixed(1)}%`,
  };
  if (counts.wrongExamples.length > 0) console.log(name, counts.wrongExamples);
  return counts;
}

describe('re-anchoring against edited text', () => {
  it('places every annotation exactly when nothing changed', () => {
    const passages = samplePassages(base, 200, rng(1));
    const counts = record('unchanged', judge(passages, { bundle: base }));
    expect(counts.correct).toBe(counts.total);
  });

  it.each([
    ['1% character edits', 0.01, 2, 0.9],
    ['5% character edits', 0.05, 3, 0.75],
  ])('%s', (name, rate, seed, minCorrect) => {
    const r = rng(seed);
    const passages = samplePassages(base, 300, r);
    const alphabet = alphabetOf(base, DOCS);
    const edited = editBundle(base, DOCS, (b) => editText(b.text, r, { rate, alphabet }));
    const counts = record(name, judge(passages, edited));
    expect(counts.wrong).toBe(0);
    expect(counts.correct / counts.total).toBeGreaterThanOrEqual(minCorrect);
  });

  it('follows moved paragraphs whose ids changed', () => {
    const r = rng(4);
    const passages = samplePassages(base, 60, r);
    const moved = moveBlocks(base, new Set(passages.map((p) => p.block.id)), r);
    const counts = record('moved paragraph', judge(passages, moved));
    expect(counts.wrong).toBe(0);
    expect(counts.correct / counts.total).toBeGreaterThanOrEqual(0.95);
  });

  it('handles CJK-only passages', () => {
    const r = rng(5);
    const passages = samplePassages(base, 300, r, hanRange);
    expect(passages.every((p) => HAN.test(p.block.text.slice(p.s16, p.e16)))).toBe(true);
    const edited = editBundle(base, DOCS, (b) =>
      editText(b.text, r, { rate: 0.02, alphabet: alphabetOf(base, DOCS) }),
    );
    const counts = record('CJK-only, 2% edits', judge(passages, edited));
    expect(counts.wrong).toBe(0);
    expect(counts.correct / counts.total).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['emoji', ['👨‍👩‍👧', '👍🏽', '🇨🇳', '😀'], /👨‍👩‍👧|👍🏽|🇨🇳|😀/],
    ['𠮷 (astral)', ['𠮷'], /𠮷/],
  ])('handles %s in the text', (name, inserts, marker) => {
    const r = rng(6);
    // Version 1 has the characters; the annotations are made on it; version 2 edits 1% of it.
    const v1 = editBundle(base, DOCS, (b) =>
      editText(b.text, r, { rate: 0.02, alphabet: inserts, insertOnly: true }),
    ).bundle;
    const passages = samplePassages(v1, 200, r, rangeAround(marker));
    for (const p of passages) {
      // Never a split surrogate pair or emoji sequence at either end.
      expect(isGraphemeBoundary(p.block.text, p.s16)).toBe(true);
      expect(isGraphemeBoundary(p.block.text, p.e16)).toBe(true);
      expect(p.block.text.slice(p.s16, p.e16)).not.toMatch(LONE_SURROGATE);
    }
    const edited = editBundle(v1, DOCS, (b) =>
      editText(b.text, r, { rate: 0.01, alphabet: alphabetOf(base, DOCS) }),
    );
    const counts = record(`${name}, 1% edits`, judge(passages, edited));
    expect(counts.wrong).toBe(0);
    expect(counts.correct / counts.total).toBeGreaterThanOrEqual(0.85);
  });

  it('handles zero-width characters inserted into the text', () => {
    const r = rng(7);
    const passages = samplePassages(base, 300, r);
    const edited = editBundle(base, DOCS, (b) =>
      editText(b.text, r, {
        rate: 0.03,
        alphabet: ['\u200B', '\u200C', '\u200D', '\uFEFF'],
        insertOnly: true,
      }),
    );
    const counts = record('zero-width inserted (3%)', judge(passages, edited));
    expect(counts.wrong).toBe(0);
    expect(counts.correct / counts.total).toBeGreaterThanOrEqual(0.85);
  });

  it('never places an annotation whose paragraph was deleted somewhere else', () => {
    const r = rng(8);
    const passages = samplePassages(base, 200, r);
    const removed = deleteBlocks(base, new Set(passages.map((p) => p.block.id)));
    const counts = record('paragraph deleted', judge(passages, { bundle: removed }));
    // Nothing can be correct; anything placed must be an identical passage elsewhere, and is
    // counted as wrong here, so the bar is zero.
    expect(counts.wrong).toBe(0);
    expect(counts.orphaned + counts.duplicate).toBe(counts.total);
  });

  it('marks heavily rewritten passages for review instead of guessing (30% edits)', () => {
    const r = rng(9);
    const passages = samplePassages(base, 200, r);
    const edited = editBundle(base, DOCS, (b) =>
      editText(b.text, r, { rate: 0.3, alphabet: alphabetOf(base, DOCS) }),
    );
    const counts = record('30% character edits', judge(passages, edited));
    expect(counts.wrong).toBe(0);
  });

  it('prints the numbers', () => {
    console.table(report);
    console.log(`threshold ${ANCHOR_THRESHOLD}`);
    expect(Object.keys(report).length).toBeGreaterThan(5);
  });
});

describe('anchor details', () => {
  it('keeps a needs-review annotation unchanged except for its status', () => {
    const block = textBlocks(base)[0] as Block;
    const a = newAnnotation({ target: textTarget(block, 0, 10) });
    const gone = new BundleStore(deleteBlocks(base, new Set([block.id])));
    const result = anchorAnnotation(gone, a);
    expect(result.status).toBe('needs-review');
    const next = applyAnchor(a, result);
    expect(next['rr:status']).toBe('needs-review');
    expect(next.target).toEqual(a.target);
    expect(next.body).toEqual(a.body);
  });

  it('anchors an annotation that has only a TextQuoteSelector', () => {
    const block = textBlocks(base)[10] as Block;
    const exact = block.text.slice(5, 30);
    const a = newAnnotation({
      target: { source: block.docId, selector: [{ type: 'TextQuoteSelector', exact }] },
    });
    const result = anchorAnnotation(baseStore, a);
    expect(result).toMatchObject({ status: 'anchored', targetId: block.id, start: 5, end: 30 });
    const placed = applyAnchor(a, result);
    expect(placed.target.selector[0]).toMatchObject({ type: 'FragmentSelector', value: block.id });
    expect(anchorAnnotation(baseStore, placed)).toMatchObject({ method: 'position' });
  });

  it('anchors bookmarks to sections, by id and then by title', () => {
    const doc = base.documents[0];
    const section = doc?.sections[1]?.children[0];
    if (!doc || !section) throw new Error('no section');
    const a = newAnnotation({ target: sectionTarget(doc.meta.id, section), motivation: 'bookmarking' });
    expect(anchorAnnotation(baseStore, a)).toMatchObject({
      status: 'anchored',
      kind: 'section',
      targetId: section.id,
    });
    const renamed = {
      ...a,
      target: sectionTarget(doc.meta.id, { id: 'report.s-0000000000', title: section.title }),
    };
    expect(anchorAnnotation(baseStore, renamed)).toMatchObject({
      method: 'section-title',
      targetId: section.id,
    });
    const lost = {
      ...a,
      target: sectionTarget(doc.meta.id, { id: 'report.s-0000000000', title: 'no such title' }),
    };
    expect(anchorAnnotation(baseStore, lost).status).toBe('needs-review');
  });

  it('does not move a note to a look-alike sentence whose numbers differ', () => {
    const block = textBlocks(base).find((b) => /增长\d+(\.\d+)?%/.test(b.text)) as Block;
    const at = block.text.search(/增长\d+(\.\d+)?%/);
    const a = newAnnotation({ target: textTarget(block, Math.max(0, at - 10), at + 8) });
    // The sentence is rewritten with other figures: the old note must not follow the new figures.
    const changed = block.text.replace(/增长\d+(\.\d+)?%/, '增长98.7%');
    const edited = editBundle(base, DOCS, (b) =>
      b.id === block.id ? { text: changed, map: [] } : undefined,
    );
    expect(anchorAnnotation(new BundleStore(edited.bundle), a).status).toBe('needs-review');
  });

  it('needs review for an unknown document', () => {
    const a = newAnnotation({
      target: { source: 'nope', selector: [{ type: 'TextQuoteSelector', exact: '服务贸易' }] },
    });
    expect(anchorAnnotation(baseStore, a)).toMatchObject({
      status: 'needs-review',
      reason: 'unknown-document',
    });
  });
});
