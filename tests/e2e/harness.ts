import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { readBundle } from '../../main/corpus/bundle-store.js';
import type { ParsedDocument } from '../../main/corpus/types.js';
import { DEFAULT_SETTINGS } from '../../main/settings/constants.js';

// Shared by the end-to-end tests: the built renderer in Debian's Chromium, served by the browser
// host (the same dispatch() and handlers as the Electron app) over the real bundle.

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const IN_CI = process.env.CI === 'true';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Run the e2e suites here; skip them (loudly) on a machine without Chromium, fail in CI. */
export const SKIP_E2E = !HAVE_CHROMIUM && !IN_CI;
/** expect.poll options: generous, so a loaded CI machine does not turn a slow frame into a failure. */
export const POLL = { timeout: 8000, interval: 50 } as const;

if (SKIP_E2E) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!!  E2E TESTS SKIPPED: ${CHROMIUM} is missing. Install it: apt-get install chromium fonts-noto-cjk`,
      '!!  (In CI these tests fail instead of skipping.)',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Builds the renderer (and the bundle if missing) once per test run, whichever e2e file gets there
 * first: the others wait for it, so no file ever serves a half-written dist/renderer.
 */
export async function ensureBuilt(): Promise<void> {
  if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run).`);
  const stamp = path.join(os.tmpdir(), `rr-e2e-build-${process.ppid}`);
  try {
    mkdirSync(`${stamp}.lock`);
  } catch {
    const deadline = Date.now() + 180_000;
    while (!existsSync(stamp)) {
      if (Date.now() > deadline) throw new Error('Timed out waiting for the renderer build.');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (readFileSync(stamp, 'utf8') !== 'ok')
      throw new Error('The renderer build failed (see another test file).');
    return;
  }
  try {
    // Always rebuild the renderer so the tests never run against a stale build.
    // NODE_ENV=test (set by vitest) would give React's development build: test what ships.
    execFileSync(npm, ['run', '--silent', 'build:renderer'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (!existsSync(path.join(ROOT, 'build', 'bundle', 'bundle.json'))) {
      execFileSync(npm, ['run', '--silent', 'build:bundle'], { cwd: ROOT, stdio: 'inherit' });
    }
    writeFileSync(stamp, 'ok');
  } catch (error) {
    writeFileSync(stamp, 'failed');
    throw error;
  } finally {
    rmSync(`${stamp}.lock`, { recursive: true, force: true });
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

export interface Host {
  url: string;
  dataDir: string;
  process: ChildProcess;
  stop(): void;
}

/** The browser host as its own process, exactly as `npm run dev:browser` starts it. */
export function startHost(dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-e2e-data-'))): Promise<Host> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/dev/browser-host.ts', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, REPORT_READER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], dataDir, process: child, stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output}`));
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Calls a channel on the host the way the page's bridge does (no page needed). */
export async function callHost(host: Host, channel: string, request?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/__reader/${encodeURIComponent(channel)}`, host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request }),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message ?? 'call failed');
  return envelope.value;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export interface OpenOptions {
  locale: string;
  colorScheme: 'light' | 'dark';
  width?: number;
  height?: number;
  /** Only for injecting axe-core, an inline script the app's CSP rightly refuses. */
  bypassCSP?: boolean;
  /** Path and hash after the host's root, e.g. '#/read/report'. */
  at?: string;
  /** What to wait for before returning (default: the library's cards). */
  waitFor?: string;
  /** Start from the default settings (the main process keeps them between contexts). Default true. */
  resetSettings?: boolean;
  /** Settings to apply on top of the defaults before the page loads. */
  settings?: Record<string, unknown>;
}

/** A fresh browser context (fresh storage) that records errors and any request leaving the host. */
export async function open(browser: Browser, host: Host, options: OpenOptions): Promise<Session> {
  if (options.resetSettings ?? true) {
    await callHost(host, 'settings:set', { ...DEFAULT_SETTINGS, ...options.settings });
  }
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale,
    colorScheme: options.colorScheme,
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(host.url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request left the host: ${request.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(new URL(options.at ?? '', host.url).href);
  await page
    .locator(options.waitFor ?? 'article.doc-card')
    .first()
    .waitFor();
  return { context, page, problems };
}

/** WCAG 2.0/2.1 A and AA violations axe-core finds on the page as it is now. */
export async function axeViolations(
  page: Page,
  mustPass: string[] = ['color-contrast', 'html-has-lang'],
): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  }
  const result = await page.evaluate(async () => {
    type AxeResult = { id: string; help: string; nodes: Array<{ target: unknown }> };
    const axe = (
      window as unknown as {
        axe: { run: (...args: unknown[]) => Promise<{ violations: AxeResult[]; passes: AxeResult[] }> };
      }
    ).axe;
    const run = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return { violations: run.violations, passed: run.passes.map((rule) => rule.id) };
  });
  // Proof that axe really checked what matters on this page.
  expect(result.passed).toEqual(expect.arrayContaining(mustPass));
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
}

export const background = (page: Page, selector = 'html') =>
  page.evaluate((sel) => getComputedStyle(document.querySelector(sel) as Element).backgroundColor, selector);

/** Relative luminance-ish brightness of an rgb() string, 0..255. */
export function brightness(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** The report as the bundle has it (the tests' source of ids and texts). */
export function bundledReport(): ParsedDocument {
  const report = readBundle(path.join(ROOT, 'build', 'bundle')).documents.find(
    (doc) => doc.meta.id === 'report',
  );
  if (report === undefined) throw new Error('no report in the bundle');
  return report;
}

/** The built renderer served by a fresh browser host, and Chromium; `stop` ends both. */
export async function startStack(): Promise<{ host: Host; browser: Browser; stop: () => Promise<void> }> {
  await ensureBuilt();
  const host = await startHost();
  const browser = await launchBrowser();
  return {
    host,
    browser,
    stop: async () => {
      await browser.close();
      host.stop();
    },
  };
}
