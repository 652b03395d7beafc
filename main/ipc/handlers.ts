import type { BundleStore } from '../corpus/bundle-store.js';
import type { Section } from '../corpus/types.js';
import { isAllowedExternalUrl } from '../security/navigation.js';
import type { AppInfo, ChannelName, LibraryEntry, ParsedRequestOf, ResponseOf } from './contract.js';

// The real implementations of every channel, as plain functions over their dependencies. Electron
// (main.ts) and the browser host both pass these to the same dispatcher, so end-to-end tests
// exercise exactly the code the app runs.

export interface HandlerDeps {
  /** The bundle, loaded on first use so a missing bundle becomes an error reply, not a crash. */
  store: () => BundleStore;
  /** Hands a vetted https:/mailto: URL to the system. */
  openExternal: (url: string) => Promise<void>;
  appInfo: AppInfo;
}

export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

function countSections(sections: readonly Section[]): number {
  return sections.reduce((sum, section) => sum + 1 + countSections(section.children), 0);
}

export function createHandlers(deps: HandlerDeps): Handlers {
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
  };
}
