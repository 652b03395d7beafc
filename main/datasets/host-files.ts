import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { MAX_SAVE_CHARS } from '../ipc/schemas/files.js';
import type { FileDeps } from './ipc.js';
import { folderChooser } from './save-file.js';

// The browser host's stand-ins for the save dialog and the system clipboard: a development browser
// (and the end-to-end tests driving it) has neither. Saved files land in <data dir>/exports/, the
// last copied text in <data dir>/clipboard.txt.

/** The HTTP body limit for file:save: the largest allowed content plus its JSON envelope. */
export const MAX_SAVE_BODY_BYTES = MAX_SAVE_CHARS + 64 * 1024;

export const EXPORTS_FOLDER = 'exports';
export const CLIPBOARD_FILE = 'clipboard.txt';

export function browserHostFiles(dataDir: string): FileDeps {
  return {
    chooseSavePath: folderChooser(path.join(dataDir, EXPORTS_FOLDER)),
    writeClipboard: (text) => writeFileAtomic(path.join(dataDir, CLIPBOARD_FILE), text, { encoding: 'utf8' }),
  };
}
