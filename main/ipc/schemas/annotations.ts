import { z } from 'zod';
import { IdSchema } from '../../settings/schema.js';
import { HIGHLIGHT_PASSAGES_MAX } from '../limits.js';

// annotations:* and navigation:pending — the schemas of the annotation channels. Exports are
// saved through the same save dialog as file:save (schemas/files.ts, main/datasets/save-file.ts).
//
// This file is bundled into the sandboxed preload (through contract.ts), which can require nothing
// but 'electron', and type-checked with the renderer, which has no Node types: it imports nothing
// from main/annotations. The lists below repeat the model's constants; compile-time checks in
// main/annotations/ipc-handlers.ts make the compiler flag any drift between the two.

export const ANNOTATION_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const ANNOTATION_MOTIVATIONS = ['highlighting', 'commenting', 'bookmarking'] as const;
export const ANCHOR_STATUS_VALUES = ['anchored', 'needs-review'] as const;
export const NOTE_FORMAT_VALUES = ['text/markdown', 'text/plain'] as const;
export const EXPORT_FORMAT_VALUES = ['md', 'html', 'csv', 'json'] as const;

export const NOTE_MAX = 200_000;
export const TAG_MAX_LENGTH = 200;
export const TAGS_MAX = 100;
/** A single search of notes and quotes (the sidebar's box); longer is refused. */
export const QUERY_MAX = 500;

export const ColorSchema = z.enum(ANNOTATION_COLORS);
export const MotivationSchema = z.enum(ANNOTATION_MOTIVATIONS);
export const AnchorStatusSchema = z.enum(ANCHOR_STATUS_VALUES);
export const NoteFormatSchema = z.enum(NOTE_FORMAT_VALUES);
export const ExportFormatSchema = z.enum(EXPORT_FORMAT_VALUES);

/** Annotation ids are urn:uuid:… here, but imported files may carry any IRI. */
const AnnotationIdSchema = z.string().min(1).max(2048);
const TagSchema = z.string().max(TAG_MAX_LENGTH);
const TagsSchema = z.array(TagSchema).max(TAGS_MAX);
const NoteSchema = z.string().max(NOTE_MAX);
/** A UTF-16 offset in a block's text (what the DOM counts). */
const Utf16OffsetSchema = z.number().int().nonnegative().max(10_000_000);

export const AnnotationFilterSchema = z.strictObject({
  docId: IdSchema.optional(),
  color: ColorSchema.optional(),
  tag: TagSchema.optional(),
  motivation: MotivationSchema.optional(),
  status: AnchorStatusSchema.optional(),
});
export type AnnotationFilterRequest = z.infer<typeof AnnotationFilterSchema>;

/**
 * One annotation as the renderer shows it: the W3C annotation flattened, with where it is in the
 * bundle (section path, page, reading order) resolved by the main process.
 */
export const AnnotationViewSchema = z.object({
  id: AnnotationIdSchema,
  docId: z.string(),
  motivation: MotivationSchema,
  kind: z.enum(['text', 'section']),
  /** The block (text annotations) or section (bookmarks) the annotation is anchored to. */
  targetId: z.string().nullable(),
  /** The block a jump to the annotation lands on (bookmarks: the section's heading). */
  jumpBlockId: z.string().nullable(),
  /** The section the passage is in (bookmarks: the section itself). */
  sectionId: z.string().nullable(),
  /** Section titles from the top of the document down. */
  sectionPath: z.array(z.string()),
  /** Printed page of the section, where the source prints one. */
  page: z.number().int().positive().nullable(),
  /** Code points within the block's text; null for bookmarks and whole-block anchors. */
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  /** The text the annotation covers (bookmarks: the section title). */
  quote: z.string(),
  note: z.string(),
  noteFormat: NoteFormatSchema,
  tags: z.array(z.string()),
  color: ColorSchema.nullable(),
  status: AnchorStatusSchema,
  created: z.string(),
  modified: z.string(),
  /** report-reader:// link to the passage, when the ids allow one. */
  link: z.string().nullable(),
  /** Reading order: document, block, offset (for sorting by position). */
  order: z.tuple([z.number(), z.number(), z.number()]),
});
export type AnnotationView = z.infer<typeof AnnotationViewSchema>;

/**
 * A stored annotation as the W3C model has it (returned by annotations:remove so the renderer can
 * hand it back to annotations:restore). Checked loosely here; the store validates it fully.
 */
export const StoredAnnotationSchema = z.looseObject({
  id: AnnotationIdSchema,
  type: z.literal('Annotation'),
  target: z.unknown(),
});
export type StoredAnnotation = z.infer<typeof StoredAnnotationSchema>;

