// The renderer reaches the main process only through `window.reader`, defined by the preload (in
// Electron) or the browser host's bridge script. Its type is derived from the IPC contract; the
// import is type-only, so no main-process code ends up in the renderer bundle.
import type { ReaderApi } from '../../main/ipc/contract.js';

declare global {
  interface Window {
    readonly reader: ReaderApi;
  }
}
