import { describe, expect, it } from 'vitest';
import { BundleStore } from '../../main/corpus/bundle-store.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createHandlers, type Handlers } from '../../main/ipc/handlers.js';
import { tinyBundle } from '../fixtures/tiny-bundle.js';

function realHandlers(opened: string[] = []): Handlers {
  const store = new BundleStore(tinyBundle());
  return createHandlers({
    store: () => store,
    openExternal: async (url) => {
      opened.push(url);
    },
    appInfo: { version: '0.0.1', platform: 'linux', locale: 'en' },
  });
}

describe('dispatch', () => {
  it('answers a good call with {ok: true, value}', async () => {
    const dispatch = createDispatch(realHandlers());
    const reply = await dispatch('library:list', undefined);
    expect(reply.ok).toBe(true);
    expect(reply.ok && Array.isArray(reply.value) && reply.value.length).toBe(2);
    expect(await dispatch('app:info', undefined)).toEqual({
      ok: true,
      value: { version: '0.0.1', platform: 'linux', locale: 'en' },
    });
  });

  it('opens an allowed URL', async () => {
    const opened: string[] = [];
    const dispatch = createDispatch(realHandlers(opened));
    expect(await dispatch('app:openExternal', { url: 'mailto:a@example.org' })).toEqual({
      ok: true,
      value: true,
    });
    expect(opened).toEqual(['mailto:a@example.org']);
  });

  it.each([
    ['an unknown channel', 'fs:read', undefined],
    ['an inherited property name', 'constructor', undefined],
    ['a prototype key', '__proto__', undefined],
    ['a non-string channel', 42, undefined],
    ['an object channel', { toString: () => 'library:list' }, undefined],
  ])('returns UNKNOWN_CHANNEL for %s', async (_name, channel, args) => {
    const reply = await createDispatch(realHandlers())(channel, args);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it.each([
    ['an argument to a no-argument channel', 'library:list', { evil: true }],
    ['a javascript: URL', 'app:openExternal', { url: 'javascript:alert(1)' }],
    ['a file: URL', 'app:openExternal', { url: 'file:///etc/passwd' }],
    ['a missing URL', 'app:openExternal', {}],
    ['a bare string', 'app:openExternal', 'https://example.org/'],
    ['extra keys', 'app:openExternal', { url: 'https://example.org/', target: '_blank' }],
  ])('returns BAD_REQUEST for %s and never calls the handler', async (_name, channel, args) => {
    const opened: string[] = [];
    const reply = await createDispatch(realHandlers(opened))(channel, args);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('BAD_REQUEST');
    expect(opened).toEqual([]);
  });

  it('turns a throwing handler into INTERNAL without rejecting', async () => {
    const handlers: Handlers = {
      ...realHandlers(),
      'library:list': async () => {
        throw new Error('bundle.json is missing');
      },
    };
    await expect(createDispatch(handlers)('library:list', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'bundle.json is missing' },
    });
  });

  it('lets a handler choose the error code', async () => {
    const reply = await createDispatch(realHandlers())('document:get', { docId: 'nothing-here' });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No document "nothing-here".' },
    });
  });

  it('validates a frozen reply once and serves the same checked value again', async () => {
    const dispatch = createDispatch(realHandlers());
    const first = await dispatch('document:get', { docId: 'report' });
    const second = await dispatch('document:get', { docId: 'report' });
    expect(first.ok && second.ok).toBe(true);
    expect(first.ok && second.ok && first.value === second.value).toBe(true);
    // A reply that is built anew each time is validated each time (and so is a different value).
    const a = await dispatch('library:list', undefined);
    const b = await dispatch('library:list', undefined);
    expect(a.ok && b.ok && a.value !== b.value).toBe(true);
  });

  it('refuses a handler reply that breaks the contract', async () => {
    const handlers = {
      ...realHandlers(),
      'app:info': async () => ({ version: 1 }),
    } as unknown as Handlers;
    const reply = await createDispatch(handlers)('app:info', undefined);
    expect(!reply.ok && reply.error.code).toBe('INTERNAL');
  });
});
