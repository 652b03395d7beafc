import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { flushBeforeQuit, openAnnotations, type QuitApp } from '../../main/annotations/lifecycle.js';
import { textTarget } from '../../main/annotations/model.js';
import { readStoreFolder } from '../../main/annotations/store.js';
import { bundleStore, paragraphIn } from '../export/helpers.js';

// The store's life in the app: opened and re-anchored at start, flushed before quitting.

function fakeApp() {
  let listener: ((event: { preventDefault(): void }) => void) | undefined;
  const app: QuitApp & { quits: number } = {
    quits: 0,
    on: (_event, l) => {
      listener = l;
      return app;
    },
    quit: () => {
      app.quits++;
    },
  };
  const beforeQuit = () => {
    const event = { preventDefault: vi.fn() };
    listener?.(event);
    return event;
  };
  return { app, beforeQuit };
}

describe('openAnnotations', () => {
  it('loads, re-anchors against the bundle, and logs a recovery', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-life-'));
    writeFileSync(path.join(dir, 'annotations.json'), 'not json at all');
    const log = vi.fn();
    const { store, ready } = openAnnotations(dir, { bundle: () => bundleStore(), log });
    await ready;
    expect(log.mock.calls.flat().join('\n')).toMatch(/damaged/);
    expect(await store.list()).toEqual([]);
  });

  it('stays usable when the bundle cannot be loaded', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-life-'));
    const log = vi.fn();
    const { store, ready } = openAnnotations(dir, {
      bundle: () => {
        throw new Error('no bundle');
      },
      log,
    });
    await ready;
    expect(log.mock.calls.flat().join('\n')).toMatch(/no bundle/);
    await store.create({ target: textTarget(paragraphIn('保险服务'), 0, 4) });
    expect(await store.list()).toHaveLength(1);
  });
});

describe('flushBeforeQuit', () => {
  it('holds the first quit until pending writes are on disk, then quits', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-life-'));
    const { store, ready } = openAnnotations(dir, { bundle: () => bundleStore() });
    await ready;
    const { app, beforeQuit } = fakeApp();
    flushBeforeQuit(app, store);
    const pending = store.create({ target: textTarget(paragraphIn('保险服务'), 0, 6), note: 'quit test' });
    const first = beforeQuit();
    expect(first.preventDefault).toHaveBeenCalled();
    // A second quit request while flushing is held too, without flushing twice.
    expect(beforeQuit().preventDefault).toHaveBeenCalled();
    await pending;
    await vi.waitFor(() => expect(app.quits).toBe(1));
    const { collection } = await readStoreFolder(dir);
    expect(JSON.stringify(collection.items)).toContain('quit test');
    // app.quit() fires before-quit again: now it goes through.
    expect(beforeQuit().preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway when saving fails or takes too long', async () => {
    const log = vi.fn();
    const failing = fakeApp();
    flushBeforeQuit(failing.app, { flush: () => Promise.reject(new Error('disk full')) }, log);
    failing.beforeQuit();
    await vi.waitFor(() => expect(failing.app.quits).toBe(1));
    expect(log.mock.calls.flat().join('\n')).toMatch(/disk full/);
    const hanging = fakeApp();
    flushBeforeQuit(hanging.app, { flush: () => new Promise<void>(() => {}) }, log, 20);
    hanging.beforeQuit();
    await vi.waitFor(() => expect(hanging.app.quits).toBe(1));
  });
});
