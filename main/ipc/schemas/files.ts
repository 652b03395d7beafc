import { z } from 'zod';
import { IdSchema } from '../../settings/schema.js';

// file:save, clipboard:write, datasets:export and datasets:cite — taking things out of the app.
// file:save and clipboard:write are generic (charts, annotations exports…); the datasets channels
// build their content in the main process from the bundle, so the renderer never supplies it.

/** What can be saved, with the extension and the save dialog's filter for each. */
export const SAVE_KINDS = {
  csv: { extension: '.csv', binary: false, filter: { zh: 'CSV 表格', en: 'CSV spreadsheet' } },
  json: { extension: '.json', binary: false, filter: { zh: 'JSON 数据', en: 'JSON data' } },
  png: { extension: '.png', binary: true, filter: { zh: 'PNG 图片', en: 'PNG image' } },
  svg: { extension: '.svg', binary: false, filter: { zh: 'SVG 矢量图', en: 'SVG vector image' } },
  md: { extension: '.md', binary: false, filter: { zh: 'Markdown 文档', en: 'Markdown document' } },
  html: { extension: '.html', binary: false, filter: { zh: 'HTML 网页', en: 'HTML page' } },
  txt: { extension: '.txt', binary: false, filter: { zh: '纯文本', en: 'Plain text' } },
} as const;
export type SaveKind = keyof typeof SAVE_KINDS;
const SAVE_KIND_NAMES = Object.keys(SAVE_KINDS) as [SaveKind, ...SaveKind[]];

/** 12 MiB of text: a chart PNG at twice the screen's resolution is a few hundred KiB. */
export const MAX_SAVE_CHARS = 12 * 1024 * 1024;
export const MAX_CLIPBOARD_CHARS = 100_000;

const LangSchema = z.enum(['zh', 'en']);

export const FileSaveRequestSchema = z.strictObject({
  /** A name to offer in the save dialog; sanitised by the main process (extension added). */
  suggestedName: z.string().min(1).max(300),
  kind: z.enum(SAVE_KIND_NAMES),
  content: z.string().min(1).max(MAX_SAVE_CHARS),
  /** base64 for binary kinds (png); utf8 text otherwise. */
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
});

export const FileSaveResultSchema = z.object({
  saved: z.boolean(),
  /** Where the file was written; absent when the user cancelled the dialog. */
  path: z.string().optional(),
});

export const ClipboardWriteRequestSchema = z.strictObject({
  text: z.string().min(1).max(MAX_CLIPBOARD_CHARS),
});

export const DatasetExportRequestSchema = z.strictObject({
  datasetId: IdSchema,
  format: z.enum(['csv', 'json']),
  /** The interface language: chooses the default file name. */
  lang: LangSchema,
});

export const DatasetCiteRequestSchema = z.strictObject({ datasetId: IdSchema, lang: LangSchema });
export const DatasetCiteResponseSchema = z.object({ text: z.string().min(1) });
