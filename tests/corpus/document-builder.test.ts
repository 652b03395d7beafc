import { describe, expect, it } from 'vitest';
import { DocumentBuilder } from '../../main/corpus/document-builder.js';
import { extractMarkers, stripMarkers } from '../../main/corpus/text.js';
import type { Block, DocMeta } from '../../main/corpus/types.js';

const meta: DocMeta = {
  id: 'doc',
  source: 'doc.txt',
  kind: 'paper',
  lang: 'zh',
  title: { zh: '文档', en: 'Document' },
  description: { zh: '', en: '' },
};

function paragraph(builder: DocumentBuilder, printed: string): void {
  const { text, markers } = extractMarkers(printed);
  builder.addBlock('paragraph', text, markers);
}

const byText = (blocks: Block[], text: string): Block | undefined => blocks.find((b) => b.text === text);

describe("DocumentBuilder footnotes: 'latest-marker' (default, the report)", () => {
  it('keeps footnotes where printed and attaches each to the most recent open marker', () => {
    const builder = new DocumentBuilder(meta);
    builder.openSection('chapter', '一');
    paragraph(builder, '甲①。');
    paragraph(builder, '乙①。');
    builder.addFootnote('①', '注乙');
    const { blocks } = builder.finish();
    expect(blocks.map((b) => b.text)).toEqual(['甲。', '乙。', '注乙']);
    expect(byText(blocks, '注乙')?.refBlockId).toBe(byText(blocks, '乙。')?.id);
    expect(builder.diagnostics().unresolvedMarkers).toEqual([{ marker: '①', text: '甲。' }]);
  });
});

describe("DocumentBuilder footnotes: 'earliest-footnote' (the paper)", () => {
  it('gives each marker the earliest unused footnote, even one printed before it', () => {
    const builder = new DocumentBuilder(meta, { footnotes: 'earliest-footnote' });
    // Printed before any section and before the citing text: held, not placed.
    expect(builder.addFootnote('①', '注一')).toBeUndefined();
    builder.addFootnote('①', '注二');
    builder.openSection('chapter', '一');
    builder.addBlock('heading', '一');
    paragraph(builder, '甲①乙②。');
    builder.addFootnote('②', '注三');
    paragraph(builder, '丙①。');
    const { blocks } = builder.finish();
    // Each footnote right after the block citing it, in marker order.
    expect(blocks.map((b) => b.text)).toEqual(['一', '甲乙。', '注一', '注三', '丙。', '注二']);
    const first = byText(blocks, '甲乙。');
    expect(first?.footnoteRefs?.map((r) => [r.marker, r.offset])).toEqual([
      ['①', 1],
      ['②', 2],
    ]);
    expect(first?.footnoteRefs?.map((r) => r.footnoteId)).toEqual([
      byText(blocks, '注一')?.id,
      byText(blocks, '注三')?.id,
    ]);
    expect(byText(blocks, '注二')?.refBlockId).toBe(byText(blocks, '丙。')?.id);
    expect(builder.diagnostics()).toEqual({ unresolvedMarkers: [], orphanFootnotes: [] });
  });

  it('places footnotes no marker takes after the last block outside role sections', () => {
    const builder = new DocumentBuilder(meta, { footnotes: 'earliest-footnote' });
    builder.addFootnote('③', '无人引用');
    builder.openSection('chapter', '正文');
    paragraph(builder, '正文段落。');
    builder.openSection('chapter', 'Abstract', { lang: 'en', role: 'abstract' });
    builder.addBlock('paragraph', 'Abstract text.');
    const doc = builder.finish();
    expect(doc.blocks.map((b) => b.text)).toEqual(['正文段落。', '无人引用', 'Abstract text.']);
    const orphan = byText(doc.blocks, '无人引用');
    expect(orphan?.sectionId).toBe(doc.sections[0]?.id);
    expect(orphan?.refBlockId).toBeUndefined();
    expect(builder.diagnostics().orphanFootnotes).toEqual(['无人引用']);
  });
});

describe('DocumentBuilder heading ids', () => {
  function build(headingIds?: 'section' | 'text'): { headingId?: string; sectionId?: string } {
    const builder = new DocumentBuilder(meta, headingIds ? { headingIds } : {});
    const section = builder.openSection('chapter', '标题');
    builder.addBlock('heading', '标题');
    const doc = builder.finish();
    return { headingId: doc.blocks[0]?.id, sectionId: section.id };
  }

  it("reuses the section id by default and mints from the text with 'text'", () => {
    const sectionIds = build();
    expect(sectionIds.headingId).toBe(sectionIds.sectionId);
    const textIds = build('text');
    expect(textIds.headingId).not.toBe(textIds.sectionId);
    expect(textIds.headingId).toMatch(/^doc\.h-[0-9a-f]{10}$/u);
  });
});

describe('stripMarkers', () => {
  it('removes superscript and circled markers', () => {
    expect(stripMarkers('增长¹²，下降①。')).toBe('增长，下降。');
  });
});
