import { BlockIdMinter, sectionId } from './ids.js';
import type {
  Block,
  BlockType,
  Dataset,
  DocMeta,
  Figure,
  Lang,
  ParsedDocument,
  Section,
  SectionLevel,
  SectionRole,
} from './types.js';

const LEVEL_RANK: Record<SectionLevel, number> = { part: 0, chapter: 1, section: 2, subsection: 3 };

interface PendingMarker {
  marker: string;
  offset: number;
  footnote?: DraftBlock;
}

/** A block while its text may still grow (paragraph repair); ids are minted in `finish()`. */
export interface DraftBlock {
  type: BlockType;
  text: string;
  section: Section;
  lang?: Lang;
  markers: PendingMarker[];
  /** Footnote drafts: the marker as printed and the block whose marker they explain. */
  marker?: string;
  citedBy?: DraftBlock;
  datasetId?: string;
  figureId?: string;
  id?: string;
}

export interface SectionOptions {
  page?: number;
  role?: SectionRole;
  lang?: Lang;
}

export interface FootnoteDiagnostics {
  /** Markers in the text for which no footnote was printed. */
  unresolvedMarkers: { marker: string; text: string }[];
  /** Footnotes printed with no marker before them. */
  orphanFootnotes: string[];
}

/**
 * Assembles a ParsedDocument in reading order: keeps the open-section stack, the blocks, and the
 * footnote markers still waiting for their footnote.
 */
export class DocumentBuilder {
  private readonly roots: Section[] = [];
  private readonly stack: Section[] = [];
  private readonly drafts: DraftBlock[] = [];
  private readonly pages = new Map<Section, number | undefined>();
  private readonly pathCounts = new Map<string, number>();
  private readonly pending: PendingMarker[] = [];
  private readonly pendingOwners = new Map<PendingMarker, DraftBlock>();
  readonly orphanFootnotes: string[] = [];
  readonly datasets: Dataset[] = [];
  readonly figures: Figure[] = [];

  constructor(readonly meta: DocMeta) {}

  get currentSection(): Section | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Opens a section, closing any open section of the same or a deeper level. */
  openSection(level: SectionLevel, title: string, options: SectionOptions = {}): Section {
    while (
      this.stack.length > 0 &&
      LEVEL_RANK[this.stack[this.stack.length - 1]?.level ?? 'part'] >= LEVEL_RANK[level]
    ) {
      this.stack.pop();
    }
    const parent = this.currentSection;
    const titlePath = [...this.stack.map((s) => s.title), title];
    const pathKey = titlePath.join('\u0001');
    const occurrence = this.pathCounts.get(pathKey) ?? 0;
    this.pathCounts.set(pathKey, occurrence + 1);
    const section: Section = {
      id: sectionId(this.meta.id, titlePath, occurrence),
      title,
      level,
      children: [],
    };
    if (options.page !== undefined) section.page = options.page;
    if (options.role) section.role = options.role;
    if (options.lang) section.lang = options.lang;
    (parent ? parent.children : this.roots).push(section);
    this.pages.set(section, options.page ?? (parent ? this.pages.get(parent) : undefined));
    this.stack.push(section);
    return section;
  }

  /** Appends a block to the current section. Markers are offsets into `text`. */
  addBlock(
    type: BlockType,
    text: string,
    markers: { marker: string; offset: number }[] = [],
    lang?: Lang,
  ): DraftBlock {
    const section = this.currentSection;
    if (!section) throw new Error(`${this.meta.id}: block before any section: ${text.slice(0, 40)}`);
    const draft: DraftBlock = { type, text, section, markers: [] };
    const blockLang = lang ?? section.lang;
    if (blockLang) draft.lang = blockLang;
    this.drafts.push(draft);
    this.addMarkers(draft, markers);
    return draft;
  }

  /** Records markers found in text appended to `draft` (offsets already relative to its text). */
  addMarkers(draft: DraftBlock, markers: { marker: string; offset: number }[]): void {
    for (const { marker, offset } of markers) {
      const pendingMarker: PendingMarker = { marker, offset };
      draft.markers.push(pendingMarker);
      this.pending.push(pendingMarker);
      this.pendingOwners.set(pendingMarker, draft);
    }
  }

  /**
   * Adds a footnote and attaches it to the most recent unresolved marker with the same symbol.
   * The most recent, not the oldest: footnotes are printed at the foot of the page that cites
   * them, and a marker whose footnote was lost must not capture every later footnote.
   */
  addFootnote(marker: string, text: string): DraftBlock {
    const draft = this.addBlock('footnote', text);
    draft.marker = marker;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const candidate = this.pending[i];
      if (candidate && candidate.marker === marker) {
        candidate.footnote = draft;
        draft.citedBy = this.pendingOwners.get(candidate);
        this.pending.splice(i, 1);
        return draft;
      }
    }
    this.orphanFootnotes.push(text);
    return draft;
  }

  diagnostics(): FootnoteDiagnostics {
    return {
      unresolvedMarkers: this.pending.map((p) => ({
        marker: p.marker,
        text: this.pendingOwners.get(p)?.text ?? '',
      })),
      orphanFootnotes: [...this.orphanFootnotes],
    };
  }

  finish(): ParsedDocument {
    const minter = new BlockIdMinter(this.meta.id);
    for (const draft of this.drafts) {
      draft.id = draft.type === 'heading' ? draft.section.id : minter.mint(draft.type, draft.text);
    }
    const blocks = this.drafts.map((draft) => this.toBlock(draft));
    for (const dataset of this.datasets) this.relink(dataset, blocks);
    for (const figure of this.figures) this.relink(figure, blocks);
    return { meta: this.meta, sections: this.roots, blocks, datasets: this.datasets, figures: this.figures };
  }

  /** Datasets and figures are registered with their draft; point them at the minted block id. */
  private relink(entry: Dataset | Figure, blocks: Block[]): void {
    const block = blocks.find((b) => b.datasetId === entry.id || b.figureId === entry.id);
    if (!block) throw new Error(`${this.meta.id}: ${entry.id} has no block`);
    entry.blockId = block.id;
    entry.sectionId = block.sectionId;
    if (block.page !== undefined) entry.page = block.page;
  }

  private toBlock(draft: DraftBlock): Block {
    const block: Block = {
      id: draft.id ?? '',
      docId: this.meta.id,
      type: draft.type,
      text: draft.text,
      sectionId: draft.section.id,
    };
    if (draft.lang) block.lang = draft.lang;
    if (draft.type === 'heading') block.level = draft.section.level;
    const page = this.pages.get(draft.section);
    if (page !== undefined) block.page = page;
    const refs = draft.markers
      .filter((m) => m.footnote?.id)
      .map((m) => ({ marker: m.marker, footnoteId: m.footnote?.id ?? '', offset: m.offset }));
    if (refs.length > 0) {
      block.footnoteRefs = refs;
      if (draft.type === 'heading') draft.section.footnoteIds = refs.map((r) => r.footnoteId);
    }
    if (draft.marker) block.marker = draft.marker;
    if (draft.citedBy?.id) block.refBlockId = draft.citedBy.id;
    if (draft.datasetId) block.datasetId = draft.datasetId;
    if (draft.figureId) block.figureId = draft.figureId;
    return block;
  }
}
