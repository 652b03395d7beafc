import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../main/ipc/contract.js';
import { writeTinyBundle } from '../fixtures/tiny-bundle.js';

// main.ts against a mocked `electron`: every other module it wires up is the real one. The fake
// records what main.ts asked Electron to do so the test can check the security settings and replay
// events (navigation, window.open, permission requests, protocol requests, IPC calls).

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeWebContents {
    listeners = new Map<string, Listener>();
    windowOpenHandler: Listener | undefined;
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeWindow {
    webContents = new FakeWebContents();
    listeners = new Map<string, Listener>();
    loaded: string[] = [];
    maximized = false;
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return { x: 11, y: 22, width: 1111, height: 777 };
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
  }

  const state = {
    lock: true,
    appPath: '',
    paths: new Map<string, string>(),
    appListeners: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    beforeRequest: undefined as Listener | undefined,
    menuTemplate: undefined as unknown,
    opened: [] as string[],
    protocolClients: [] as unknown[][],
    quit: 0,
  };

  return { state, FakeWindow };
});

vi.mock('electron', () => {
  const { state, FakeWindow } = fake;
  return {
    app: {
      getPath: (name: string) => state.paths.get(name) ?? '/nonexistent',
      setPath: (name: string, value: string) => state.paths.set(name, value),
      getAppPath: () => state.appPath,
      enableSandbox: () => {},
      requestSingleInstanceLock: () => state.lock,
      on: (name: string, listener: Listener) => state.appListeners.set(name, listener),
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      quit: () => {
        state.quit++;
      },
      getPreferredSystemLanguages: () => ['zh-CN'],
      setAsDefaultProtocolClient: (...args: unknown[]) => {
        state.protocolClients.push(args);
        return true;
      },
      getVersion: () => '0.1.0',
      isPackaged: true,
      setAboutPanelOptions: () => {},
      showAboutPanel: () => {},
    },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => {
        state.menuTemplate = menu;
      },
    },
    nativeTheme: { shouldUseDarkColors: false },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          state.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          state.permissionCheck = handler;
        },
        webRequest: {
          onBeforeRequest: (handler: Listener) => {
            state.beforeRequest = handler;
          },
        },
        protocol: {
          handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
            state.protocolHandlers.set(scheme, handler),
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        state.opened.push(url);
      },
    },
    ipcMain: { handle: (channel: string, listener: Listener) => state.ipcHandlers.set(channel, listener) },
    dialog: { showErrorBox: () => {} },
  };
});

const { state } = fake;
let dataDir: string;

function resetState(): void {
  state.lock = true;
  state.paths.clear();
  state.appListeners.clear();
  state.windows.length = 0;
  state.privileged.length = 0;
  state.protocolHandlers.clear();
  state.ipcHandlers.clear();
  state.opened.length = 0;
  state.protocolClients.length = 0;
  state.quit = 0;
}

function makeAppRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rr-app-'));
  mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'secret.txt'), 'top secret');
  const bundle = writeTinyBundle();
  mkdirSync(path.join(root, 'build', 'bundle'), { recursive: true });
  writeFileSync(
    path.join(root, 'build', 'bundle', 'bundle.json'),
    readFileSync(path.join(bundle, 'bundle.json')),
  );
  return root;
}

async function startMain() {
  vi.resetModules();
  await import('../../main/main.js');
  await vi.waitFor(() => expect(state.windows.length).toBe(1));
  const win = state.windows[0];
  if (win === undefined) throw new Error('no window');
  return win;
}

