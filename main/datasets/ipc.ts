import type { BundleStore } from '../corpus/bundle-store.js';
import type { Dataset, DocMeta } from '../corpus/types.js';
import { HandlerError } from '../ipc/contract.js';
import type { Handlers } from '../ipc/handlers.js';
import { citeDataset, exportDataset } from './export.js';
import { type ChooseSavePath, saveFile } from './save-file.js';
import { englishTitle, numberIn } from './titles.js';

// The handlers of file:save, clipboard:write, datasets:export and datasets:cite, as plain functions
// over injected dependencies: Electron passes its save dialog and clipboard (main.ts), the browser
// host a folder and a file (so end-to-end tests can read what was "saved" and "copied").

export interface FileDeps {
  chooseSavePath: ChooseSavePath;
  writeClipboard: (text: string) => void | Promise<void>;
}

export interface DatasetHandlerDeps {
  store: () => BundleStore;
  files?: () => FileDeps;
}

export type DatasetChannel = 'file:save' | 'clipboard:write' | 'datasets:export' | 'datasets:cite';

function filesOf(deps: DatasetHandlerDeps): FileDeps {
  if (deps.files === undefined) throw new Error('Saving files is not available in this build.');
  return deps.files();
}

/** The dataset and the document it comes from, or NOT_FOUND. */
export function findDataset(store: BundleStore, datasetId: string): { dataset: Dataset; doc: DocMeta } {
  for (const doc of store.documents()) {
    const dataset = doc.datasets.find((d) => d.id === datasetId);
    if (dataset !== undefined) return { dataset, doc: doc.meta };
  }
  throw new HandlerError('NOT_FOUND', `No dataset ${JSON.stringify(datasetId)}.`);
}

/** "表 2-1 欧盟 28 国…" / "Table 2-1 Employment in …": what the save dialog offers. */
export function datasetFileName(dataset: Dataset, lang: 'zh' | 'en'): string {
  const title = lang === 'en' ? (englishTitle(dataset.id) ?? dataset.title) : dataset.title;
  return `${numberIn(dataset.number, lang)} ${title}`;
}

export function createDatasetHandlers(deps: DatasetHandlerDeps): Pick<Handlers, DatasetChannel> {
  return {
    'file:save': async (request) => saveFile(filesOf(deps).chooseSavePath, request),
    'clipboard:write': async ({ text }) => {
      await filesOf(deps).writeClipboard(text);
      return true;
    },
    'datasets:export': async ({ datasetId, format, lang }) => {
      const { dataset, doc } = findDataset(deps.store(), datasetId);
      return saveFile(filesOf(deps).chooseSavePath, {
        suggestedName: datasetFileName(dataset, lang),
        kind: format,
        content: exportDataset(dataset, doc, format),
        encoding: 'utf8',
      });
    },
    'datasets:cite': async ({ datasetId, lang }) => {
      const { dataset, doc } = findDataset(deps.store(), datasetId);
      return { text: citeDataset(dataset, doc, lang) };
    },
  };
}
