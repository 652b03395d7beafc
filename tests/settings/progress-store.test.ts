import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openUserData } from '../../main/settings/index.js';
import { PROGRESS_FILE, ProgressStore } from '../../main/settings/progress-store.js';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'rr-progress-'));
const readFile = (dir: string) => JSON.parse(readFileSync(path.join(dir, PROGRESS_FILE), 'utf8'));
const clock = () => new Date('2024-03-04T05:06:07.000Z');

describe('progress store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps positions in memory at once and writes them once after the debounce', () => {
    const dir = dataDir();
    const store = new ProgressStore(dir, { debounceMs: 1000, now: clock });
    expect(store.set('report', 'report.p-1')).toEqual({
      blockId: 'report.p-1',
      updatedAt: '2024-03-04T05:06:07.000Z',
    });
    store.set('report', 'report.p-2');
    store.set('paper', 'paper.p-9');
    expect(store.get('report')?.blockId).toBe('report.p-2');
    expect(existsSync(path.join(dir, PROGRESS_FILE))).toBe(false);
    vi.advanceTimersByTime(999);
    expect(existsSync(path.join(dir, PROGRESS_FILE))).toBe(false);
    vi.advanceTimersByTime(1);
    expect(readFile(dir)).toEqual({
      version: 1,
      documents: {
        report: { blockId: 'report.p-2', updatedAt: '2024-03-04T05:06:07.000Z' },
        paper: { blockId: 'paper.p-9', updatedAt: '2024-03-04T05:06:07.000Z' },
      },
    });
    expect(new ProgressStore(dir).all()).toEqual(readFile(dir).documents);
  });

  it('writes pending positions on flush (quitting) and nothing when there is nothing new', () => {
    const dir = dataDir();
    const store = new ProgressStore(dir, { debounceMs: 60_000 });
    store.flush();
    expect(readdirSync(dir)).toEqual([]);
    store.set('report', 'report.p-1');
    store.flush();
    expect(readFile(dir).documents.report.blockId).toBe('report.p-1');
    // The timer was cancelled by the flush: nothing fires later.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('moves an unreadable file aside and reports it through the user data notices', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, PROGRESS_FILE), '{"version": 1, "documents": {"report": {"blockId": ""}}}');
    const data = openUserData(dir, { now: clock });
    expect(data.progress.all()).toEqual({});
    expect(data.notices()).toEqual([
      {
        store: 'progress',
        movedTo: 'progress.corrupt-2024-03-04T05-06-07-000Z.json',
        reason: expect.any(String),
      },
    ]);
    expect(readdirSync(dir)).toEqual(['progress.corrupt-2024-03-04T05-06-07-000Z.json']);
  });

  it('reports a failed background write and keeps the position for the next try', () => {
    const dir = dataDir();
    const errors: unknown[] = [];
    const store = new ProgressStore(dir, { debounceMs: 10, onWriteError: (error) => errors.push(error) });
    expect(store.all()).toEqual({});
    // The folder disappears under the app and a file takes its name: writes now fail.
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'in the way');
    store.set('report', 'report.p-1');
    vi.advanceTimersByTime(10);
    expect(errors).toHaveLength(1);
    expect(store.get('report')?.blockId).toBe('report.p-1');
    expect(() => store.flush()).toThrow();
  });
});
