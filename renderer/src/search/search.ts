import { jumpTo } from '../state/navigation.js';
import { createSearchController } from './search-controller.js';

// The app's one search, over window.reader.search.

export const search = createSearchController((request) => window.reader.search(request));

/** Opens hit `index`: marks it as the one being read and goes to its passage. */
export function openHit(index: number): void {
  const hit = search.select(index);
  if (hit !== undefined) jumpTo({ docId: hit.docId, blockId: hit.blockId }, 'center');
}

/** F3 / Shift+F3 / Enter in the box: the next or previous hit. */
export function openNextHit(direction: 1 | -1): void {
  const hit = search.step(direction);
  if (hit !== undefined) jumpTo({ docId: hit.docId, blockId: hit.blockId }, 'center');
}
