// Makes sure Electron's runtime binary is present before `npm start` launches the app.
// Installs may skip the ~100 MB download (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as CI does); the first
// `npm start` then fetches it with Electron's own installer, once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether the electron package in `electronDir` has its runtime: path.txt names the executable
 * and the executable exists under dist/ (or ELECTRON_OVERRIDE_DIST_PATH).
 * @param {string} electronDir
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ installed: boolean, executable?: string }}
 */
export function electronRuntimeStatus(electronDir, env = process.env) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { installed: false };
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return { installed: false };
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const executable = path.join(distDir, relative);
  return existsSync(executable) ? { installed: true, executable } : { installed: false, executable };
}

/**
 * Runs electron's install.js in `electronDir`. The skip variable is removed for this one run: the
 * user asked to start the app, so the download is wanted now.
 * @param {string} electronDir
 * @returns {number} the installer's exit code
 */
export function runElectronInstaller(electronDir) {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

/**
 * @param {{ electronDir: string, install?: (dir: string) => number, log?: (line: string) => void }} options
 * @returns {number} process exit code
 */
export function ensureElectron({ electronDir, install = runElectronInstaller, log = console.log }) {
  if (electronRuntimeStatus(electronDir).installed) return 0;
  log('');
  log('Report Reader needs the Electron runtime, which is not installed yet.');
  log('Downloading it now (about 100 MB, only this once)…');
  log('');
  const code = install(electronDir);
  if (code === 0 && electronRuntimeStatus(electronDir).installed) {
    log('Electron runtime installed.');
    return 0;
  }
  log('');
  log('Could not install the Electron runtime. Check the network connection (or set ELECTRON_MIRROR /');
  log('HTTPS_PROXY), then run `npm start` again. Offline, the UI can still be tried in a browser with');
  log('`npm run build && npm run dev:browser`.');
  return code === 0 ? 1 : code;
}

function electronPackageDir() {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('electron/package.json'));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = ensureElectron({ electronDir: electronPackageDir() });
}
