import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST } from '../../main/corpus/manifest.js';

// End to end: the built renderer in Debian's Chromium, served by the browser host (the same
// dispatch() and handlers as the Electron app) over the real bundle.

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const IN_CI = process.env.CI === 'true';
const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM && !IN_CI) {
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
let hostProcess: ChildProcess | undefined;
let hostUrl = '';
let browser: Browser | undefined;

function startHost(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/dev/browser-host.ts', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, REPORT_READER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hostProcess = child;
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
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

interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A fresh browser context (fresh storage) that records errors and any request leaving the host. */
async function open(options: {
  locale: string;
  colorScheme: 'light' | 'dark';
  width?: number;
  /** Only for injecting axe-core, an inline script the app's CSP rightly refuses. */
  bypassCSP?: boolean;
}): Promise<Session> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 800 },
    locale: options.locale,
    colorScheme: options.colorScheme,
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(hostUrl).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request left the host: ${request.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(hostUrl);
  await page.locator('article.doc-card').first().waitFor();
  return { context, page, problems };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
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
  // Proof that axe really checked the page: contrast, language, form labels and list structure.
  expect(result.passed).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'label', 'list']));
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
}

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
/** Relative luminance-ish brightness of an rgb() string, 0..255. */
function brightness(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('library (browser host + Chromium)', () => {
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run).`);
    // Always rebuild the renderer so the test never runs against a stale build.
    execFileSync(npm, ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
    if (!existsSync(path.join(ROOT, 'build', 'bundle', 'bundle.json'))) {
      execFileSync(npm, ['run', '--silent', 'build:bundle'], { cwd: ROOT, stdio: 'inherit' });
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    hostUrl = await startHost(mkdtempSync(path.join(os.tmpdir(), 'rr-e2e-data-')));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    hostProcess?.kill('SIGTERM');
  });

  it('shows the five documents with their titles in both languages', async () => {
    const { page, context, problems } = await open({ locale: 'zh-CN', colorScheme: 'light' });
    await expect.poll(() => page.locator('article.doc-card').count()).toBe(MANIFEST.length);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('文库');
    for (const doc of MANIFEST) {
      const card = page.locator(`article[data-doc-id="${doc.id}"]`);
      expect(await card.locator('h2').textContent()).toBe(doc.title.zh);
      expect(await card.locator('h2').getAttribute('lang')).toBe('zh-CN');
      expect(await card.locator('[lang="en"]').first().textContent()).toBe(doc.title.en);
      expect(await card.textContent()).toContain(doc.description.zh);
      expect(await card.locator('.kind-badge').textContent()).toBe(
        { report: '报告', paper: '论文', article: '新闻' }[doc.kind],
      );
      // Four counts, each a number.
      expect(await card.locator('.doc-stat dd').allTextContents()).toHaveLength(4);
      for (const count of await card.locator('.doc-stat dd').allTextContents())
        expect(count).toMatch(/^[\d,]+$/);
    }
    // The report has real content: sections, passages and tables.
    const reportCounts = await page.locator('article[data-doc-id="report"] .doc-stat dd').allTextContents();
    expect(reportCounts.slice(0, 3).every((n) => Number(n.replace(/,/g, '')) > 0)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches the UI language and keeps the choice after a reload', async () => {
    const { page, context, problems } = await open({ locale: 'zh-CN', colorScheme: 'light' });
    await page.getByText('English', { exact: true }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Library');
    const report = MANIFEST.find((doc) => doc.id === 'report');
    const card = page.locator('article[data-doc-id="report"]');
    expect(await card.locator('h2').textContent()).toBe(report?.title.en);
    expect(await card.locator('[lang="zh-CN"]').first().textContent()).toBe(report?.title.zh);
    expect(await card.locator('.kind-badge').textContent()).toBe('Report');
    await page.reload();
    await page.locator('article.doc-card').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Library');
    await page.getByText('中文', { exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('文库');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows the system theme by default and toggles light and dark', async () => {
    const { page, context, problems } = await open({ locale: 'zh-CN', colorScheme: 'dark' });
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    expect(brightness(await background(page))).toBeLessThan(60);
    await page.getByText('浅色', { exact: true }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(brightness(await background(page))).toBeGreaterThan(200);
    await page.getByText('深色', { exact: true }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(brightness(await background(page))).toBeLessThan(60);
    await page.getByText('跟随系统', { exact: true }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('enforces the CSP: inline script is refused', async () => {
    const { page, context, problems } = await open({ locale: 'zh-CN', colorScheme: 'light' });
    await expect(page.addScriptTag({ content: 'window.injected = true;' })).rejects.toThrow(
      /Content Security Policy/,
    );
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    expect(problems.some((problem) => problem.includes('Content Security Policy'))).toBe(true);
    await context.close();
  });

  it('can be operated from the keyboard', async () => {
    const { page, context } = await open({ locale: 'zh-CN', colorScheme: 'light' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    // Into the theme group (focus lands on the checked radio), then arrow to the next choice.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await context.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no WCAG 2.1 AA violations in the ${theme} theme, in Chinese and English`, async () => {
      const { page, context, problems } = await open({
        locale: 'zh-CN',
        colorScheme: theme,
        bypassCSP: true,
      });
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `library-${theme}-1280x800.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `library-${theme}-full.png`), fullPage: true });
      await page.getByText('English', { exact: true }).click();
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('is usable at 900 px wide: nothing overflows sideways', async () => {
    const { page, context } = await open({ locale: 'en-US', colorScheme: 'light', width: 900 });
    expect(await page.locator('h1').textContent()).toBe('Library');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    for (const box of await page
      .locator('article.doc-card')
      .evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(900);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'library-en-900-full.png'), fullPage: true });
    await context.close();
  });
});