beforeEach(() => {
  resetState();
  state.appPath = makeAppRoot();
  state.paths.set('userData', path.join(os.tmpdir(), 'rr-should-not-be-used'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-data-'));
  vi.stubEnv('REPORT_READER_DATA_DIR', dataDir);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('main.ts', () => {
  it('creates one window with the security options and loads app://reader', async () => {
    const win = await startMain();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.devTools).toBe(false);
    expect(prefs.preload).toBe(path.join(state.appPath, 'dist', 'preload.cjs'));
    expect(win.loaded).toEqual(['app://reader/index.html']);
    expect(win.options.minWidth).toBe(900);
  });

  it('registers app:// as a standard, secure scheme', async () => {
    await startMain();
    expect(state.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('prevents every navigation and hands only https:/mailto: to the system', async () => {
    const win = await startMain();
    const willNavigate = win.webContents.listeners.get('will-navigate');
    for (const url of [
      'https://example.org/',
      'app://reader/other.html',
      'file:///etc/passwd',
      'javascript:x',
    ]) {
      const event = { url, preventDefault: vi.fn() };
      willNavigate?.(event, url);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    expect(state.opened).toEqual(['https://example.org/']);
  });

  it('denies every new window', async () => {
    const win = await startMain();
    const open = win.webContents.windowOpenHandler;
    expect(open?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'app://reader/index.html' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://example.org/']);
  });

  it('denies all permission requests and network requests outside app://', async () => {
    await startMain();
    const callback = vi.fn();
    state.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheck?.({}, 'clipboard-read')).toBe(false);
    const decide = (url: string) => {
      let result: unknown;
      state.beforeRequest?.({ url }, (response: unknown) => {
        result = response;
      });
      return result;
    };
    expect(decide('https://example.org/')).toEqual({ cancel: true });
    expect(decide('app://reader/assets/x.js')).toEqual({ cancel: false });
  });

  it('serves the renderer from app:// with the CSP and refuses traversal', async () => {
    await startMain();
    const handler = state.protocolHandlers.get('app');
    if (handler === undefined) throw new Error('app: not handled');
    const ok = await handler(new Request('app://reader/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(ok.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(await ok.text()).toContain('<title>app</title>');
    const traversal = await handler(new Request('app://reader/%2e%2e/%2e%2e/secret.txt'));
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('top secret');
    expect((await handler(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('answers IPC from its window with the bundle, and refuses other senders', async () => {
    const win = await startMain();
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const list = state.ipcHandlers.get('library:list');
    const ours = { sender: win.webContents, senderFrame: { url: 'app://reader/index.html', parent: null } };
    const reply = (await list?.(ours)) as { ok: boolean; value: Array<{ id: string }> };
    expect(reply.ok).toBe(true);
    expect(reply.value.map((entry) => entry.id)).toEqual(['report', 'news-daily-life']);
    const info = (await state.ipcHandlers.get('app:info')?.(ours)) as { value: { locale: string } };
    expect(info.value.locale).toBe('zh-CN');
    const foreign = { sender: {}, senderFrame: { url: 'app://reader/index.html', parent: null } };
    expect(await list?.(foreign)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps its data in REPORT_READER_DATA_DIR and saves the window state there on close', async () => {
    const win = await startMain();
    expect(state.paths.get('userData')).toBe(dataDir);
    win.listeners.get('close')?.();
    expect(JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      x: 11,
      y: 22,
      width: 1111,
      height: 777,
      maximized: false,
    });
  });

  it('restores the saved size and position', async () => {
    writeFileSync(
      path.join(dataDir, 'window-state.json'),
      JSON.stringify({ x: 50, y: 60, width: 1000, height: 700, maximized: true }),
    );
    const win = await startMain();
    expect(win.options).toMatchObject({ x: 50, y: 60, width: 1000, height: 700 });
    expect(win.maximized).toBe(true);
  });

  it('installs a Chinese menu for a Chinese system', async () => {
    await startMain();
    const labels = (state.menuTemplate as Array<{ label: string }>).map((item) => item.label);
    expect(labels).toContain('文件');
  });

  it('registers report-reader:// and hands links from the system to the renderer once', async () => {
    const win = await startMain();
    expect(state.protocolClients).toEqual([['report-reader']]);
    const ours = { sender: win.webContents, senderFrame: { url: 'app://reader/index.html', parent: null } };
    const pending = () => state.ipcHandlers.get('navigation:pending')?.(ours) as Promise<unknown>;
    expect(await pending()).toEqual({ ok: true, value: null });
    // Windows and Linux: a second instance started with the link.
    state.appListeners.get('second-instance')?.({}, ['/opt/app', 'report-reader://open?doc=report'], '/');
    expect(await pending()).toEqual({
      ok: true,
      value: { docId: 'report', link: 'report-reader://open?doc=report' },
    });
    expect(await pending()).toEqual({ ok: true, value: null });
    // macOS: open-url, whose default handling is prevented.
    const event = { preventDefault: vi.fn() };
    state.appListeners.get('open-url')?.(event, 'report-reader://open?doc=news-daily-life');
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(await pending()).toMatchObject({ ok: true, value: { docId: 'news-daily-life' } });
    // Malformed links are dropped.
    state.appListeners.get('open-url')?.(event, 'report-reader://open?doc=../etc');
    state.appListeners.get('second-instance')?.({}, ['x', 'report-reader://evil?doc=report'], '/');
    expect(await pending()).toEqual({ ok: true, value: null });
  });

  it('saves annotations in the data folder and holds the quit until they are on disk', async () => {
    const win = await startMain();
    const ours = { sender: win.webContents, senderFrame: { url: 'app://reader/index.html', parent: null } };
    const call = (channel: string, request?: unknown) =>
      state.ipcHandlers.get(channel)?.(ours, request) as Promise<{ ok: boolean; value?: unknown }>;
    const created = await call('annotations:create', {
      docId: 'report',
      blockId: 'report.b-2',
      start: 0,
      end: 2,
      color: 'green',
    });
    expect(created).toMatchObject({ ok: true, value: { quote: '服务', color: 'green', status: 'anchored' } });
    expect(
      await call('annotations:create', { docId: 'report', blockId: 'report.b-2', start: 3, end: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const quit = { preventDefault: vi.fn() };
    state.appListeners.get('before-quit')?.(quit);
    expect(quit.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(state.quit).toBe(1));
    const { readStoreFolder } = await import('../../main/annotations/store.js');
    expect((await readStoreFolder(dataDir)).collection.items).toHaveLength(1);
    // The second before-quit (from app.quit()) goes through.
    const again = { preventDefault: vi.fn() };
    state.appListeners.get('before-quit')?.(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits without a window when another instance holds the lock', async () => {
    state.lock = false;
    vi.resetModules();
    await import('../../main/main.js');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
  });
});
