import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CollectionParts } from './codec.js';
import { deepFreeze, jsonOf, sizeOf } from './frozen-items.js';
import { type Annotation, type AnnotationCollection, emptyCollection, JOURNAL_CHECKPOINT } from './model.js';

// The collection as the store holds it in memory: the head (the collection's own properties other
// than items, kept as loaded), the frozen items by id in file order, and the size the file would
// have if written now (kept up to date by every change, so the 20 MB cap is checked without
// serialising).

export interface StoreState {
  head: Omit<AnnotationCollection, 'items'>;
  items: Map<string, Annotation>;
  /** Bytes of annotations.json as it would be written now (an overestimate after loading a file with whitespace). */
  bytes: number;
}

/** One commit's net effect: each id's new annotation, or null when it was removed. */
export type Changes = Map<string, Annotation | null>;

export function emptyState(): StoreState {
  const { items: _items, ...head } = emptyCollection();
  const items = new Map<string, Annotation>();
  return { head, items, bytes: Buffer.byteLength(serializeState({ head, items })) };
}

/** The state of a file just read (`fileBytes` long); validation has frozen its items. */
export function stateFromParts(parts: CollectionParts, fileBytes: number): StoreState {
  return { head: parts.head, items: parts.items, bytes: fileBytes };
}

/** Put or remove, without any limit (replaying changes that were accepted before). */
export function applyChanges(state: StoreState, changes: Changes): void {
  for (const [id, next] of changes) {
    const current = state.items.get(id);
    if (current) state.bytes -= sizeOf(current);
    if (next) {
      state.items.set(id, deepFreeze(next));
      state.bytes += sizeOf(next);
    } else state.items.delete(id);
  }
}

/**
 * The file's text: the same JSON as serializeCollection(collectionOf(state)), built from each
 * item's cached JSON so that it re-serialises only the items that changed since the last time.
 */
export function serializeState(state: Pick<StoreState, 'head' | 'items'>): string {
  const headJson = JSON.stringify(state.head);
  const parts: string[] = [];
  for (const item of state.items.values()) parts.push(jsonOf(item));
  const comma = headJson === '{}' ? '' : ',';
  return `${headJson.slice(0, -1)}${comma}"items":[${parts.join(',')}]}\n`;
}

/** The state at one moment: the items are frozen, so holding them is enough to write them later. */
export interface Snapshot {
  headJson: string;
  items: Annotation[];
  /** state.bytes at that moment. */
  bytes: number;
}

/** The state now, for a file that holds the journal's lines up to seq `checkpoint`. */
export function takeSnapshot(state: StoreState, checkpoint: number): Snapshot {
  const headJson = JSON.stringify({ ...state.head, [JOURNAL_CHECKPOINT]: checkpoint });
  return { headJson, items: [...state.items.values()], bytes: state.bytes };
}

/**
 * serializeState's bytes for a snapshot, built a few hundred items at a time with a turn of the
 * event loop in between, so that saves go on while a large file is prepared.
 */
export async function encodeSnapshot(snapshot: Snapshot, itemsPerTurn = 500): Promise<Buffer> {
  const { headJson, items } = snapshot;
  const comma = headJson === '{}' ? '' : ',';
  const chunks = [Buffer.from(`${headJson.slice(0, -1)}${comma}"items":[`, 'utf8')];
  for (let i = 0; i < items.length; i += itemsPerTurn) {
    const parts: string[] = [];
    for (const item of items.slice(i, i + itemsPerTurn)) parts.push(jsonOf(item));
    chunks.push(Buffer.from(`${i > 0 ? ',' : ''}${parts.join(',')}`, 'utf8'));
    await nextTurn();
  }
  chunks.push(Buffer.from(']}\n', 'utf8'));
  return Buffer.concat(chunks);
}

export function collectionOf(state: StoreState): AnnotationCollection {
  return { ...state.head, items: [...state.items.values()] } as AnnotationCollection;
}
