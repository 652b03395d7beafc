import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// Remembers the main window's size and position between runs, as JSON in the user data directory.
// No Electron here: main.ts passes in the displays' work areas and the window's bounds.

export const DATA_DIR_ENV = 'REPORT_READER_DATA_DIR';
export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent when the window should be centred by the system. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
/** Below this the library grid and toolbar stop fitting. */
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
/** How much of the title bar must be on some screen for a saved position to be reused. */
const VISIBLE_MARGIN = 48;

const StoredSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().optional(),
});

/** REPORT_READER_DATA_DIR when set (tests, portable use), else the platform's user data directory. */
export function resolveDataDir(env: NodeJS.ProcessEnv, fallback: string): string {
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? path.resolve(fromEnv) : fallback;
}

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, WINDOW_STATE_FILE);
}

function clampSize(state: WindowState): WindowState {
  return {
    ...state,
    width: Math.max(MIN_WINDOW_SIZE.width, state.width),
    height: Math.max(MIN_WINDOW_SIZE.height, state.height),
  };
}

/** The saved state, or the default when there is none or it cannot be read: never throws. */
export function loadWindowState(file: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const parsed = StoredSchema.safeParse(raw);
  if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
  const { x, y, width, height, maximized = false } = parsed.data;
  // A position is only meaningful with both coordinates.
  const position = x !== undefined && y !== undefined ? { x, y } : {};
  return clampSize({ ...position, width, height, maximized });
}

/** Writes through a temporary file and a rename so a crash never leaves half a JSON file behind. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * Adapts a saved state to the displays present now: a window whose title bar would be off every
 * screen (a monitor was unplugged) loses its position, and a window larger than every screen is
 * shrunk to the largest one.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const width = Math.min(state.width, largest.width);
  const height = Math.min(state.height, largest.height);
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar: Rect = { x: state.x, y: state.y, width, height: VISIBLE_MARGIN };
  const visible = workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared !== null && shared.width >= VISIBLE_MARGIN && shared.height >= VISIBLE_MARGIN / 2;
  });
  return visible ? { ...fitted, x: state.x, y: state.y } : fitted;
}
