import { buildDocModel, type DocModel } from './doc-model.js';

// Each document is fetched from the main process once per session and kept: switching between
// texts, or coming back from the library, costs nothing the second time.

const pending = new Map<string, Promise<DocModel>>();
const ready = new Map<string, DocModel>();

export function loadDocument(docId: string): Promise<DocModel> {
  let request = pending.get(docId);
  if (request === undefined) {
    request = window.reader.getDocument({ docId }).then((payload) => {
      const model = buildDocModel(payload);
      ready.set(docId, model);
      return model;
    });
    // A failure is not kept: "Try again" fetches anew.
    request.catch(() => pending.delete(docId));
    pending.set(docId, request);
  }
  return request;
}

/** The model if it has already arrived (lets a view render it in its first pass). */
export function loadedDocument(docId: string): DocModel | undefined {
  return ready.get(docId);
}

/** Starts fetching a document without waiting for it (start-up, links). */
export function preloadDocument(docId: string): Promise<DocModel> {
  const request = loadDocument(docId);
  request.catch(() => undefined);
  return request;
}
