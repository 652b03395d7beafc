import type { BundleStore } from '../corpus/bundle-store.js';
import { AnnotationStore, recoveryMessage } from './store.js';

// The annotation store's life in the app (Electron and the browser host alike): opened on the data
// folder at start, loaded at once (recovering from a damaged file if need be), re-anchored against
// the bundle, and flushed before the process quits. Plain functions; `app` is passed in.

export interface OpenedAnnotations {
  store: AnnotationStore;
  /** Settles when the store is loaded and re-anchored (never rejects: problems are logged). */
  ready: Promise<void>;
}

export function openAnnotations(
  dataDir: string,
  options: { bundle: () => BundleStore | undefined; log?: (message: string) => void },
): OpenedAnnotations {
  const log = options.log ?? ((message: string) => console.warn(message));
  const store = new AnnotationStore(dataDir);
  const ready = store
    .load()
    .then(async ({ recovered }) => {
      if (recovered) log(recoveryMessage(recovered, 'en'));
      let bundle: BundleStore | undefined;
      try {
        bundle = options.bundle();
      } catch (error) {
        log(`Annotations not re-anchored: the texts could not be loaded (${String(error)}).`);
      }
      if (bundle && !store.isReadOnly) {
        const summary = await store.reanchor(bundle);
        if (summary.needsReview > 0) log(`${summary.needsReview} annotation(s) need review.`);
      }
    })
    .catch((error: unknown) => log(`Could not open the annotations: ${String(error)}`));
  return { store, ready };
}

/** The parts of Electron's `app` used here. */
export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** Longest wait for pending writes before quitting anyway. */
export const FLUSH_TIMEOUT_MS = 5000;

/**
 * Hold the first quit until every annotation change is on disk (or FLUSH_TIMEOUT_MS passed), then
 * quit again. Saves are written as they happen; this catches the one in flight.
 */
export function flushBeforeQuit(
  app: QuitApp,
  store: Pick<AnnotationStore, 'flush'>,
  log: (message: string) => void = (message) => console.warn(message),
  timeoutMs = FLUSH_TIMEOUT_MS,
): void {
  let state: 'open' | 'flushing' | 'done' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('Quitting before the annotations finished saving.');
        resolve();
      }, timeoutMs);
    });
    Promise.race([
      store.flush().catch((error: unknown) => log(`Could not save the annotations: ${String(error)}`)),
      timeout,
    ]).finally(() => {
      if (timer !== undefined) clearTimeout(timer);
      state = 'done';
      app.quit();
    });
  });
}
