import type { Dataset, DocMeta } from '../../../main/corpus/types.js';
import { loadDocument } from '../state/documents.js';
import { jumpTo, openData, type Position } from '../state/navigation.js';
import { createStore } from '../state/store.js';

// The datasets of every text in the library (today: the report's eight tables), each with the text
// it belongs to and the titles of the sections it sits in. They come with the documents
// (document:get), which the reader caches anyway: no channel of their own.

export interface DatasetEntry {
  dataset: Dataset;
  doc: DocMeta;
  /** Section titles from the top down to the table's section. */
  sectionPath: string[];
}

let pending: Promise<DatasetEntry[]> | undefined;

export function loadDatasets(): Promise<DatasetEntry[]> {
  pending ??= window.reader
    .listLibrary()
    .then((library) =>
      Promise.all(library.filter((entry) => entry.stats.datasets > 0).map((entry) => loadDocument(entry.id))),
    )
    .then((models) =>
      models.flatMap((model) =>
        model.payload.datasets.map((dataset) => ({
          dataset,
          doc: model.payload.meta,
          sectionPath: (model.sections.get(dataset.sectionId)?.path ?? []).map((s) => s.title),
        })),
      ),
    )
    .catch((error: unknown) => {
      // A failure is not kept: "Try again" asks anew.
      pending = undefined;
      throw error;
    });
  return pending;
}

/**
 * Where "back" in the data view returns to: the table in the text when the user came from there,
 * null when they came from the library.
 */
export const dataReturn = createStore<Position | null>(null);

/** The reader's "open as data" button: the dataset, remembering the table to come back to. */
export function openDatasetFromText(dataset: Pick<Dataset, 'id' | 'docId' | 'blockId'>): void {
  dataReturn.set({ docId: dataset.docId, blockId: dataset.blockId });
  openData(dataset.id);
}

/** The library's and the reader header's way in: the list (or one dataset), with no text to return to. */
export function openDataView(datasetId?: string, from: Position | null = null): void {
  dataReturn.set(from);
  openData(datasetId);
}

/** "Show in text": the reader at the table's block. */
export function showInText(dataset: Pick<Dataset, 'docId' | 'blockId'>): void {
  jumpTo({ docId: dataset.docId, blockId: dataset.blockId }, 'start');
}
