// The structured bundle every part of the app reads: documents, their section trees, blocks in
// reading order, datasets and figures. Built once by `npm run build`, loaded as JSON at start.

export type DocKind = 'report' | 'paper' | 'article';
export type Lang = 'zh' | 'en';

export interface DocMeta {
  id: string;
  /** File name in assets/corpus/. */
  source: string;
  kind: DocKind;
  lang: Lang;
  title: { zh: string; en: string };
  /** One-line description of what the text is; only facts stated in the text. */
  description: { zh: string; en: string };
}

/**
 * Level of a section in the tree. Reports: part (篇) → chapter → section (一、) → subsection (（一）).
 * Papers and articles use the same levels from 'chapter' down.
 */
export type SectionLevel = 'part' | 'chapter' | 'section' | 'subsection';

/** Why a section is special, when it is. */
export type SectionRole =
  | 'front-matter'
  | 'abstract'
  | 'afterword'
  /** Text printed in the source file that does not belong to the document (e.g. another article's tail). */
  | 'unrelated-fragment';

export interface Section {
  id: string;
  title: string;
  level: SectionLevel;
  /** Printed page number from the report's table of contents. */
  page?: number;
  lang?: Lang;
  role?: SectionRole;
  /** Footnotes whose markers were printed in the heading (removed from `title`). */
  footnoteIds?: string[];
  children: Section[];
}

export type BlockType =
  | 'heading'
  | 'paragraph'
  | 'lead'
  | 'table'
  | 'figure'
  | 'footnote'
  | 'note'
  | 'source';

/** Where a footnote marker stood in a block's text (the marker itself is removed from `text`). */
export interface FootnoteRef {
  marker: string;
  footnoteId: string;
  /** Offset in Unicode code points within `text` where the marker was printed. */
  offset: number;
}

export interface Block {
  id: string;
  docId: string;
  type: BlockType;
  text: string;
  /** The section this block belongs to (for headings: the section they title). */
  sectionId: string;
  lang?: Lang;
  /** Heading blocks: the level of their section. */
  level?: SectionLevel;
  /** Printed page of the block's section, where the source prints page numbers. */
  page?: number;
  footnoteRefs?: FootnoteRef[];
  /** Footnote blocks: the marker as printed (¹, ②) and the block or heading that cites it. */
  marker?: string;
  refBlockId?: string;
  /** Table blocks: the dataset parsed from this table. Figure blocks: the figure entry. */
  datasetId?: string;
  figureId?: string;
}

export type Cell = string | number | null;

export interface DatasetColumn {
  key: string;
  /** Unambiguous label (two-level headers flattened, e.g. "出口区域内比重 2020"). */
  label: string;
  unit?: string;
  kind: 'label' | 'number';
}

export interface Dataset {
  id: string;
  /** As printed: "表 2-1". */
  number: string;
  title: string;
  unit?: string;
  source?: string;
  notes: string[];
  columns: DatasetColumn[];
  rows: Cell[][];
  /** A labelled block printed under the table (e.g. 表 2-4's totals). */
  summary?: { label: string; columns: DatasetColumn[]; rows: Cell[][] };
  docId: string;
  sectionId: string;
  blockId: string;
  page?: number;
}

export interface Figure {
  id: string;
  /** As printed: "图 1-1". */
  number: string;
  caption: string;
  source?: string;
  /** The source text carries only the caption: there is no data behind the figure. */
  hasData: false;
  docId: string;
  sectionId: string;
  blockId: string;
  page?: number;
}

export interface ParsedDocument {
  meta: DocMeta;
  sections: Section[];
  blocks: Block[];
  datasets: Dataset[];
  figures: Figure[];
}

export interface Bundle {
  /** Hash of the sources and the parser code the bundle was built from. */
  inputHash: string;
  documents: ParsedDocument[];
}
