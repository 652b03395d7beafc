import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../main/settings/constants.js';
import {
  cacheSettings,
  hasCachedSettings,
  loadCachedSettings,
  resolveLocale,
  sanitizeSettings,
  stepSetting,
} from '../../renderer/src/state/preferences-store.js';

class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

describe('cached reading settings', () => {
  it('defaults to the system theme and language and the standard typography', () => {
    expect(loadCachedSettings(new MemoryStorage())).toEqual(DEFAULT_SETTINGS);
    expect(hasCachedSettings(new MemoryStorage())).toBe(false);
  });

  it('round-trips saved settings', () => {
    const storage = new MemoryStorage();
    const settings = { ...DEFAULT_SETTINGS, theme: 'sepia' as const, fontSize: 22, uiLocale: 'en' as const };
    cacheSettings(storage, settings);
    expect(hasCachedSettings(storage)).toBe(true);
    expect(loadCachedSettings(storage)).toEqual(settings);
  });

  it('keeps the valid fields of a damaged copy, defaults for the rest', () => {
    expect(
      sanitizeSettings({
        theme: 'neon',
        fontSize: 20,
        lineHeight: 9,
        textWidth: 40.5,
        fontFamily: 'serif',
        uiLocale: 'fr',
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, fontSize: 20, fontFamily: 'serif' });
    expect(sanitizeSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    const storage = new MemoryStorage();
    storage.setItem('report-reader.settings', '{oops');
    expect(loadCachedSettings(storage)).toEqual(DEFAULT_SETTINGS);
  });

  it('survives storage that throws', () => {
    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    broken.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(() => cacheSettings(broken, DEFAULT_SETTINGS)).not.toThrow();
    expect(loadCachedSettings(broken)).toEqual(DEFAULT_SETTINGS);
    expect(hasCachedSettings(broken)).toBe(false);
    expect(loadCachedSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('follows the system language until the user picks one', () => {
    expect(resolveLocale('system', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveLocale('system', ['fr-FR'])).toBe('en');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
  });

  it('steps sizes within their ranges', () => {
    expect(stepSetting('fontSize', 18, 1)).toBe(19);
    expect(stepSetting('fontSize', 28, 1)).toBe(28);
    expect(stepSetting('fontSize', 14, -1)).toBe(14);
    expect(stepSetting('lineHeight', 1.8, 1)).toBe(1.9);
    expect(stepSetting('textWidth', 56, 1)).toBe(56);
  });
});
