import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BundleStore } from '../../main/corpus/bundle-store.js';
import { CHANNEL_NAMES } from '../../main/ipc/contract.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { tinyBundle } from '../fixtures/tiny-bundle.js';

// Only Electron is mocked: ipcMain.handle records the listeners so the test can call them with
// fake events. Dispatch and handlers are the real ones.
const handled = vi.hoisted(() => new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
      handled.set(channel, listener);
    },
  },
}));

const { registerIpc } = await import('../../main/ipc/register.js');

const mainContents = { id: 1 } as unknown as WebContents;
const otherContents = { id: 2 } as unknown as WebContents;
const opened: string[] = [];

function event(overrides: { sender?: WebContents; url?: string; parent?: unknown; frame?: null } = {}) {
  const frame =
    overrides.frame === null
      ? null
      : { url: overrides.url ?? 'app://reader/index.html', parent: overrides.parent ?? null };
  return { sender: overrides.sender ?? mainContents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function call(channel: string, ev: IpcMainInvokeEvent, ...args: unknown[]) {
  const listener = handled.get(channel);
  if (listener === undefined) throw new Error(`no handler for ${channel}`);
  return listener(ev, ...args);
}

beforeEach(() => {
  handled.clear();
  opened.length = 0;
  const store = new BundleStore(tinyBundle());
  const dispatch = createDispatch(
    createHandlers({
      store: () => store,
      openExternal: async (url) => {
        opened.push(url);
      },
      appInfo: { version: '0.1.0', platform: 'linux', locale: 'zh-CN' },
    }),
  );
  registerIpc(dispatch, () => mainContents);
});

describe('registerIpc', () => {
  it('handles exactly the contract channels', () => {
    expect([...handled.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers our window on app://reader', async () => {
    const reply = (await call('library:list', event())) as { ok: boolean; value: unknown[] };
    expect(reply.ok).toBe(true);
    expect(reply.value).toHaveLength(2);
  });

  it.each([
    ['another window', { sender: otherContents }],
    ['a page on another origin', { url: 'https://evil.example/' }],
    ['a file: page', { url: 'file:///tmp/x.html' }],
    ['another app host', { url: 'app://other/index.html' }],
    ['an iframe inside our page', { parent: { url: 'app://reader/index.html' } }],
    ['a frame that is gone', { frame: null }],
  ] as const)('refuses %s with FORBIDDEN, without throwing', async (_name, overrides) => {
    const reply = await call('app:openExternal', event(overrides), { url: 'https://example.org/' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(opened).toEqual([]);
  });

  it('refuses when the main window is gone', async () => {
    handled.clear();
    registerIpc(createDispatch(createHandlers({} as never)), () => null);
    expect(await call('app:info', event())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a sender whose frame cannot be read', async () => {
    const throwing = {
      sender: mainContents,
      get senderFrame() {
        throw new Error('Render frame was disposed');
      },
    } as unknown as IpcMainInvokeEvent;
    expect(await call('app:info', throwing)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers bad arguments with BAD_REQUEST instead of throwing', async () => {
    for (const args of [[{ url: 'file:///etc/passwd' }], [{ url: 'https://example.org/' }, 'extra'], ['x']]) {
      const reply = await call('app:openExternal', event(), ...args);
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await call('library:list', event(), { page: 2 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(opened).toEqual([]);
  });

  it('passes a valid request through to the real handler', async () => {
    expect(await call('app:openExternal', event(), { url: 'https://example.org/' })).toEqual({
      ok: true,
      value: true,
    });
    expect(opened).toEqual(['https://example.org/']);
  });
});
