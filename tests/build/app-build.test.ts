import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readerMethods } from '../../main/ipc/contract.js';

// `npm run build:main` for real: the Electron entry compiles to dist/main/main.js, and the preload
// becomes one CommonJS file that needs nothing but 'electron', as Electron's sandbox requires.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PRELOAD = path.join(ROOT, 'dist', 'preload.cjs');

beforeAll(() => {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:main'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
});

describe('build:main', () => {
  it('writes the entry point package.json names', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(existsSync(path.join(ROOT, pkg.main))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist', 'main', 'ipc', 'register.js'))).toBe(true);
  });

  it('bundles the preload as CommonJS that requires only electron', () => {
    const source = readFileSync(PRELOAD, 'utf8');
    expect([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual([
      'electron',
    ]);
    expect(source).not.toMatch(/^\s*import\s|^\s*export\s/m);
  });

  it('runs in a bare CommonJS context and exposes the contract methods', () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
      },
      ipcRenderer: { invoke: async () => ({ ok: true, value: null }) },
    };
    const require = (name: string) => {
      if (name !== 'electron') throw new Error(`the sandbox cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), { require, module, exports: module.exports, console });
    expect([...exposed.keys()]).toEqual(['reader']);
    expect(Object.keys(exposed.get('reader') ?? {}).sort()).toEqual(
      readerMethods()
        .map((m) => m.method)
        .sort(),
    );
  });
});
