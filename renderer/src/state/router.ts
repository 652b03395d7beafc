// The app's location, kept in the URL hash so a reload returns to the same view:
//   #/                      the library
//   #/read/<docId>          a document, at the last reading position
//   #/read/<docId>/<block>  a document at one block (links from elsewhere)
//   #/data                  the datasets (the report's tables as data)
//   #/data/<datasetId>      one dataset

export type Route =
  | { name: 'library' }
  | { name: 'reader'; docId: string; blockId?: string }
  | { name: 'data'; datasetId?: string };

const ID = /^[A-Za-z0-9._:-]{1,200}$/;

function decode(part: string | undefined): string | undefined {
  if (part === undefined) return undefined;
  try {
    const value = decodeURIComponent(part);
    return ID.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const [empty, verb, doc, block, ...rest] = path.split('/');
  if (empty === '' && verb === 'data' && block === undefined) {
    if (doc === undefined || doc === '') return { name: 'data' };
    const datasetId = decode(doc);
    return datasetId === undefined ? { name: 'data' } : { name: 'data', datasetId };
  }
  if (empty !== '' || verb !== 'read' || rest.length > 0) return { name: 'library' };
  const docId = decode(doc);
  if (docId === undefined) return { name: 'library' };
  const blockId = decode(block);
  return blockId === undefined ? { name: 'reader', docId } : { name: 'reader', docId, blockId };
}

export function formatRoute(route: Route): string {
  if (route.name === 'library') return '#/';
  if (route.name === 'data')
    return route.datasetId === undefined ? '#/data' : `#/data/${encodeURIComponent(route.datasetId)}`;
  const base = `#/read/${encodeURIComponent(route.docId)}`;
  return route.blockId === undefined ? base : `${base}/${encodeURIComponent(route.blockId)}`;
}
