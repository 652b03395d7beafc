import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../main/corpus/bundle-store.js';
import { fillOrder, firstPass } from '../../renderer/src/reader/render-order.js';
import { buildDocModel, CHUNK_CHARS, sectionTarget, unitItems } from '../../renderer/src/state/doc-model.js';
import { tinyBundle } from '../fixtures/tiny-bundle.js';

const bundle = readBundle(path.resolve('build', 'bundle'));
const reportPayload = bundle.documents.find((d) => d.meta.id === 'report');
if (reportPayload === undefined) throw new Error('no report');
const report = buildDocModel(reportPayload);

describe('document model', () => {
  it('cuts the report into parts and chapters, each a run of blocks in order', () => {
    const levels = report.units.map((u) => report.sections.get(u.sectionId)?.section.level);
    expect(new Set(levels)).toEqual(new Set(['part', 'chapter']));
    expect(report.units.flatMap((u) => u.blocks)).toEqual(reportPayload.blocks);
    const insurance = report.units.find((u) => u.title === '保险服务');
    expect(insurance?.isIntro).toBe(false);
    expect(report.units.find((u) => u.title === '行业篇')?.isIntro).toBe(true);
    // Every block knows its unit and chunk.
    for (const block of reportPayload.blocks) {
      expect(report.unitOfBlock.has(block.id)).toBe(true);
      expect(report.chunkOfBlock.has(block.id)).toBe(true);
    }
  });

  it('shows footnotes as notes after their section, never in the flow', () => {
    for (const unit of report.units) {
      const items = unitItems(unit);
      const flow = items.flatMap((i) => (i.kind === 'block' ? [i.block] : []));
      expect(flow.some((b) => b.type === 'footnote')).toBe(false);
      const noted = items.flatMap((i) => (i.kind === 'notes' ? i.footnotes : []));
      expect(noted).toEqual(unit.blocks.filter((b) => b.type === 'footnote'));
      // Notes come after the last passage of their section.
      items.forEach((item, i) => {
        if (item.kind !== 'notes') return;
        const later = items.slice(i + 1).flatMap((x) => (x.kind === 'block' ? [x.block] : []));
        expect(later.some((b) => b.sectionId === item.sectionId)).toBe(false);
      });
    }
  });

  it('chunks keep every item once, in order, and never end right after a heading', () => {
    const items = report.chunks.flatMap((c) => c.items);
    expect(items).toEqual(report.units.flatMap((u) => unitItems(u)));
    for (const chunk of report.chunks) {
      const last = chunk.items[chunk.items.length - 1];
      if (!chunk.endsUnit) {
        expect(last?.kind === 'block' && last.block.type === 'heading').toBe(false);
        expect(chunk.chars).toBeGreaterThanOrEqual(CHUNK_CHARS);
      }
    }
    expect(report.chunks.filter((c) => c.endsUnit)).toHaveLength(report.units.length);
  });

  it('lands a jump to a section on its heading', () => {
    const id = [...report.sections.values()].find((s) => s.section.title === '保险服务')?.section.id ?? '';
    expect(sectionTarget(report, id)).toBe(id);
    expect(report.sections.get(id)?.path.map((s) => s.title)).toEqual(['行业篇', '保险服务']);
    expect(report.firstBlockId).toBe(reportPayload.blocks[0]?.id);
  });

  it('works for a document without parts, and without headings for a section', () => {
    const tiny = buildDocModel(tinyBundle().documents[0] as (typeof bundle.documents)[number]);
    expect(tiny.units.map((u) => u.sectionId)).toEqual(['report.s-1', 'report.s-2', 'report.s-3']);
    expect(sectionTarget(tiny, 'report.s-2')).toBe('report.b-2');
    expect(sectionTarget(tiny, 'report.s-4')).toBeUndefined();
  });
});

describe('render order', () => {
  it('goes outwards from the start, the text below first', () => {
    expect(fillOrder(6, 2)).toEqual([2, 3, 1, 4, 0, 5]);
    expect(fillOrder(3, 0)).toEqual([0, 1, 2]);
    expect(fillOrder(3, 9)).toEqual([2, 1, 0]);
    expect(fillOrder(0, 0)).toEqual([]);
  });

  it('renders about a screen and a half first, starting where the reader opens', () => {
    const start = report.chunkOfBlock.get(reportPayload.blocks[400]?.id ?? '') ?? 0;
    const first = [...firstPass(report.chunks, start)];
    expect(first[0]).toBe(start);
    expect(first.every((i, n) => i === start + n)).toBe(true);
    expect(first.length).toBeLessThan(report.chunks.length / 4);
  });
});
