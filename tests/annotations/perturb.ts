import { BlockIdMinter } from '../../main/corpus/ids.js';
import type { Block, Bundle, ParsedDocument } from '../../main/corpus/types.js';

// Controlled edits of a bundle for the re-anchoring tests: every edit records where each original
// UTF-16 offset went, so the true new location of an annotated passage is known.

export type Rng = () => number;

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

export interface EditedText {
  text: string;
  /** map[i] = offset in the new text of original UTF-16 offset i (0 ≤ i ≤ original length). */
  map: number[];
}

export interface EditOptions {
  /** Probability per code point of an edit (substitution, deletion or insertion). */
  rate: number;
  /** Characters inserted or substituted. */
  alphabet: readonly string[];
  /** Only insert (e.g. zero-width characters), never substitute or delete. */
  insertOnly?: boolean;
}

export function editText(text: string, r: Rng, options: EditOptions): EditedText {
  const map: number[] = [];
  let out = '';
  const pick = () => options.alphabet[Math.floor(r() * options.alphabet.length)] ?? '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const roll = r();
    if (roll < options.rate) {
      const kind = options.insertOnly ? 2 : Math.floor(r() * 3);
      if (kind === 0) {
        // substitute
        for (let k = 0; k < width; k++) map[i + k] = out.length;
        out += pick();
      } else if (kind === 1) {
        // delete
        for (let k = 0; k < width; k++) map[i + k] = out.length;
      } else {
        // insert before
        out += pick();
        for (let k = 0; k < width; k++) map[i + k] = out.length;
        out += ch;
      }
    } else {
      for (let k = 0; k < width; k++) map[i + k] = out.length;
      out += ch;
    }
    i += width;
  }
  map[text.length] = out.length;
  return { text: out, map };
}

export interface BlockChange {
  newId: string;
  map: number[] | undefined;
}

export interface EditedBundle {
  bundle: Bundle;
  /** Old block id → its id and offset map in the edited bundle (map undefined = unchanged text). */
  changes: Map<string, BlockChange>;
}

const EDITABLE = new Set(['paragraph', 'lead', 'note', 'footnote', 'source']);

/**
 * Apply `edit` to every editable block of the given documents; blocks whose text changes get a new
 * id the way the parser would mint it. Heading blocks are left alone.
 */
export function editBundle(
  bundle: Bundle,
  docIds: readonly string[],
  edit: (block: Block) => EditedText | undefined,
): EditedBundle {
  const changes = new Map<string, BlockChange>();
  const documents = bundle.documents.map((doc): ParsedDocument => {
    if (!docIds.includes(doc.meta.id)) return doc;
    const minter = new BlockIdMinter(`${doc.meta.id}`);
    const blocks = doc.blocks.map((block): Block => {
      const edited = EDITABLE.has(block.type) ? edit(block) : undefined;
      if (!edited || edited.text === block.text) {
        changes.set(block.id, { newId: block.id, map: undefined });
        return block;
      }
      const id = minter.mint(block.type, `${edited.text}\u0000edited`);
      changes.set(block.id, { newId: id, map: edited.map });
      return { ...block, id, text: edited.text };
    });
    return { ...doc, blocks };
  });
  return { bundle: { ...bundle, documents }, changes };
}

/** Move the given blocks elsewhere in their document and give them new ids (text unchanged). */
export function moveBlocks(bundle: Bundle, blockIds: ReadonlySet<string>, r: Rng): EditedBundle {
  const changes = new Map<string, BlockChange>();
  const documents = bundle.documents.map((doc): ParsedDocument => {
    const moving = doc.blocks.filter((b) => blockIds.has(b.id));
    if (moving.length === 0) return doc;
    const minter = new BlockIdMinter(doc.meta.id);
    const blocks = doc.blocks.filter((b) => !blockIds.has(b.id));
    for (const block of moving) {
      const id = minter.mint(block.type, `${block.text}\u0000moved`);
      changes.set(block.id, { newId: id, map: undefined });
      blocks.splice(Math.floor(r() * (blocks.length + 1)), 0, { ...block, id });
    }
    return { ...doc, blocks };
  });
  return { bundle: { ...bundle, documents }, changes };
}

/** Remove the given blocks from the bundle. */
export function deleteBlocks(bundle: Bundle, blockIds: ReadonlySet<string>): Bundle {
  return {
    ...bundle,
    documents: bundle.documents.map((doc) => ({
      ...doc,
      blocks: doc.blocks.filter((b) => !blockIds.has(b.id)),
    })),
  };
}

/** Characters that occur in the documents (for realistic substitutions). */
export function alphabetOf(bundle: Bundle, docIds: readonly string[]): string[] {
  const set = new Set<string>();
  for (const doc of bundle.documents) {
    if (!docIds.includes(doc.meta.id)) continue;
    for (const b of doc.blocks) for (const ch of b.text) set.add(ch);
  }
  return [...set];
}
