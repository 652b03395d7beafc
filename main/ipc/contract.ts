import { z } from 'zod';
import { isAllowedExternalUrl } from '../security/navigation.js';

// The one IPC contract between the renderer and the main process. Every channel is declared once
// in CHANNELS with the name of the `window.reader` method that calls it and zod schemas for its
// request and response; the preload, the browser host's bridge, the dispatcher and the renderer's
// types are all derived from this map. To add a channel: add an entry here and a handler in
// handlers.ts (the Handlers type makes the compiler ask for it).

export const UI_LOCALES = ['zh-CN', 'en'] as const;
export const UiLocaleSchema = z.enum(UI_LOCALES);
export type UiLocale = z.infer<typeof UiLocaleSchema>;

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

export const ERROR_CODES = ['UNKNOWN_CHANNEL', 'BAD_REQUEST', 'FORBIDDEN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
