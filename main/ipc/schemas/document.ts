import { z } from 'zod';
import type { Block, Dataset, DocMeta, Figure, ParsedDocument, Section } from '../../corpus/types.js';
import { IdSchema } from '../../settings/schema.js';

// document:get — one document as the reader needs it: metadata, section tree, blocks in reading
// order, datasets and figures. Mirrors main/corpus/types.ts; the `satisfies` checks below make the
// compiler flag any drift between the two.

const LangSchema = z.enum(['zh', 'en']);
const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
const LevelSchema = z.enum(['part', 'chapter', 'section', 'subsection']);
const PageSchema = z.number().int().positive();

export const DocMetaSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  kind: z.enum(['report', 'paper', 'article']),
  lang: LangSchema,
  title: BilingualSchema,
  description: BilingualSchema,
});

export type SectionPayload = Section;
export const SectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    title: z.string(),
    level: LevelSchema,
    page: PageSchema.optional(),
    lang: LangSchema.optional(),
    role: z.enum(['front-matter', 'abstract', 'afterword', 'unrelated-fragment']).optional(),
    footnoteIds: z.array(z.string()).optional(),
    children: z.array(SectionSchema),
  }),
);

export const BlockSchema = z.object({
  id: z.string().min(1),
  docId: z.string().min(1),
  type: z.enum(['heading', 'paragraph', 'lead', 'table', 'figure', 'footnote', 'note', 'source']),
  text: z.string(),
  sectionId: z.string().min(1),
  lang: LangSchema.optional(),
  level: LevelSchema.optional(),
  page: PageSchema.optional(),
  footnoteRefs: z
    .array(
      z.object({
        marker: z.string(),
        footnoteId: z.string().min(1),
        offset: z.number().int().nonnegative(),
      }),
    )
    .optional(),
  marker: z.string().optional(),
  refBlockId: z.string().optional(),
  datasetId: z.string().optional(),
  figureId: z.string().optional(),
});

const CellSchema = z.union([z.string(), z.number(), z.null()]);
const ColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string().optional(),
  kind: z.enum(['label', 'number']),
});

export const DatasetSchema = z.object({
  id: z.string().min(1),
  number: z.string(),
  title: z.string(),
  unit: z.string().optional(),
  source: z.string().optional(),
  notes: z.array(z.string()),
  columns: z.array(ColumnSchema),
  rows: z.array(z.array(CellSchema)),
  summary: z
    .object({ label: z.string(), columns: z.array(ColumnSchema), rows: z.array(z.array(CellSchema)) })
    .optional(),
  docId: z.string(),
  sectionId: z.string(),
  blockId: z.string(),
  page: PageSchema.optional(),
});

export const FigureSchema = z.object({
  id: z.string().min(1),
  number: z.string(),
  caption: z.string(),
  source: z.string().optional(),
  hasData: z.literal(false),
  docId: z.string(),
  sectionId: z.string(),
  blockId: z.string(),
  page: PageSchema.optional(),
});

export const DocumentPayloadSchema = z.object({
  meta: DocMetaSchema,
  sections: z.array(SectionSchema),
  blocks: z.array(BlockSchema),
  datasets: z.array(DatasetSchema),
  figures: z.array(FigureSchema),
});
export type DocumentPayload = ParsedDocument;

export const DocumentRequestSchema = z.strictObject({ docId: IdSchema });

// Compile-time agreement between the schemas and the corpus types, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(value: T) => value;
agree<Same<z.infer<typeof DocMetaSchema>, DocMeta>>(true);
agree<Same<z.infer<typeof BlockSchema>, Block>>(true);
agree<Same<z.infer<typeof DatasetSchema>, Dataset>>(true);
agree<Same<z.infer<typeof FigureSchema>, Figure>>(true);
