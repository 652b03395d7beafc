import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../main/corpus/manifest.js';
import { parseNews } from '../../main/corpus/parse-news.js';
import type { DocMeta } from '../../main/corpus/types.js';

function load(id: string): { meta: DocMeta; raw: string } {
  const meta = MANIFEST.find((m) => m.id === id) as DocMeta;
  return { meta, raw: readFileSync(new URL(`../../assets/corpus/${meta.source}`, import.meta.url), 'utf8') };
}

interface Expected {
  id: string;
  subheadings: string[];
  /** Lead blocks per section title, in reading order. */
  leads: Record<string, string[]>;
  paragraphs: number;
}

const EXPECTED: Expected[] = [
  {
    id: 'news-daily-life',
    subheadings: ['服务贸易便利生活', '规模增长结构优化', '推动服务贸易高质量发展'],
    leads: {
      // The unlabelled summary printed above the article, before a whitespace-only line.
      服务贸易走进日常生活: [
        '从国际环境看，互联网数字技术将大大提升服务的可贸易性，推动服务业态和模式创新。从国内环境看，完整的制造业体系、超大规模市场优势、不断提升的企业自主创新能力，将为我国提高服务贸易竞争力创造有利条件',
      ],
      // Decks: the one-sentence line printed under each subheading.
      服务贸易便利生活: ['我国服务进出口规模持续扩大，连续6年稳居全球第二位，服务贸易大国地位进一步巩固'],
      规模增长结构优化: [
        '上半年，我国知识密集型服务进出口额占服务进出口总额的比重达43.7%，同比提升9.6个百分点',
      ],
      推动服务贸易高质量发展: [
        '我国举办服贸会，是以实际行动支持贸易自由化和经济全球化，展示了我国坚定不移扩大开放的决心',
      ],
    },
    paragraphs: 22,
  },
  {
    id: 'news-press-conference',
    subheadings: [
      '举办服贸会，彰显我国坚定不移推进对外开放的信心决心',
      '开展七类活动，1.8万家境内外企业及机构、超过10万人注册参会',
      '助力全球经济增长，推动建设开放、包容、普惠、平衡、共享的开放型世界经济',
    ],
    leads: {},
    paragraphs: 18,
  },
  {
    id: 'news-fair-preview',
    subheadings: [
      '新阶段：打造全球最有影响力的服务贸易盛会',
      '新模式：采用“线上线下相结合”的方式举办',
      '新愿景：共同推动全球服务贸易繁荣发展',
    ],
    leads: {
      // The 核心阅读 (key points) box.
      '从京交会到服贸会：2020年服贸会前瞻': [
        '9月上旬，2020年中国国际服务贸易交易会将在北京开幕。本届服贸会采取“线上线下相结合”的方式举办，整合北京文博会、旅博会、金博会、冬博会、机器人大会等展会和内容，深化国际协调合作、激活增长动能、推动贸易高质量发展，为推进国际服务贸易开放合作贡献更多中国智慧和中国方案。',
      ],
    },
    paragraphs: 17,
  },
];

const SENTENCE_END = /[。！？…：；][”’」』）)]*$/u;

