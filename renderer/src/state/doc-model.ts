import type { Block, Dataset, Figure, Section, SectionLevel } from '../../../main/corpus/types.js';
import type { DocumentPayload } from '../../../main/ipc/schemas/document.js';

// The document as the reading view uses it: lookups built once, and the text cut into "units"
// (parts and chapters) — what `[` / `]` step through, what the prev/next buttons name, and what
// the view renders progressively.

export interface SectionInfo {
  section: Section;
  parentId: string | null;
  /** 1 for top-level sections (aria-level). */
  depth: number;
  /** Titles from the top down to this section, inclusive. */
  path: Section[];
  /** The heading block that titles the section, when there is one. */
  headingBlockId: string | undefined;
  /** Position in reading order (pre-order over the tree). */
  order: number;
}

export interface Unit {
  index: number;
  /** The part or chapter the unit is. */
  sectionId: string;
  title: string;
  /** Blocks in reading order, footnotes included (they are shown as notes). */
  blocks: Block[];
  /** Characters of text, for estimating the height of a unit not rendered yet. */
  chars: number;
  /** A part whose chapters follow as their own units: its end needs no prev/next buttons. */
  isIntro: boolean;
}

/**
 * A run of a unit's items, the grain of progressive rendering: small enough that the first screen
 * renders only what it shows, large enough that filling in the rest takes few steps.
 */
export interface Chunk {
  index: number;
  unitIndex: number;
  items: UnitItem[];
  chars: number;
  blockCount: number;
  /** The unit's last chunk (it carries the previous/next buttons). */
  endsUnit: boolean;
}

export interface DocModel {
  payload: DocumentPayload;
  sections: Map<string, SectionInfo>;
  /** Section ids in reading order. */
  sectionOrder: string[];
  blocks: Map<string, Block>;
  datasets: Map<string, Dataset>;
  figures: Map<string, Figure>;
  /** Footnote blocks by id. */
  footnotes: Map<string, Block>;
  units: Unit[];
  unitOfBlock: Map<string, number>;
  chunks: Chunk[];
  chunkOfBlock: Map<string, number>;
  /** The first block of the document (where reading starts). */
  firstBlockId: string | undefined;
}

const UNIT_LEVELS: ReadonlySet<SectionLevel> = new Set(['part', 'chapter']);

export function buildDocModel(payload: DocumentPayload): DocModel {
  const sections = new Map<string, SectionInfo>();
  const sectionOrder: string[] = [];
  const walk = (list: Section[], parent: SectionInfo | null) => {
    for (const section of list) {
      const info: SectionInfo = {
        section,
        parentId: parent?.section.id ?? null,
        depth: (parent?.depth ?? 0) + 1,
        path: [...(parent?.path ?? []), section],
        headingBlockId: undefined,
        order: sectionOrder.length,
      };
      sections.set(section.id, info);
      sectionOrder.push(section.id);
      walk(section.children, info);
    }
  };
  walk(payload.sections, null);

  const blocks = new Map<string, Block>();
  const footnotes = new Map<string, Block>();
  for (const block of payload.blocks) {
    blocks.set(block.id, block);
    if (block.type === 'footnote') footnotes.set(block.id, block);
    const info = sections.get(block.sectionId);
    if (block.type === 'heading' && info && info.headingBlockId === undefined) info.headingBlockId = block.id;
  }

  /** The part or chapter a section's text belongs to: the deepest such ancestor, else the top one. */
  const unitSectionOf = (sectionId: string): string => {
    const path = sections.get(sectionId)?.path ?? [];
    for (let i = path.length - 1; i >= 0; i--) {
      const section = path[i];
      if (section && UNIT_LEVELS.has(section.level)) return section.id;
    }
    return path[0]?.id ?? sectionId;
  };

  const units: Unit[] = [];
  const unitOfBlock = new Map<string, number>();
  for (const block of payload.blocks) {
    const unitSection = unitSectionOf(block.sectionId);
    let unit = units[units.length - 1];
    if (unit === undefined || unit.sectionId !== unitSection) {
      const section = sections.get(unitSection)?.section;
      unit = {
        index: units.length,
        sectionId: unitSection,
        title: section?.title ?? '',
        blocks: [],
        chars: 0,
        isIntro: section?.level === 'part' && section.children.some((c) => c.level === 'chapter'),
      };
      units.push(unit);
    }
    unit.blocks.push(block);
    unit.chars += block.text.length;
    unitOfBlock.set(block.id, unit.index);
  }

  const { chunks, chunkOfBlock } = buildChunks(units);

  return {
    payload,
    sections,
    sectionOrder,
    blocks,
    datasets: new Map(payload.datasets.map((d) => [d.id, d])),
    figures: new Map(payload.figures.map((f) => [f.id, f])),
    footnotes,
    units,
    unitOfBlock,
    chunks,
    chunkOfBlock,
    firstBlockId: payload.blocks.find((b) => b.type !== 'footnote')?.id,
  };
}

