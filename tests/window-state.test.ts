import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_WINDOW_SIZE,
  resolveDataDir,
  saveWindowState,
  windowStateFile,
} from '../main/window-state.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'rr-window-'));

describe('resolveDataDir', () => {
  it('uses REPORT_READER_DATA_DIR when set, resolved to an absolute path', () => {
    expect(resolveDataDir({ REPORT_READER_DATA_DIR: '/tmp/rr' }, '/home/u/.config/rr')).toBe(
      path.resolve('/tmp/rr'),
    );
    expect(path.isAbsolute(resolveDataDir({ REPORT_READER_DATA_DIR: 'rel/dir' }, '/x'))).toBe(true);
  });

  it('falls back to the platform directory when the variable is unset or blank', () => {
    expect(resolveDataDir({}, '/home/u/.config/rr')).toBe('/home/u/.config/rr');
    expect(resolveDataDir({ REPORT_READER_DATA_DIR: '  ' }, '/home/u/.config/rr')).toBe('/home/u/.config/rr');
  });
});

describe('loadWindowState / saveWindowState', () => {
  it('round-trips a state through the data directory', () => {
    const file = windowStateFile(path.join(tempDir(), 'nested', 'dir'));
    const state = { x: 40, y: 60, width: 1400, height: 900, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    // No temporary files are left behind.
    expect(readdirSync(path.dirname(file))).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('returns the default when there is no file', () => {
    const file = windowStateFile(tempDir());
    expect(existsSync(file)).toBe(false);
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it.each([
    ['corrupt JSON', '{"width": 12'],
    ['wrong types', '{"width": "wide", "height": 800}'],
    ['negative size', '{"width": -5, "height": 800}'],
    ['an array', '[1, 2]'],
    ['null', 'null'],
  ])('returns the default for %s', (_name, content) => {
    const file = windowStateFile(tempDir());
    writeFileSync(file, content);
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('raises sizes below the minimum and drops a half position', () => {
    const file = windowStateFile(tempDir());
    writeFileSync(file, JSON.stringify({ x: 10, width: 300, height: 200 }));
    expect(loadWindowState(file)).toEqual({ ...MIN_WINDOW_SIZE, maximized: false });
  });
});

describe('fitToDisplays', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1080 };
  const secondary = { x: 1920, y: 0, width: 1280, height: 1024 };

  it('keeps a position that is on a display', () => {
    const state = { x: 100, y: 100, width: 1280, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary])).toEqual(state);
    const onSecond = { ...state, x: 2000 };
    expect(fitToDisplays(onSecond, [primary, secondary])).toEqual(onSecond);
  });

  it('forgets the position of a window left on a display that is gone', () => {
    const state = { x: 2000, y: 100, width: 1280, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary])).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('forgets a position whose title bar is above the screen', () => {
    const state = { x: 100, y: -500, width: 1280, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary]).x).toBeUndefined();
  });

  it('shrinks a window larger than the largest display', () => {
    const state = { width: 4000, height: 3000, maximized: false };
    expect(fitToDisplays(state, [secondary, primary])).toEqual({
      width: 1920,
      height: 1080,
      maximized: false,
    });
  });

  it('leaves the state alone when no display is known', () => {
    const state = { x: 5, y: 5, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(state, [])).toEqual(state);
  });
});
