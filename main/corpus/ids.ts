import { createHash } from 'node:crypto';

// Ids come from content and structure, never from running counters over a document: editing one
// paragraph must change only that paragraph's id, because annotations and exported deep links
// point at block ids.

function shortHash(input: string): string {
  return createHash('sha256').update(input).digest('hex').slice(0, 10);
}

/** Section id from the document and the titles on the path from the root down to this section. */
export function sectionId(docId: string, titlePath: readonly string[], occurrence = 0): string {
  const suffix = occurrence > 0 ? `#${occurrence}` : '';
  return `${docId}.s-${shortHash(`${docId}\u0000${titlePath.join('\u0001')}${suffix}`)}`;
}

/**
 * Issues block ids for one document. A block's id is its document, type and text; the n-th
 * repetition of the same text in the same document gets the occurrence number mixed in.
 */
export class BlockIdMinter {
  private readonly seen = new Map<string, number>();

  constructor(private readonly docId: string) {}

  mint(type: string, text: string): string {
    const key = `${type}\u0000${text}`;
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    const suffix = occurrence > 0 ? `#${occurrence}` : '';
    const prefix = type.charAt(0);
    return `${this.docId}.${prefix}-${shortHash(`${this.docId}\u0000${key}${suffix}`)}`;
  }
}
