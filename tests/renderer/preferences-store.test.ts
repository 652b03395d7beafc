import { describe, expect, it } from 'vitest';
import {
  defaultPreferences,
  loadPreferences,
  savePreferences,
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

describe('preferences store', () => {
  it('defaults to the system theme and the system language', () => {
    expect(defaultPreferences(['zh-CN', 'en'])).toEqual({ theme: 'system', locale: 'zh-CN' });
    expect(defaultPreferences(['en-US'])).toEqual({ theme: 'system', locale: 'en' });
    expect(loadPreferences(new MemoryStorage(), ['fr-FR'])).toEqual({ theme: 'system', locale: 'en' });
  });

  it('round-trips saved preferences', () => {
    const storage = new MemoryStorage();
    savePreferences(storage, { theme: 'dark', locale: 'en' });
    expect(loadPreferences(storage, ['zh-CN'])).toEqual({ theme: 'dark', locale: 'en' });
  });

  it('ignores invalid or corrupt values field by field', () => {
    const storage = new MemoryStorage();
    storage.setItem('report-reader.preferences', JSON.stringify({ theme: 'neon', locale: 'en' }));
    expect(loadPreferences(storage, ['zh-CN'])).toEqual({ theme: 'system', locale: 'en' });
    storage.setItem('report-reader.preferences', '{oops');
    expect(loadPreferences(storage, ['zh-CN'])).toEqual({ theme: 'system', locale: 'zh-CN' });
  });

  it('survives storage that throws', () => {
    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    broken.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(() => savePreferences(broken, { theme: 'light', locale: 'zh-CN' })).not.toThrow();
    expect(loadPreferences(broken, ['en'])).toEqual({ theme: 'system', locale: 'en' });
    expect(loadPreferences(undefined, ['zh'])).toEqual({ theme: 'system', locale: 'zh-CN' });
  });
});
