import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readerMethods } from '../../main/ipc/contract.js';

// The preload against a mocked contextBridge/ipcRenderer: what it exposes, and how it unwraps replies.
const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api),
  },
  ipcRenderer: { invoke: bridge.invoke },
}));

await import('../../main/preload.js');

type Api = Record<string, (request?: unknown) => Promise<unknown>>;
const api = () => bridge.exposed.get('reader') as Api;

beforeEach(() => bridge.invoke.mockReset());

describe('preload', () => {
  it('exposes only window.reader', () => {
    expect([...bridge.exposed.keys()]).toEqual(['reader']);
  });

  it("exposes exactly the contract's methods, and nothing like ipcRenderer", () => {
    const expected = readerMethods()
      .map(({ method }) => method)
      .sort();
    expect(Object.keys(api()).sort()).toEqual(expected);
    for (const key of Object.keys(api())) expect(typeof api()[key]).toBe('function');
    expect(Object.isFrozen(api())).toBe(true);
  });

  it('sends each method on its own channel and unwraps the value', async () => {
    for (const { method, channel } of readerMethods()) {
      bridge.invoke.mockResolvedValueOnce({ ok: true, value: `reply to ${channel}` });
      await expect(api()[method]?.()).resolves.toBe(`reply to ${channel}`);
      expect(bridge.invoke).toHaveBeenLastCalledWith(channel, undefined);
    }
  });

  it('passes the request argument through', async () => {
    bridge.invoke.mockResolvedValueOnce({ ok: true, value: true });
    await api().openExternal?.({ url: 'https://example.org/' });
    expect(bridge.invoke).toHaveBeenCalledWith('app:openExternal', { url: 'https://example.org/' });
  });

  it('throws an Error with the message of an error envelope', async () => {
    bridge.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'BAD_REQUEST', message: 'Only https' } });
    await expect(api().openExternal?.({ url: 'file:///x' })).rejects.toThrow('Only https');
  });

  it('throws on a reply that is not an envelope', async () => {
    bridge.invoke.mockResolvedValueOnce('surprise');
    await expect(api().listLibrary?.()).rejects.toThrow(/Malformed reply on library:list/);
  });
});
