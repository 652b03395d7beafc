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

/**
 * Which marker a printed footnote explains, and where its block goes. Two printings need two rules:
 *
 * - 'latest-marker' (default; the report): the footnote block stays where it was printed and
 *   explains the most recent unresolved marker with the same symbol. The report prints footnotes at
 *   the foot of the page citing them, after the citing text, with running numbers.
 * - 'earliest-footnote' (the paper): footnotes are held back as printed; `finish()` gives each
 *   marker, in reading order, the earliest held footnote with the same symbol and places the
 *   footnote block right after the block citing it, in that block's section. The paper prints a
 *   page's footnotes wherever the page broke — inside a paragraph, sometimes before the line that
 *   cites them — and restarts its circled numbers on every page, so neither the printed position
 *   nor the most recent marker tells which marker a footnote explains. Footnotes no marker takes go
 *   right after the last block outside sections with a role (abstract, unrelated fragment).
 */
export type FootnoteMatching = 'latest-marker' | 'earliest-footnote';

export interface BuilderOptions {
  footnotes?: FootnoteMatching;
  /**
   * Heading block ids: 'section' (default; the report) reuses the id of the section the heading
   * titles; 'text' (the paper and the news articles) mints it from the heading text like any other
   * block. Both schemes are published — annotations and exported deep links store block ids — so
   * each parser keeps the one its documents shipped with.
   */
  headingIds?: 'section' | 'text';
}

/** A footnote held back under 'earliest-footnote' until a marker takes it. */
interface HeldFootnote {
  marker: string;
  text: string;
  used: boolean;
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
  private readonly held: HeldFootnote[] = [];
  private heldPlaced = false;
  private readonly footnoteMatching: FootnoteMatching;
  private readonly headingIds: 'section' | 'text';
  readonly orphanFootnotes: string[] = [];
  readonly datasets: Dataset[] = [];
  readonly figures: Figure[] = [];

  constructor(
    readonly meta: DocMeta,
    options: BuilderOptions = {},
  ) {
    this.footnoteMatching = options.footnotes ?? 'latest-marker';
    this.headingIds = options.headingIds ?? 'section';
  }

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
    if (options.lang) section.lang = options.lang;
    if (options.role) section.role = options.role;
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
    const draft = newDraft(type, text, section, lang);
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
   * Adds a printed footnote, matched to its marker as `FootnoteMatching` says.
   *
   * 'latest-marker': returns the footnote block, attached to the most recent unresolved marker with
   * the same symbol. The most recent, not the oldest: footnotes are printed at the foot of the page
   * that cites them, and a marker whose footnote was lost must not capture every later footnote.
   *
   * 'earliest-footnote': holds the footnote (no section needs to be open) and returns undefined;
   * its block is made in `finish()`, when a marker takes it.
   */
  addFootnote(marker: string, text: string): DraftBlock | undefined {
    if (this.footnoteMatching === 'earliest-footnote') {
      this.held.push({ marker, text, used: false });
      return undefined;
    }
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
    this.placeHeldFootnotes();
    return {
      unresolvedMarkers: this.pending.map((p) => ({
        marker: p.marker,
        text: this.pendingOwners.get(p)?.text ?? '',
      })),
      orphanFootnotes: [...this.orphanFootnotes],
    };
  }

  finish(): ParsedDocument {
    this.placeHeldFootnotes();
    const minter = new BlockIdMinter(this.meta.id);
    for (const draft of this.drafts) {
      draft.id =
        draft.type === 'heading' && this.headingIds === 'section'
          ? draft.section.id
          : minter.mint(draft.type, draft.text);
    }
    const blocks = this.drafts.map((draft) => this.toBlock(draft));
    for (const dataset of this.datasets) this.relink(dataset, blocks);
    for (const figure of this.figures) this.relink(figure, blocks);
    return { meta: this.meta, sections: this.roots, blocks, datasets: this.datasets, figures: this.figures };
  }

  /**
   * 'earliest-footnote': gives each marker, in reading order, the earliest held footnote with its
   * symbol and places the footnote block right after the citing block. Runs once, when the
   * document is complete.
   */
  private placeHeldFootnotes(): void {
    if (this.footnoteMatching !== 'earliest-footnote' || this.heldPlaced) return;
    this.heldPlaced = true;
    const ordered: DraftBlock[] = [];
    for (const draft of this.drafts) {
      ordered.push(draft);
      for (const pendingMarker of draft.markers) {
        const held = this.held.find((f) => !f.used && f.marker === pendingMarker.marker);
        if (!held) continue;
        held.used = true;
        const footnote = newDraft('footnote', held.text, draft.section);
        footnote.marker = held.marker;
        footnote.citedBy = draft;
        pendingMarker.footnote = footnote;
        const at = this.pending.indexOf(pendingMarker);
        if (at >= 0) this.pending.splice(at, 1);
        ordered.push(footnote);
      }
    }
    const unused = this.held.filter((f) => !f.used);
    this.orphanFootnotes.push(...unused.map((f) => f.text));
    const lastBody = [...this.drafts].reverse().find((d) => d.section.role === undefined);
    if (lastBody) {
      const orphans = unused.map((f) => {
        const footnote = newDraft('footnote', f.text, lastBody.section);
        footnote.marker = f.marker;
        return footnote;
      });
      ordered.splice(ordered.indexOf(lastBody) + 1, 0, ...orphans);
    }
    this.drafts.splice(0, this.drafts.length, ...ordered);
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

/** A draft in `section`; it takes the section's language unless given its own. */
function newDraft(type: BlockType, text: string, section: Section, lang?: Lang): DraftBlock {
  const draft: DraftBlock = { type, text, section, markers: [] };
  const blockLang = lang ?? section.lang;
  if (blockLang) draft.lang = blockLang;
  return draft;
}
