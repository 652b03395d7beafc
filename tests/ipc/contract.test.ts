import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAMES,
  CHANNELS,
  EnvelopeSchema,
  isChannelName,
  LibraryEntrySchema,
  readerMethods,
} from '../../main/ipc/contract.js';

describe('IPC contract', () => {
  it('declares the foundation channels with their window.reader methods', () => {
    expect(Object.fromEntries(readerMethods().map(({ method, channel }) => [channel, method]))).toEqual({
      'library:list': 'listLibrary',
      'app:info': 'appInfo',
      'app:openExternal': 'openExternal',
    });
  });

  it('gives every channel a distinct method name and a namespaced channel name', () => {
    const methods = readerMethods().map(({ method }) => method);
    expect(new Set(methods).size).toBe(methods.length);
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+:[A-Za-z]+$/);
  });

  it('recognises only its own channel names, not inherited properties', () => {
    expect(isChannelName('library:list')).toBe(true);
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
    expect(isChannelName(42)).toBe(false);
  });

  it('takes no argument for library:list and app:info', () => {
    expect(CHANNELS['library:list'].request.safeParse(undefined).success).toBe(true);
    expect(CHANNELS['library:list'].request.safeParse({}).success).toBe(false);
    expect(CHANNELS['app:info'].request.safeParse('x').success).toBe(false);
  });

  it('accepts only https:/mailto: URLs and no extra keys for app:openExternal', () => {
    const schema = CHANNELS['app:openExternal'].request;
    expect(schema.safeParse({ url: 'https://example.org/' }).success).toBe(true);
    expect(schema.safeParse({ url: 'mailto:a@example.org' }).success).toBe(true);
    expect(schema.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false);
    expect(schema.safeParse({ url: 'https://example.org/', extra: 1 }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse('https://example.org/').success).toBe(false);
  });

  it('rejects library entries with negative or fractional counts', () => {
    const entry = {
      id: 'x',
      kind: 'report',
      lang: 'zh',
      title: { zh: 'a', en: 'b' },
      description: { zh: 'c', en: 'd' },
      stats: { sections: 1, blocks: 2, datasets: 0, figures: 0 },
    };
    expect(LibraryEntrySchema.safeParse(entry).success).toBe(true);
    expect(LibraryEntrySchema.safeParse({ ...entry, stats: { ...entry.stats, blocks: -1 } }).success).toBe(
      false,
    );
    expect(LibraryEntrySchema.safeParse({ ...entry, stats: { ...entry.stats, blocks: 1.5 } }).success).toBe(
      false,
    );
    expect(LibraryEntrySchema.safeParse({ ...entry, kind: 'book' }).success).toBe(false);
  });

  it('describes both envelope shapes', () => {
    expect(EnvelopeSchema.safeParse({ ok: true, value: [1] }).success).toBe(true);
    expect(
      EnvelopeSchema.safeParse({ ok: false, error: { code: 'BAD_REQUEST', message: 'm' } }).success,
    ).toBe(true);
    expect(EnvelopeSchema.safeParse({ ok: false, error: { code: 'NOPE', message: 'm' } }).success).toBe(
      false,
    );
    expect(EnvelopeSchema.safeParse({ value: 1 }).success).toBe(false);
  });
});
