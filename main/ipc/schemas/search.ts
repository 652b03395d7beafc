import { z } from 'zod';
import { IdSchema } from '../../settings/schema.js';

// search:query — the search engine's response (main/search/engine.ts), validated on its way out.
// No import of the engine here: the renderer reads these types and must not see Node modules. The
// handler returning the engine's SearchResponse as this channel's reply is the compile-time check.

/** Longer queries are cut to this many characters, not refused: a pasted paragraph still searches. */
export const MAX_IPC_QUERY_LENGTH = 1000;
export const MAX_SEARCH_LIMIT = 200;

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
export function cutQuery(query: string, max = MAX_IPC_QUERY_LENGTH): string {
  if (query.length <= max) return query;
  const last = query.charCodeAt(max - 1);
  return query.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

export const SearchRequestSchema = z.strictObject({
  query: z.string().transform((query) => cutQuery(query)),
  docId: IdSchema.optional(),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
});

const RangeSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

export const UnderstoodTermSchema = z.object({
  input: z.string(),
  kind: z.enum(['term', 'phrase', 'excluded']),
  normalized: z.string().optional(),
  expansions: z.array(z.string()),
});

export const SearchHitSchema = z.object({
  docId: z.string(),
  blockId: z.string(),
  type: z.enum(['heading', 'paragraph', 'lead', 'table', 'figure', 'footnote', 'note', 'source']),
  sectionId: z.string(),
  sectionPath: z.array(z.string()),
  snippet: z.string(),
  highlights: z.array(RangeSchema),
  marks: z.array(RangeSchema),
  text: z.string(),
  score: z.number(),
  matchedAll: z.boolean(),
});

export const SearchResponseSchema = z.object({
  understood: z.array(UnderstoodTermSchema),
  hits: z.array(SearchHitSchema),
  total: z.number().int().nonnegative(),
  mode: z.enum(['all', 'best', 'none']),
  truncated: z.boolean(),
  onlyStopWords: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResponseSchema>;
export type SearchHitPayload = z.infer<typeof SearchHitSchema>;
export type UnderstoodTermPayload = z.infer<typeof UnderstoodTermSchema>;
