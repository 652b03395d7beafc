import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronRuntimeStatus, ensureElectron } from '../../main/build/ensure-electron.mjs';

// A stand-in electron package directory: the installer is replaced by a function that writes (or
// fails to write) what the real install.js writes, so no download is attempted.

function fakeElectronDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rr-electron-'));
}

function installInto(dir: string): void {
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'path.txt'), 'electron');
  writeFileSync(path.join(dir, 'dist', 'electron'), '');
}

describe('electronRuntimeStatus', () => {
  it('is missing without path.txt', () => {
    expect(electronRuntimeStatus(fakeElectronDir(), {}).installed).toBe(false);
  });

  it('is missing when path.txt names an executable that is not there', () => {
    const dir = fakeElectronDir();
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(electronRuntimeStatus(dir, {})).toEqual({
      installed: false,
      executable: path.join(dir, 'dist', 'electron'),
    });
  });

  it('is installed when the executable exists', () => {
    const dir = fakeElectronDir();
    installInto(dir);
    expect(electronRuntimeStatus(dir, {}).installed).toBe(true);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = fakeElectronDir();
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    const override = fakeElectronDir();
    writeFileSync(path.join(override, 'electron'), '');
    expect(electronRuntimeStatus(dir, { ELECTRON_OVERRIDE_DIST_PATH: override }).installed).toBe(true);
  });
});

describe('ensureElectron', () => {
  it('does nothing when the runtime is there', () => {
    const dir = fakeElectronDir();
    installInto(dir);
    const lines: string[] = [];
    let installs = 0;
    const code = ensureElectron({
      electronDir: dir,
      install: () => ++installs && 0,
      log: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(installs).toBe(0);
    expect(lines).toEqual([]);
  });

  it('explains, then runs the installer when the runtime is missing', () => {
    const dir = fakeElectronDir();
    const lines: string[] = [];
    const code = ensureElectron({
      electronDir: dir,
      install: (target) => {
        installInto(target);
        return 0;
      },
      log: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/Downloading it now/);
    expect(electronRuntimeStatus(dir, {}).installed).toBe(true);
  });

  it('fails with advice when the installer fails or installs nothing', () => {
    const failing: string[] = [];
    expect(
      ensureElectron({ electronDir: fakeElectronDir(), install: () => 7, log: (l) => failing.push(l) }),
    ).toBe(7);
    expect(failing.join('\n')).toMatch(/Could not install the Electron runtime/);
    expect(ensureElectron({ electronDir: fakeElectronDir(), install: () => 0, log: () => {} })).toBe(1);
  });
});
