import type { BundleStore } from '../corpus/bundle-store.js';

// Deep links into the reader: report-reader://open?doc=<docId>[&block=<id>]
//
// `block` is a block id, or a section id (bookmarks; report headings use their section's id as
// their block id). Parsing is strict and done by hand rather than with WHATWG URL, which would
// silently drop tabs and newlines, decode percent-escapes and normalise hosts:
//   - scheme "report-reader" (ASCII case-insensitive, as RFC 3986 says), then "//open";
//   - optionally one "/" before the query (some OS launchers add it);
//   - a query of only `doc` (required) and `block` (optional), each at most once, no fragment,
//     no percent-escapes, no other characters than our ids use;
//   - ids must match the shapes minted in main/corpus/ids.ts, and the block must belong to doc.
// Anything else is rejected with a reason; nothing is "repaired".

export const DEEP_LINK_SCHEME = 'report-reader';
export const MAX_DEEP_LINK_LENGTH = 512;

/** Document ids: lowercase words joined by single hyphens ("report", "news-daily-life"). */
export const DOC_ID = /^[a-z]+(?:-[a-z]+)*$/;
/** Block ids: "<docId>.<type letter>-<10 hex>" (ids.ts BlockIdMinter; heading blocks use section ids). */
export const BLOCK_ID = /^[a-z]+(?:-[a-z]+)*\.[a-z]-[0-9a-f]{10}$/;
/** Section ids: "<docId>.s-<10 hex>" (ids.ts sectionId). */
export const SECTION_ID = /^[a-z]+(?:-[a-z]+)*\.s-[0-9a-f]{10}$/;

export interface DeepLink {
  docId: string;
  /** A block id or a section id within docId. */
  blockId?: string;
}

export type DeepLinkParse = { ok: true; link: DeepLink } | { ok: false; reason: string };

const PREFIX = /^report-reader:\/\/open\/?\?/i;
const QUERY_CHARS = /^[a-z0-9.=&-]*$/;

export function parseDeepLink(input: unknown): DeepLinkParse {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  if (input.length > MAX_DEEP_LINK_LENGTH) return { ok: false, reason: 'too long' };
  const prefix = PREFIX.exec(input);
  // The scheme may differ in case; the host must be exactly "open".
  if (!prefix || input.slice(DEEP_LINK_SCHEME.length + 3, DEEP_LINK_SCHEME.length + 7) !== 'open') {
    return { ok: false, reason: 'not a report-reader://open link' };
  }
  const query = input.slice(prefix[0].length);
  if (!QUERY_CHARS.test(query)) return { ok: false, reason: 'unexpected characters in the query' };
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed parameter' };
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (name !== 'doc' && name !== 'block') return { ok: false, reason: `unknown parameter ${name}` };
    if (params.has(name)) return { ok: false, reason: `repeated parameter ${name}` };
    params.set(name, value);
  }
  const docId = params.get('doc');
  if (docId === undefined) return { ok: false, reason: 'missing doc' };
  if (!DOC_ID.test(docId) || docId.length > 64) return { ok: false, reason: 'invalid doc id' };
  const blockId = params.get('block');
  if (blockId === undefined) return { ok: true, link: { docId } };
  if (!BLOCK_ID.test(blockId)) return { ok: false, reason: 'invalid block id' };
  if (!blockId.startsWith(`${docId}.`)) return { ok: false, reason: 'block is not in doc' };
  return { ok: true, link: { docId, blockId } };
}

/** Build a link; throws on ids that parseDeepLink would reject (so every built link parses). */
export function buildDeepLink(link: DeepLink): string {
  const url = `${DEEP_LINK_SCHEME}://open?doc=${link.docId}${link.blockId !== undefined ? `&block=${link.blockId}` : ''}`;
  const parsed = parseDeepLink(url);
  if (!parsed.ok) throw new RangeError(`cannot build a deep link: ${parsed.reason}`);
  return url;
}

export type ResolvedDeepLink =
  | { kind: 'document'; docId: string }
  | { kind: 'block'; docId: string; blockId: string; sectionId: string }
  | { kind: 'section'; docId: string; sectionId: string };

/** Where a parsed link points in the loaded bundle; undefined when the target does not exist. */
export function resolveDeepLink(store: BundleStore, link: DeepLink): ResolvedDeepLink | undefined {
  if (!store.document(link.docId)) return undefined;
  if (link.blockId === undefined) return { kind: 'document', docId: link.docId };
  const block = store.block(link.blockId);
  if (block && block.docId === link.docId) {
    return { kind: 'block', docId: link.docId, blockId: block.id, sectionId: block.sectionId };
  }
  if (SECTION_ID.test(link.blockId) && store.section(link.blockId)) {
    return { kind: 'section', docId: link.docId, sectionId: link.blockId };
  }
  return undefined;
}
