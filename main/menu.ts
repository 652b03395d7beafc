import type { MenuItemConstructorOptions } from 'electron';
import type { UiLocale } from './ipc/contract.js';

// The application menu as a plain template, so it is built and tested without Electron (the type
// import is erased). Labels come from the system's language; roles supply the behaviour.

export type NotesExportFormat = 'md' | 'html' | 'csv' | 'json';

export interface MenuActions {
  showAbout: () => void;
  /** File → Export notes → <format>: every annotation, through the save dialog. */
  exportNotes?: (format: NotesExportFormat) => void;
}

export interface MenuOptions {
  /** Show the developer tools entries (unpackaged builds only). */
  devTools: boolean;
}

const LABELS = {
  'zh-CN': {
    app: 'Report Reader',
    file: '文件',
    exportNotes: '导出笔记',
    exportMd: 'Markdown（.md）…',
    exportHtml: 'HTML（.html）…',
    exportCsv: 'CSV（.csv）…',
    exportJson: 'JSON（W3C 批注）…',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    paste: '粘贴',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    about: '关于 Report Reader',
    hide: '隐藏 Report Reader',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    quit: '退出',
    close: '关闭窗口',
    copy: '复制',
    selectAll: '全选',
    reload: '重新载入',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    minimize: '最小化',
    zoom: '缩放',
  },
  en: {
    app: 'Report Reader',
    file: 'File',
    exportNotes: 'Export Notes',
    exportMd: 'Markdown (.md)…',
    exportHtml: 'HTML (.html)…',
    exportCsv: 'CSV (.csv)…',
    exportJson: 'JSON (W3C annotations)…',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    paste: 'Paste',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    about: 'About Report Reader',
    hide: 'Hide Report Reader',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: 'Quit',
    close: 'Close Window',
    copy: 'Copy',
    selectAll: 'Select All',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
  },
} as const satisfies Record<UiLocale, Record<string, string>>;

export function buildMenuTemplate(
  locale: UiLocale,
  platform: NodeJS.Platform,
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const l = LABELS[locale];
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: l.about, click: () => actions.showAbout() };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: l.app,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'hide', label: l.hide },
        { role: 'hideOthers', label: l.hideOthers },
        { role: 'unhide', label: l.unhide },
        { type: 'separator' },
        { role: 'quit', label: l.quit },
      ],
    });
  }
  const exportNotes = actions.exportNotes;
  const fileItems: MenuItemConstructorOptions[] = exportNotes
    ? [
        {
          label: l.exportNotes,
          submenu: (
            [
              ['md', l.exportMd],
              ['html', l.exportHtml],
              ['csv', l.exportCsv],
              ['json', l.exportJson],
            ] as const
          ).map(([format, label]) => ({ label, click: () => exportNotes(format) })),
        },
        { type: 'separator' },
      ]
    : [];
  template.push(
    {
      label: l.file,
      submenu: [...fileItems, mac ? { role: 'close', label: l.close } : { role: 'quit', label: l.quit }],
    },
    {
      label: l.edit,
      // Notes and tags are typed in text fields: undo, cut and paste (on macOS only the menu
      // provides those shortcuts); the text itself is only selected and copied.
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    {
      label: l.view,
      submenu: [
        ...(options.devTools
          ? ([
              { role: 'reload', label: l.reload },
              { role: 'toggleDevTools', label: l.devTools },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: l.resetZoom },
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: l.fullScreen },
      ],
    },
    {
      label: l.window,
      submenu: [
        { role: 'minimize', label: l.minimize },
        ...(mac ? [{ role: 'zoom', label: l.zoom } satisfies MenuItemConstructorOptions] : []),
        { role: 'close', label: l.close },
      ],
    },
  );
  // On macOS "About" lives in the app menu; elsewhere it gets a Help menu of its own.
  if (!mac) template.push({ label: l.help, submenu: [about] });
  return template;
}
