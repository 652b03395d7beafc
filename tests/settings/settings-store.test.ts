import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type StoreNotice } from '../../main/settings/schema.js';
import { SETTINGS_FILE, SettingsStore } from '../../main/settings/settings-store.js';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'rr-settings-'));

describe('settings store', () => {
  it('starts from the defaults when there is no file', () => {
    const store = new SettingsStore(dataDir());
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.notices()).toEqual([]);
  });

  it('applies a change, writes it at once and reads it back in a new store', () => {
    const dir = dataDir();
    const store = new SettingsStore(dir);
    expect(store.set({ fontSize: 22, theme: 'sepia' })).toEqual({
      ...DEFAULT_SETTINGS,
      fontSize: 22,
      theme: 'sepia',
    });
    const onDisk = JSON.parse(readFileSync(path.join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk).toEqual({ version: 1, ...DEFAULT_SETTINGS, fontSize: 22, theme: 'sepia' });
    expect(new SettingsStore(dir).get().fontSize).toBe(22);
  });

  it.each([
    [{ fontSize: 13 }],
    [{ fontSize: 29 }],
    [{ fontSize: 18.5 }],
    [{ lineHeight: 3 }],
    [{ textWidth: 10 }],
    [{ theme: 'neon' }],
    [{ uiLocale: 'fr' }],
    [{ zoom: 2 }],
  ])('refuses %j and keeps the settings as they were', (patch) => {
    const dir = dataDir();
    const store = new SettingsStore(dir);
    expect(() => store.set(patch as never)).toThrow();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fills settings a file does not have yet with their defaults', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, theme: 'dark' }));
    expect(new SettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('moves an unreadable file aside, reports it once, and starts from the defaults', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, SETTINGS_FILE), '{"theme": "dark", "fontSize": 99}');
    const reported: StoreNotice[] = [];
    const store = new SettingsStore(dir, {
      now: () => new Date('2024-01-02T03:04:05.006Z'),
      onNotice: (notice) => reported.push(notice),
    });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const movedTo = 'settings.corrupt-2024-01-02T03-04-05-006Z.json';
    expect(reported).toEqual([{ store: 'settings', movedTo, reason: expect.stringContaining('fontSize') }]);
    expect(store.notices()).toEqual(reported);
    expect(readFileSync(path.join(dir, movedTo), 'utf8')).toBe('{"theme": "dark", "fontSize": 99}');
    // Saving afterwards writes a fresh file and leaves the corrupt copy alone.
    store.set({ theme: 'light' });
    expect(readdirSync(dir).sort()).toEqual([movedTo, SETTINGS_FILE].sort());
    expect(reported).toHaveLength(1);
  });
});
