import type { SettingsState } from '../../../main/ipc/schemas/settings.js';
import { preloadDocument } from './documents.js';
import { loadProgress } from './progress.js';
import type { Route } from './router.js';

// Start-up: the data the first screen needs is requested before React starts, and the first
// render waits for it (briefly), so the reader's first frame already shows the text in the user's
// size and theme instead of a loading state followed by a second, full layout.

const BOOT_WAIT_MS = 250;

let settingsRequest: Promise<SettingsState> | undefined;
let settingsValue: SettingsState | undefined;

/** The main process's settings, requested once. */
export function requestSettings(): Promise<SettingsState> {
  settingsRequest ??= window.reader.getSettings().then((state) => {
    settingsValue = state;
    return state;
  });
  return settingsRequest;
}

/** The settings if they have already arrived. */
export function settingsNow(): SettingsState | undefined {
  return settingsValue;
}

/** Requests what `route` shows first; resolves when it is here or after BOOT_WAIT_MS, whichever is sooner. */
export function prepareBoot(route: Route): Promise<void> {
  const needed: Promise<unknown>[] = [requestSettings()];
  if (route.name === 'reader') needed.push(preloadDocument(route.docId), loadProgress());
  const all = Promise.all(needed).then(
    () => undefined,
    () => undefined,
  );
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, BOOT_WAIT_MS));
  return Promise.race([all, timeout]);
}