/** The block a jump to this section lands on: its heading, else its first block. */
export function sectionTarget(model: DocModel, sectionId: string): string | undefined {
  const info = model.sections.get(sectionId);
  if (info?.headingBlockId) return info.headingBlockId;
  return model.payload.blocks.find((b) => b.sectionId === sectionId)?.id;
}

export type UnitItem =
  | { kind: 'block'; block: Block }
  /** The footnotes of one section, shown after its last passage. */
  | { kind: 'notes'; sectionId: string; footnotes: Block[] };

/** What a unit shows, in order: its blocks without the footnotes, each section's notes after its text. */
export function unitItems(unit: Unit): UnitItem[] {
  const last = new Map<string, number>();
  unit.blocks.forEach((block, i) => {
    last.set(block.sectionId, i);
  });
  const pending = new Map<string, Block[]>();
  const items: UnitItem[] = [];
  unit.blocks.forEach((block, i) => {
    if (block.type === 'footnote') {
      const list = pending.get(block.sectionId) ?? [];
      list.push(block);
      pending.set(block.sectionId, list);
    } else {
      items.push({ kind: 'block', block });
    }
    if (last.get(block.sectionId) === i) {
      const notes = pending.get(block.sectionId);
      if (notes && notes.length > 0)
        items.push({ kind: 'notes', sectionId: block.sectionId, footnotes: notes });
      pending.delete(block.sectionId);
    }
  });
  return items;
}

/** Characters after which a chunk ends (at the next block that is not right after a heading). */
export const CHUNK_CHARS = 2400;

function itemChars(item: UnitItem): number {
  return item.kind === 'block'
    ? item.block.text.length
    : item.footnotes.reduce((n, f) => n + f.text.length, 0);
}

export function buildChunks(units: readonly Unit[]): { chunks: Chunk[]; chunkOfBlock: Map<string, number> } {
  const chunks: Chunk[] = [];
  const chunkOfBlock = new Map<string, number>();
  for (const unit of units) {
    let current: Chunk | undefined;
    for (const item of unitItems(unit)) {
      const last = current?.items[current.items.length - 1];
      const afterHeading = last?.kind === 'block' && last.block.type === 'heading';
      if (current === undefined || (current.chars >= CHUNK_CHARS && !afterHeading)) {
        current = {
          index: chunks.length,
          unitIndex: unit.index,
          items: [],
          chars: 0,
          blockCount: 0,
          endsUnit: false,
        };
        chunks.push(current);
      }
      current.items.push(item);
      current.chars += itemChars(item);
      const ids = item.kind === 'block' ? [item.block.id] : item.footnotes.map((f) => f.id);
      current.blockCount += ids.length;
      for (const id of ids) chunkOfBlock.set(id, current.index);
    }
    if (current !== undefined) current.endsUnit = true;
  }
  return { chunks, chunkOfBlock };
}
