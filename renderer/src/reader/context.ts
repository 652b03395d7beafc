import { createContext, type ReactNode, useContext } from 'react';
import type { Dataset } from '../../../main/corpus/types.js';
import type { DocModel } from '../state/doc-model.js';

/**
 * Extension points of the reading view, filled in by features that come later.
 *
 * SLOT tableActions — the datasets issue renders its "open as data" button here: it is called for
 * every table that has a dataset and its result is shown above the table, at its right edge.
 */
export interface ReaderSlots {
  tableActions?: (dataset: Dataset) => ReactNode;
}

export interface ReaderContextValue {
  model: DocModel;
  slots: ReaderSlots;
}

export const ReaderContext = createContext<ReaderContextValue | null>(null);

export function useReaderContext(): ReaderContextValue {
  const value = useContext(ReaderContext);
  if (value === null) throw new Error('useReaderContext() outside the reading view');
  return value;
}