export const AnnotationCreateRequestSchema = z
  .strictObject({
    docId: IdSchema,
    blockId: IdSchema,
    /** UTF-16 offsets in the block's text; the main process snaps them to whole characters. */
    start: Utf16OffsetSchema,
    end: Utf16OffsetSchema,
    color: ColorSchema.optional(),
    note: NoteSchema.optional(),
    noteFormat: NoteFormatSchema.optional(),
    tags: TagsSchema.optional(),
    motivation: z.enum(['highlighting', 'commenting']).optional(),
  })
  .refine((r) => r.start < r.end, { message: 'start must be before end' });

export const AnnotationCreateManyRequestSchema = z.strictObject({
  docId: IdSchema,
  color: ColorSchema.optional(),
  parts: z
    .array(
      z
        .strictObject({ blockId: IdSchema, start: Utf16OffsetSchema, end: Utf16OffsetSchema })
        .refine((r) => r.start < r.end, { message: 'start must be before end' }),
    )
    .min(1)
    .max(HIGHLIGHT_PASSAGES_MAX),
});

export const AnnotationUpdateRequestSchema = z.strictObject({
  id: AnnotationIdSchema,
  note: NoteSchema.optional(),
  noteFormat: NoteFormatSchema.optional(),
  tags: TagsSchema.optional(),
  /** null removes the colour. */
  color: ColorSchema.nullable().optional(),
});

export const AnnotationIdRequestSchema = z.strictObject({ id: AnnotationIdSchema });

export const AnnotationRemoveResponseSchema = z.object({ removed: StoredAnnotationSchema.nullable() });

export const AnnotationRestoreRequestSchema = z.strictObject({ annotation: StoredAnnotationSchema });

export const BookmarkRequestSchema = z.strictObject({
  docId: IdSchema,
  sectionId: IdSchema,
  note: NoteSchema.optional(),
});

export const AnnotationExportRequestSchema = z.strictObject({
  format: ExportFormatSchema,
  lang: z.enum(['zh', 'en']),
  filter: AnnotationFilterSchema.optional(),
  /** Only annotations whose quote, note or tags contain this text (the sidebar's search box). */
  query: z.string().max(QUERY_MAX).optional(),
});

export const AnnotationExportResponseSchema = z.object({
  saved: z.boolean(),
  /** Where the file was written (absent when the user cancelled). */
  path: z.string().optional(),
  fileName: z.string(),
  count: z.number().int().nonnegative(),
  needsReview: z.number().int().nonnegative(),
});
export type AnnotationExportResult = z.infer<typeof AnnotationExportResponseSchema>;

/** Why a file could not be imported (main/annotations/codec.ts FileProblem). */
export const IMPORT_PROBLEMS = [
  'missing',
  'unreadable',
  'too-large',
  'invalid-encoding',
  'invalid-json',
  'unsafe-keys',
  'unknown-schema',
  'newer-schema',
  'invalid-data',
  'store-full',
  'read-only',
] as const;

export const AnnotationImportResponseSchema = z.object({
  /** false when the user cancelled the file dialog or the file could not be used. */
  imported: z.boolean(),
  fileName: z.string().optional(),
  /** Set when the chosen file could not be imported; nothing was changed. */
  problem: z.enum(IMPORT_PROBLEMS).optional(),
  /** Why it could not be, or why the first skipped item was left out. */
  detail: z.string().optional(),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Items of the file that are not annotations we can read, left out (the file is unchanged). */
  skipped: z.number().int().nonnegative(),
  /** Of all annotations after the import, how many need review. */
  needsReview: z.number().int().nonnegative(),
});
export type AnnotationImportResult = z.infer<typeof AnnotationImportResponseSchema>;

/** What the store holds after a recovery (main/annotations/recovery.ts Recovery.restoredFrom). */
export const RESTORED_FROM = ['backup', 'nothing', 'partial-journal'] as const;

export const AnnotationStatusSchema = z.object({
  /** Set when the store had to recover from an unusable annotations file (told to the user once). */
  recovery: z
    .object({
      message: z.object({ zh: z.string(), en: z.string() }),
      /** File name the unusable file was moved to (absent when it could not be moved). */
      movedTo: z.string().optional(),
      restoredFrom: z.enum(RESTORED_FROM),
    })
    .nullable(),
  readOnly: z.boolean(),
  count: z.number().int().nonnegative(),
  needsReview: z.number().int().nonnegative(),
});
export type AnnotationStatus = z.infer<typeof AnnotationStatusSchema>;

/** navigation:pending — a deep link that arrived from the system, taken once. */
export const PendingNavigationSchema = z
  .object({ docId: z.string(), blockId: z.string().optional(), link: z.string() })
  .nullable();
export type PendingNavigation = z.infer<typeof PendingNavigationSchema>;
