import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { UiLocale } from '../settings/constants.js';

// Choosing an annotations file to import (annotations:import). Two implementations: Electron's open
// dialog (main.ts passes `dialog` in, so nothing here imports electron), and, for the browser host
// where there is no native dialog, the newest JSON file in <data dir>/imports/ — end-to-end tests
// put a file there and press "Import". Both resolve with a path, or null when nothing was chosen.
// (Saving exports goes through the save dialog of file:save: main/datasets/save-file.ts.)

export type ChooseImportFile = () => Promise<string | null>;

export const IMPORTS_FOLDER = 'imports';

const TEXT: Record<UiLocale, { title: string; json: string; all: string }> = {
  'zh-CN': { title: '导入批注', json: 'W3C 批注（JSON）', all: '所有文件' },
  en: { title: 'Import Annotations', json: 'W3C annotations (JSON)', all: 'All Files' },
};

export interface OpenDialogOptions {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: Array<'openFile'>;
}

/**
 * Electron's open dialog. `show` is dialog.showOpenDialog bound to the main window (main.ts picks
 * the window, so the dialog is a sheet on macOS).
 */
export function electronImportChooser(options: {
  show: (dialogOptions: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }>;
  defaultDir: () => string;
  locale: () => UiLocale;
}): ChooseImportFile {
  let lastDir: string | undefined;
  return async () => {
    const text = TEXT[options.locale()];
    const result = await options.show({
      title: text.title,
      defaultPath: lastDir ?? options.defaultDir(),
      filters: [
        { name: text.json, extensions: ['json', 'jsonld'] },
        { name: text.all, extensions: ['*'] },
      ],
      properties: ['openFile'],
    });
    const file = result.filePaths[0];
    if (result.canceled || file === undefined) return null;
    lastDir = path.dirname(file);
    return file;
  };
}

/** The browser host's stand-in: the newest .json file in <dataDir>/imports/, or null when none. */
export function folderImportChooser(dataDir: string): ChooseImportFile {
  return async () => {
    const dir = path.join(dataDir, IMPORTS_FOLDER);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return null;
    }
    let newest: { file: string; time: number } | undefined;
    for (const name of names) {
      if (!/\.json(ld)?$/i.test(name)) continue;
      const file = path.join(dir, name);
      const info = await stat(file);
      if (info.isFile() && (newest === undefined || info.mtimeMs >= newest.time))
        newest = { file, time: info.mtimeMs };
    }
    return newest?.file ?? null;
  };
}
