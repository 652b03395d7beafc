import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  protocol,
  type Session,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { electronImportChooser } from './annotations/import-file.js';
import { flushBeforeQuit, openAnnotations } from './annotations/lifecycle.js';
import { BundleStore, bundleDir } from './corpus/bundle-store.js';
import { electronFiles } from './datasets/electron-files.js';
import { installDeepLinks } from './deeplink/electron-glue.js';
import { DeepLinkInbox } from './deeplink/inbox.js';
import { createDispatch } from './ipc/dispatch.js';
import { createHandlers } from './ipc/handlers.js';
import { registerIpc } from './ipc/register.js';
import { pickLocale } from './locale.js';
import { buildMenuTemplate } from './menu.js';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './protocol/app-origin.js';
import { serveFile } from './protocol/serve-file.js';
import { loadSearchEngine } from './search/load.js';
import { contentSecurityPolicy } from './security/csp.js';
import { decideNavigation, isAllowedRequestUrl } from './security/navigation.js';
import { openUserData } from './settings/index.js';
import {
  fitToDisplays,
  loadWindowState,
  MIN_WINDOW_SIZE,
  resolveDataDir,
  saveWindowState,
  windowStateFile,
} from './window-state.js';

// Electron glue only: every decision (paths, navigation, IPC, window state, menu) is made by a
// plain module that is tested on its own. This file wires them to Electron's objects.

// Before `ready`: app:// must be a standard, secure scheme so the renderer gets a real origin
// (same-origin policy, localStorage, module scripts) without any http server.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);
app.enableSandbox();

// Tests and portable installs point the app at their own data directory; this also keeps
// Chromium's storage and the single-instance lock there.
const defaultDataDir = app.getPath('userData');
const dataDir = resolveDataDir(process.env, defaultDataDir);
if (dataDir !== defaultDataDir) app.setPath('userData', dataDir);

let mainWindow: BrowserWindow | null = null;
/** The bundle, once start() can load it (deep links are resolved against it). */
let bundleForLinks: (() => BundleStore) | undefined;
// report-reader:// links from the system wait here until the renderer asks (main/deeplink/inbox.ts).
const deepLinkInbox = new DeepLinkInbox(
  () => bundleForLinks?.(),
  (message) => console.warn(message),
);

/** Brings the window forward (or back, on macOS after it was closed): a deep link is waiting. */
function revealMainWindow(): void {
  if (mainWindow === null) {
    if (app.isReady()) createMainWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function follow(url: string): void {
  const decision = decideNavigation(url);
  if (decision.action === 'open-external') void shell.openExternal(decision.url);
}

/** The window never navigates and never opens another window; https:/mailto: go to the system. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    follow(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    follow(url);
    return { action: 'deny' };
  });
}

/** No permission is ever granted and no request leaves app://: the app works offline by design. */
function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url) }),
  );
}

function serveApp(ses: Session, rendererDir: string): void {
  const csp = contentSecurityPolicy();
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await serveFile(rendererDir, request.method, url.pathname, csp);
    return new Response(file.body, { status: file.status, headers: file.headers });
  });
}

function createMainWindow(): void {
  const stateFile = windowStateFile(app.getPath('userData'));
  const state = fitToDisplays(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Report Reader',
    // Matches the renderer's page background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f5f0',
    webPreferences: {
      preload: path.join(app.getAppPath(), 'dist', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow = win;
  hardenWebContents(win.webContents);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      // Losing the window position is not worth blocking the user from closing the app.
      console.warn('Could not save the window state:', error);
    }
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
}

function start(): void {
  const root = app.getAppPath();
  const ses = session.defaultSession;
  lockDownSession(ses);
  serveApp(ses, path.join(root, 'dist', 'renderer'));

  const locale = pickLocale(app.getPreferredSystemLanguages());
  let store: BundleStore | undefined;
  const loadStore = () => {
    store ??= BundleStore.load(bundleDir(root));
    return store;
  };
  let search: ReturnType<typeof loadSearchEngine> | undefined;
  const loadSearch = () => {
    search ??= loadSearchEngine(bundleDir(root), path.join(root, 'assets'), loadStore());
    return search;
  };
  const userData = openUserData(app.getPath('userData'), {
    onNotice: (notice) =>
      console.warn(`Unreadable ${notice.store} file moved aside as ${notice.movedTo}: ${notice.reason}`),
    onWriteError: (error) => console.warn('Could not save the reading position:', error),
  });
  // Reading positions are written a moment after they change: write what is pending on the way out.
  app.on('will-quit', () => {
    try {
      userData.flush();
    } catch (error) {
      console.warn('Could not save the reading position:', error);
    }
  });
  // The save dialog names file types in the interface language (uiLocale, below, is read when it opens).
  const files = electronFiles(
    () => mainWindow,
    () => uiLocale(),
  );
  // The language the user reads the interface in (settings), else the system's.
  const uiLocale = () => {
    const chosen = userData.settings.get().uiLocale;
    return chosen === 'system' ? locale : chosen;
  };
  // Annotations: loaded and re-anchored now; every change is on disk before its reply, and the
  // last write in flight is waited for before quitting.
  bundleForLinks = loadStore;
  const annotations = openAnnotations(app.getPath('userData'), {
    bundle: loadStore,
    log: (message) => console.warn(message),
  });
  flushBeforeQuit(app, annotations.store);
  const chooseImportFile = electronImportChooser({
    show: (options) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
    defaultDir: () => app.getPath('documents'),
    locale: uiLocale,
  });
  const handlers = createHandlers({
    store: loadStore,
    openExternal: (url) => shell.openExternal(url),
    appInfo: { version: app.getVersion(), platform: process.platform, locale },
    search: loadSearch,
    userData: () => userData,
    files: () => files,
    annotations: () => annotations.store,
    chooseImportFile,
    deepLinks: () => deepLinkInbox,
  });
  const dispatch = createDispatch(handlers);
  registerIpc(dispatch, () => mainWindow?.webContents ?? null);

  app.setAboutPanelOptions({ applicationName: 'Report Reader', applicationVersion: app.getVersion() });
  const template = buildMenuTemplate(
    locale,
    process.platform,
    {
      showAbout: () => app.showAboutPanel(),
      // File → Export notes: the same channel as the sidebar's export, with every annotation.
      exportNotes: (format) => {
        void dispatch('annotations:export', { format, lang: uiLocale() === 'en' ? 'en' : 'zh' }).then(
          (reply) => {
            if (!reply.ok) dialog.showErrorBox('Report Reader', reply.error.message);
          },
        );
      },
    },
    { devTools: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  createMainWindow();
  // Read the search index and prepare the report while the user looks at the library, so the
  // first search and the first opening are instant.
  setTimeout(() => {
    try {
      loadSearch();
    } catch (error) {
      console.warn('Could not load the search index:', error);
    }
    void dispatch('document:get', { docId: 'report' });
  }, 500);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const deepLinks = installDeepLinks({
    app,
    inbox: deepLinkInbox,
    reveal: revealMainWindow,
    argv: process.argv,
    // Packaged builds only: an unpackaged `electron .` would make the development binary the
    // system's handler (set REPORT_READER_REGISTER_PROTOCOL=1 to try links in development).
    register: app.isPackaged || process.env.REPORT_READER_REGISTER_PROTOCOL === '1',
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
    log: (message) => console.warn(message),
  });
  app.on('second-instance', (_event, argv) => {
    deepLinks.onSecondInstance(argv);
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) createMainWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Report Reader', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
