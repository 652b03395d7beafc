import path from 'node:path';
import { app, type BrowserWindow, clipboard, dialog } from 'electron';
import type { UiLocale } from '../ipc/contract.js';
import { SAVE_KINDS } from '../ipc/schemas/files.js';
import type { FileDeps } from './ipc.js';

// Electron glue for file:save / datasets:export (the native save dialog, opening in Downloads with
// the proposed name) and clipboard:write (the system clipboard: the renderer's navigator.clipboard
// is unavailable, the session grants no permissions).

/** `locale`: the interface language in force when the dialog opens (it names the file type). */
export function electronFiles(window: () => BrowserWindow | null, locale: () => UiLocale): FileDeps {
  return {
    chooseSavePath: async ({ defaultName, kind }) => {
      const lang = locale() === 'en' ? 'en' : 'zh';
      const spec = SAVE_KINDS[kind];
      const options: Electron.SaveDialogOptions = {
        defaultPath: path.join(app.getPath('downloads'), defaultName),
        filters: [{ name: spec.filter[lang], extensions: [spec.extension.slice(1)] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = window();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    writeClipboard: (text) => clipboard.writeText(text),
  };
}
