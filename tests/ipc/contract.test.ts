import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAMES,
  CHANNELS,
  EnvelopeSchema,
  isChannelName,
  LibraryEntrySchema,
  readerMethods,
} from '../../main/ipc/contract.js';
import { cutQuery, MAX_IPC_QUERY_LENGTH } from '../../main/ipc/schemas/search.js';

describe('IPC contract', () => {
  it('declares the app and reading channels with their window.reader methods', () => {
    // Other features add their own channels; these are the shell's and the reading view's.
    expect(Object.fromEntries(readerMethods().map(({ method, channel }) => [channel, method]))).toMatchObject(
      {
        'library:list': 'listLibrary',
        'app:info': 'appInfo',
        'app:openExternal': 'openExternal',
        'document:get': 'getDocument',
        'search:query': 'search',
        'settings:get': 'getSettings',
        'settings:set': 'setSettings',
        'progress:get': 'getProgress',
        'progress:set': 'setProgress',
      },
    );
  });

  it('asks for one document by a well-formed id', () => {
    const schema = CHANNELS['document:get'].request;
    expect(schema.safeParse({ docId: 'report' }).success).toBe(true);
    expect(schema.safeParse({ docId: '' }).success).toBe(false);
    expect(schema.safeParse({ docId: '../etc' }).success).toBe(false);
    expect(schema.safeParse({ docId: 'report', extra: 1 }).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });

  it('cuts a long query instead of refusing it, and bounds the limit', () => {
    const schema = CHANNELS['search:query'].request;
    const long = schema.safeParse({ query: '服'.repeat(5000) });
    expect(long.success && long.data.query.length).toBe(MAX_IPC_QUERY_LENGTH);
    expect(schema.safeParse({ query: 'x', docId: 'paper', limit: 50 }).success).toBe(true);
    expect(schema.safeParse({ query: 'x', limit: 0 }).success).toBe(false);
    expect(schema.safeParse({ query: 'x', limit: 201 }).success).toBe(false);
    expect(schema.safeParse({ query: 'x', limit: 2.5 }).success).toBe(false);
    expect(schema.safeParse({ query: 42 }).success).toBe(false);
    expect(schema.safeParse({ query: 'x', sort: 'date' }).success).toBe(false);
  });

  it('never cuts a query in the middle of a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_IPC_QUERY_LENGTH - 1)}😀tail`;
    expect(cutQuery(text)).toBe('a'.repeat(MAX_IPC_QUERY_LENGTH - 1));
    expect(cutQuery('short')).toBe('short');
  });

  it('validates reading settings changes by range, step and choice', () => {
    const schema = CHANNELS['settings:set'].request;
    expect(schema.safeParse({ fontSize: 20 }).success).toBe(true);
    expect(schema.safeParse({ theme: 'sepia', uiLocale: 'system' }).success).toBe(true);
    expect(schema.safeParse({}).success).toBe(true);
    for (const bad of [
      { fontSize: 100 },
      { fontSize: 17.5 },
      { lineHeight: 0.5 },
      { theme: 'blue' },
      { x: 1 },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(CHANNELS['settings:get'].request.safeParse({}).success).toBe(false);
  });

  it('records a position only as a document id and a block id', () => {
    const schema = CHANNELS['progress:set'].request;
    expect(schema.safeParse({ docId: 'report', blockId: 'report.p-1a2b' }).success).toBe(true);
    expect(schema.safeParse({ docId: 'report' }).success).toBe(false);
    expect(schema.safeParse({ docId: 'report', blockId: '<img>' }).success).toBe(false);
    expect(schema.safeParse({ docId: 'report', blockId: 'x', updatedAt: 'now' }).success).toBe(false);
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