for (const expected of EXPECTED) {
  describe(`parseNews: ${expected.id}`, () => {
    const { meta, raw } = load(expected.id);
    const doc = parseNews(raw, meta);
    const sectionIds = new Set(doc.sections.map((s) => s.id));

    it('opens with a section titled after the document, then one section per subheading', () => {
      expect(doc.sections.map((s) => s.title)).toEqual([meta.title.zh, ...expected.subheadings]);
      for (const s of doc.sections) {
        expect(s.level).toBe('chapter');
        expect(s.children).toEqual([]);
        expect(s.role).toBeUndefined();
      }
      expect(sectionIds.size).toBe(doc.sections.length);
    });

    it('starts every section with its heading block', () => {
      const headings = doc.blocks.filter((b) => b.type === 'heading');
      expect(headings.map((b) => b.text)).toEqual(doc.sections.map((s) => s.title));
      for (const s of doc.sections) {
        const first = doc.blocks.find((b) => b.sectionId === s.id);
        expect(first?.type).toBe('heading');
        expect(first?.text).toBe(s.title);
        expect(first?.level).toBe('chapter');
      }
      // Blocks come section by section, in tree order.
      const order: string[] = [];
      for (const b of doc.blocks) if (order[order.length - 1] !== b.sectionId) order.push(b.sectionId);
      expect(order).toEqual(doc.sections.map((s) => s.id));
    });

    it('keeps decks and opening boxes as lead blocks, not headings', () => {
      const leads: Record<string, string[]> = {};
      for (const b of doc.blocks.filter((x) => x.type === 'lead')) {
        const title = doc.sections.find((s) => s.id === b.sectionId)?.title ?? '?';
        leads[title] = [...(leads[title] ?? []), b.text];
      }
      expect(leads).toEqual(expected.leads);
      // A deck sits right after its heading.
      for (const [title, texts] of Object.entries(expected.leads)) {
        const section = doc.sections.find((s) => s.title === title);
        const inSection = doc.blocks.filter((b) => b.sectionId === section?.id);
        expect(inSection.slice(1, 1 + texts.length).map((b) => b.type)).toEqual(texts.map(() => 'lead'));
      }
    });

    it('keeps every paragraph whole, unindented and otherwise unchanged', () => {
      const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph');
      expect(paragraphs).toHaveLength(expected.paragraphs);
      for (const p of paragraphs) {
        expect(p.text).toMatch(SENTENCE_END);
        expect(p.text).toBe(p.text.trim());
        expect(p.text).not.toMatch(/^\u3000/u);
      }
      // Every printed line is a block's text, exactly; only the 核心阅读 label is not kept as text.
      const printed = raw
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && l !== '核心阅读');
      expect(
        doc.blocks
          .filter((b) => b.type !== 'heading' || expected.subheadings.includes(b.text))
          .map((b) => b.text),
      ).toEqual(printed);
    });

    it('gives unique, stable ids and valid section references', () => {
      const ids = doc.blocks.map((b) => b.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const b of doc.blocks) {
        expect(sectionIds.has(b.sectionId)).toBe(true);
        expect(b.docId).toBe(meta.id);
      }
      expect(parseNews(raw, meta)).toEqual(doc);
      expect(doc.datasets).toEqual([]);
      expect(doc.figures).toEqual([]);
    });

    it('changes only the edited paragraph’s id when one paragraph changes', () => {
      const target = doc.blocks.filter((b) => b.type === 'paragraph')[3];
      expect(target).toBeDefined();
      const text = target?.text ?? '';
      const editedText = `${text.slice(0, -1)}（补）${text.slice(-1)}`;
      const edited = parseNews(raw.replace(text, editedText), meta);
      expect(edited.sections).toEqual(doc.sections);
      const changed = edited.blocks.filter((b, i) => b.id !== doc.blocks[i]?.id);
      expect(changed.map((b) => b.text)).toEqual([editedText]);
    });
  });
}

describe('parseNews: 核心阅读', () => {
  it('turns the key-points box into the lead of the opening section', () => {
    const { meta, raw } = load('news-fair-preview');
    const doc = parseNews(raw, meta);
    const opening = doc.sections[0];
    const blocks = doc.blocks.filter((b) => b.sectionId === opening?.id);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'lead', 'paragraph', 'paragraph']);
    expect(blocks[1]?.text.startsWith('9月上旬，2020年中国国际服务贸易交易会将在北京开幕。')).toBe(true);
    expect(doc.blocks.some((b) => b.text === '核心阅读')).toBe(false);
    expect(doc.sections.some((s) => s.title === '核心阅读')).toBe(false);
  });
});
