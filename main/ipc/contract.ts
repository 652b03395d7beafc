import { z } from 'zod';
import { isAllowedExternalUrl } from '../security/navigation.js';
import { UI_LOCALES, type UiLocale, UiLocaleSchema } from '../settings/schema.js';
import {
  AnnotationCreateManyRequestSchema,
  AnnotationCreateRequestSchema,
  AnnotationExportRequestSchema,
  AnnotationExportResponseSchema,
  AnnotationFilterSchema,
  AnnotationIdRequestSchema,
  AnnotationImportResponseSchema,
  AnnotationRemoveResponseSchema,
  AnnotationRestoreRequestSchema,
  AnnotationStatusSchema,
  AnnotationUpdateRequestSchema,
  AnnotationViewSchema,
  BookmarkRequestSchema,
  PendingNavigationSchema,
} from './schemas/annotations.js';
import { DocumentPayloadSchema, DocumentRequestSchema } from './schemas/document.js';
import {
  ClipboardWriteRequestSchema,
  DatasetCiteRequestSchema,
  DatasetCiteResponseSchema,
  DatasetExportRequestSchema,
  FileSaveRequestSchema,
  FileSaveResultSchema,
} from './schemas/files.js';
import { SearchRequestSchema, SearchResponseSchema } from './schemas/search.js';
import {
  ProgressEntrySchema,
  ProgressMapSchema,
  ProgressSetRequestSchema,
  ReadingSettingsSchema,
  SettingsSetRequestSchema,
  SettingsStateSchema,
} from './schemas/settings.js';

// The one IPC contract between the renderer and the main process. Every channel is declared once
// in CHANNELS with the name of the `window.reader` method that calls it and zod schemas for its
// request and response; the preload, the browser host's bridge, the dispatcher and the renderer's
// types are all derived from this map. To add a channel: add an entry here and a handler in
// handlers.ts (the Handlers type makes the compiler ask for it).

export { UI_LOCALES, type UiLocale, UiLocaleSchema };

const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
const CountSchema = z.number().int().nonnegative();

export const LibraryEntrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['report', 'paper', 'article']),
  lang: z.enum(['zh', 'en']),
  title: BilingualSchema,
  description: BilingualSchema,
  stats: z.object({
    sections: CountSchema,
    blocks: CountSchema,
    datasets: CountSchema,
    figures: CountSchema,
  }),
});
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** The UI language the operating system asks for (the renderer may let the user override it). */
  locale: UiLocaleSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ExternalUrlSchema = z
  .string()
  .refine(isAllowedExternalUrl, { message: 'Only https: and mailto: links can be opened.' });

/** Declares one channel; the helper keeps the literal method name in the type. */
function channel<const M extends string, Req extends z.ZodType, Res extends z.ZodType>(
  method: M,
  request: Req,
  response: Res,
): { readonly method: M; readonly request: Req; readonly response: Res } {
  return { method, request, response };
}

export const CHANNELS = {
  'library:list': channel('listLibrary', z.void(), z.array(LibraryEntrySchema)),
  'app:info': channel('appInfo', z.void(), AppInfoSchema),
  'app:openExternal': channel('openExternal', z.strictObject({ url: ExternalUrlSchema }), z.literal(true)),
  'document:get': channel('getDocument', DocumentRequestSchema, DocumentPayloadSchema),
  'search:query': channel('search', SearchRequestSchema, SearchResponseSchema),
  'settings:get': channel('getSettings', z.void(), SettingsStateSchema),
  'settings:set': channel('setSettings', SettingsSetRequestSchema, ReadingSettingsSchema),
  'progress:get': channel('getProgress', z.void(), ProgressMapSchema),
  'progress:set': channel('setProgress', ProgressSetRequestSchema, ProgressEntrySchema),
  'file:save': channel('saveFile', FileSaveRequestSchema, FileSaveResultSchema),
  'clipboard:write': channel('writeClipboard', ClipboardWriteRequestSchema, z.literal(true)),
  'datasets:export': channel('exportDataset', DatasetExportRequestSchema, FileSaveResultSchema),
  'datasets:cite': channel('citeDataset', DatasetCiteRequestSchema, DatasetCiteResponseSchema),
  'annotations:list': channel('listAnnotations', AnnotationFilterSchema, z.array(AnnotationViewSchema)),
  'annotations:create': channel('createAnnotation', AnnotationCreateRequestSchema, AnnotationViewSchema),
  'annotations:createMany': channel(
    'createAnnotations',
    AnnotationCreateManyRequestSchema,
    z.array(AnnotationViewSchema),
  ),
  'annotations:update': channel('updateAnnotation', AnnotationUpdateRequestSchema, AnnotationViewSchema),
  'annotations:remove': channel(
    'removeAnnotation',
    AnnotationIdRequestSchema,
    AnnotationRemoveResponseSchema,
  ),
  'annotations:restore': channel('restoreAnnotation', AnnotationRestoreRequestSchema, AnnotationViewSchema),
  'annotations:bookmark': channel('bookmarkSection', BookmarkRequestSchema, AnnotationViewSchema),
  'annotations:export': channel(
    'exportAnnotations',
    AnnotationExportRequestSchema,
    AnnotationExportResponseSchema,
  ),
  'annotations:import': channel('importAnnotations', z.void(), AnnotationImportResponseSchema),
  'annotations:status': channel('annotationStatus', z.void(), AnnotationStatusSchema),
  'navigation:pending': channel('pendingNavigation', z.void(), PendingNavigationSchema),
} as const;

export type ChannelMap = typeof CHANNELS;
export type ChannelName = keyof ChannelMap;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

/** What the caller passes (before parsing). */
export type RequestOf<C extends ChannelName> = z.input<ChannelMap[C]['request']>;
/** What the handler receives (after parsing). */
export type ParsedRequestOf<C extends ChannelName> = z.output<ChannelMap[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<ChannelMap[C]['response']>;

/** `window.reader`: one async method per channel. Channels without a request take no argument. */
export type ReaderApi = {
  readonly [C in ChannelName as ChannelMap[C]['method']]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};
export type ReaderMethod = keyof ReaderApi;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(CHANNELS, value);
}

/** Method name → channel, for the code that builds `window.reader`. */
export function readerMethods(): ReadonlyArray<{ method: ReaderMethod; channel: ChannelName }> {
  return CHANNEL_NAMES.map((name) => ({ method: CHANNELS[name].method, channel: name }));
}

export const ERROR_CODES = ['UNKNOWN_CHANNEL', 'BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Thrown by a handler to choose the error code of its reply (anything else becomes INTERNAL). */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

/** Every reply, success or failure, travels in this envelope: a bad call never throws across IPC. */
export const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);
export type Envelope<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ErrorCode; message: string } };

export function failure(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
