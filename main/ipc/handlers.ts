import { createAnnotationHandlers } from '../annotations/ipc-handlers.js';
import type { AnnotationStore } from '../annotations/store.js';
import type { BundleStore } from '../corpus/bundle-store.js';
import type { Section } from '../corpus/types.js';
import { createDatasetHandlers, type FileDeps } from '../datasets/ipc.js';
import type { Navigation } from '../deeplink/inbox.js';
import type { SearchOptions, SearchResponse } from '../search/engine.js';
import { isAllowedExternalUrl } from '../security/navigation.js';
import type { UserData } from '../settings/index.js';
import {
  type AppInfo,
  type ChannelName,
  HandlerError,
  type LibraryEntry,
  type ParsedRequestOf,
  type ResponseOf,
} from './contract.js';

// The real implementations of every channel, as plain functions over their dependencies. Electron
// (main.ts) and the browser host both pass these to the same dispatcher, so end-to-end tests
// exercise exactly the code the app runs.

export interface HandlerDeps {
  /** The bundle, loaded on first use so a missing bundle becomes an error reply, not a crash. */
  store: () => BundleStore;
  /** Hands a vetted https:/mailto: URL to the system. */
  openExternal: (url: string) => Promise<void>;
  appInfo: AppInfo;
  /** The search engine, loaded on first use (its index takes a moment to read). */
  search?: () => { search(query: string, options?: SearchOptions): SearchResponse };
  /** Settings and reading positions in the user data folder. */
  userData?: () => UserData;
  /** The save dialog and the clipboard (file:save, clipboard:write, datasets:export). */
  files?: () => FileDeps;
  /** The user's annotations (annotations:*), loaded at start. */
  annotations?: () => AnnotationStore;
  /** Asks for an annotations file to import: its path, or null when cancelled. */
  chooseImportFile?: () => Promise<string | null>;
  /** report-reader:// links from the system, waiting for the renderer (navigation:pending). */
  deepLinks?: () => { take(): Navigation | null };
}

export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

function countSections(sections: readonly Section[]): number {
  return sections.reduce((sum, section) => sum + 1 + countSections(section.children), 0);
}

function required<T>(dep: (() => T) | undefined, what: string): T {
  if (dep === undefined) throw new Error(`${what} is not available in this build.`);
  return dep();
}

export function createHandlers(deps: HandlerDeps): Handlers {
  // One frozen reply per document: the dispatcher validates a frozen reply once and reuses it.
  const payloads = new Map<string, Readonly<ResponseOf<'document:get'>>>();
  const documentOf = (docId: string) => {
    const doc = deps.store().document(docId);
    if (doc === undefined) throw new HandlerError('NOT_FOUND', `No document ${JSON.stringify(docId)}.`);
    return doc;
  };
  return {
    'library:list': async () =>
      deps
        .store()
        .documents()
        .map(
          (doc): LibraryEntry => ({
            id: doc.meta.id,
            kind: doc.meta.kind,
            lang: doc.meta.lang,
            title: { ...doc.meta.title },
            description: { ...doc.meta.description },
            stats: {
              sections: countSections(doc.sections),
              blocks: doc.blocks.length,
              datasets: doc.datasets.length,
              figures: doc.figures.length,
            },
          }),
        ),
    'app:info': async () => ({ ...deps.appInfo }),
    'app:openExternal': async ({ url }) => {
      // The request schema already vetted the URL; checking again here keeps this function safe
      // even if it is ever called without the dispatcher.
      if (!isAllowedExternalUrl(url)) throw new Error('Only https: and mailto: links can be opened.');
      await deps.openExternal(url);
      return true;
    },
    'document:get': async ({ docId }) => {
      let payload = payloads.get(docId);
      if (payload === undefined) {
        const { meta, sections, blocks, datasets, figures } = documentOf(docId);
        payload = Object.freeze({ meta, sections, blocks, datasets, figures });
        payloads.set(docId, payload);
      }
      return payload;
    },
    'search:query': async ({ query, docId, limit }) => {
      if (docId !== undefined) documentOf(docId);
      return required(deps.search, 'Search').search(query, {
        ...(docId !== undefined ? { docId } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
    'settings:get': async () => {
      const data = required(deps.userData, 'Settings storage');
      return { settings: data.settings.get(), notices: data.notices() };
    },
    'settings:set': async (patch) => required(deps.userData, 'Settings storage').settings.set(patch),
    'progress:get': async () => required(deps.userData, 'Settings storage').progress.all(),
    'progress:set': async ({ docId, blockId }) => {
      const block = deps.store().block(blockId);
      documentOf(docId);
      if (block === undefined || block.docId !== docId) {
        throw new HandlerError('NOT_FOUND', `No block ${JSON.stringify(blockId)} in ${docId}.`);
      }
      return required(deps.userData, 'Settings storage').progress.set(docId, blockId);
    },
    ...createDatasetHandlers(deps),
    ...createAnnotationHandlers(deps),
  };
}
