import type { ProgressMap } from '../../../main/settings/schema.js';

// The last reading position per document. Read once from the main process; reported back as the
// user scrolls, at most every REPORT_DELAY_MS (the main process debounces its file writes too),
// and at once when the window is hidden or closed.

const REPORT_DELAY_MS = 400;

let loaded: Promise<ProgressMap> | null = null;
let loadedValue: ProgressMap | undefined;
const local = new Map<string, string>();
let pending: { docId: string; blockId: string } | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

export function loadProgress(): Promise<ProgressMap> {
  loaded ??= window.reader
    .getProgress()
    .catch(() => ({}))
    .then((map) => {
      loadedValue = map;
      return map;
    });
  return loaded;
}

/** Where the user last was in `docId`, if anywhere. */
export async function savedPosition(docId: string): Promise<string | undefined> {
  const map = await loadProgress();
  return local.get(docId) ?? map[docId]?.blockId;
}

/** The saved position, if the positions have arrived already (undefined: not known yet or none). */
export function savedPositionNow(docId: string): { known: boolean; blockId: string | undefined } {
  if (local.has(docId)) return { known: true, blockId: local.get(docId) };
  return { known: loadedValue !== undefined, blockId: loadedValue?.[docId]?.blockId };
}

/** Documents the user has opened (saved before, or in this session). */
export async function startedDocuments(): Promise<Set<string>> {
  const map = await loadProgress();
  return new Set([...Object.keys(map), ...local.keys()]);
}

function send(): void {
  timer = undefined;
  if (pending === null) return;
  const { docId, blockId } = pending;
  pending = null;
  window.reader.setProgress({ docId, blockId }).catch((error: unknown) => {
    console.warn('Could not save the reading position:', error);
  });
}

export function reportPosition(docId: string, blockId: string): void {
  if (local.get(docId) === blockId && pending === null) return;
  local.set(docId, blockId);
  pending = { docId, blockId };
  timer ??= setTimeout(send, REPORT_DELAY_MS);
}

export function flushPosition(): void {
  if (timer !== undefined) clearTimeout(timer);
  send();
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushPosition);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushPosition();
  });
}
