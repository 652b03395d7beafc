import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST } from '../../main/corpus/manifest.js';
import {
  axeViolations,
  background,
  brightness,
  ensureBuilt,
  type Host,
  launchBrowser,
  type OpenOptions,
  open as openSession,
  POLL,
  SCREENSHOTS,
  SKIP_E2E,
  startHost,
} from './harness.js';

// End to end: the library view in Chromium, served by the browser host over the real bundle.

const LIBRARY_RULES = ['color-contrast', 'html-has-lang', 'label', 'list'];
let host: Host | undefined;
let browser: Browser | undefined;

function open(options: OpenOptions) {
  if (browser === undefined || host === undefined) throw new Error('no browser');
  return openSession(browser, host, options);
}

describe.skipIf(SKIP_E2E)('library (browser host + Chromium)', () => {
  beforeAll(async () => {
    await ensureBuilt();
    host = await startHost();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    host?.stop();
  });

  it('shows the five documents with their titles in both languages', async () => {
    const { page, context, problems } = await open({ locale: 'zh-CN', colorScheme: 'light' });
    await expect.poll(() => page.locator('article.doc-card').count(), POLL).toBe(MANIFEST.length);
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
      expect(await axeViolations(page, LIBRARY_RULES)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `library-${theme}-1280x800.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `library-${theme}-full.png`), fullPage: true });
      await page.getByText('English', { exact: true }).click();
      expect(await axeViolations(page, LIBRARY_RULES)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('opens a text from its card and comes back to the library', async () => {
    const { page, context, problems } = await open({ locale: 'zh-CN', colorScheme: 'light' });
    await page.locator('article[data-doc-id="paper"] h2 a').click();
    await page.locator('main .para').first().waitFor();
    expect(new URL(page.url()).hash).toBe('#/read/paper');
    expect(await page.locator('.reader-header__doc').textContent()).toBe(
      MANIFEST.find((doc) => doc.id === 'paper')?.title.zh,
    );
    await page.getByRole('button', { name: '文库' }).click();
    await page.locator('article.doc-card').first().waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    // A text that has been opened offers to continue.
    await expect
      .poll(() => page.locator('article[data-doc-id="paper"] .doc-card__action').textContent())
      .toContain('继续阅读');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says so when the settings file was unreadable, and keeps the damaged copy', async () => {
    if (browser === undefined) throw new Error('no browser');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-e2e-corrupt-'));
    writeFileSync(path.join(dataDir, 'settings.json'), '{"theme": "dark", oops');
    const damaged = await startHost(dataDir);
    try {
      const { page, context, problems } = await openSession(browser, damaged, {
        locale: 'zh-CN',
        colorScheme: 'light',
        resetSettings: false,
      });
      const notice = page.locator('.store-notice');
      await notice.waitFor();
      const copy = readdirSync(dataDir).find((name) => name.startsWith('settings.corrupt-'));
      expect(copy).toMatch(/^settings\.corrupt-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/);
      expect(await notice.textContent()).toContain(copy);
      expect(readFileSync(path.join(dataDir, copy ?? ''), 'utf8')).toBe('{"theme": "dark", oops');
      await notice.getByRole('button', { name: '知道了' }).click();
      expect(await notice.count()).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      damaged.stop();
    }
  });

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
