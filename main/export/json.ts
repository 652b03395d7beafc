import {
  type Annotation,
  type AnnotationCollection,
  emptyCollection,
  JOURNAL_CHECKPOINT,
} from '../annotations/model.js';

// JSON export: a W3C AnnotationCollection (the same format as the store file), re-importable with
// AnnotationStore.importCollection or readCollectionFile. Pretty-printed for people; JSON.stringify
// escapes lone surrogates, so every string round-trips exactly.

export function exportJson(annotations: readonly Annotation[], base?: AnnotationCollection): string {
  // The store file's checkpoint in its journal means nothing outside the store.
  const { items: _items, [JOURNAL_CHECKPOINT]: _checkpoint, ...extras } = base ?? emptyCollection();
  const collection: AnnotationCollection = { ...emptyCollection(), ...extras, items: [...annotations] };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
