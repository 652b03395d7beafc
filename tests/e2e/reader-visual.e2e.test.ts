import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  SKIP_E2E,
  screenshotPath,
  startHost,
} from './harness.js';

// Accessibility (axe-core, WCAG 2.0/2.1 A and AA) of the library, the reading view and the search
// panel in the light, dark and sepia themes, and the screenshots of each at 1280×800 (and the
// contents drawer at 900 px) in test-results/screenshots/.

const READER_RULES = ['color-contrast', 'html-has-lang', 'valid-lang', 'aria-required-children', 'list'];
const THEMES = ['light', 'dark', 'sepia'] as const;

let host: Host | undefined;
let browser: Browser | undefined;

function open(options: Partial<OpenOptions> & { theme: (typeof THEMES)[number] }) {
  if (browser === undefined || host === undefined) throw new Error('no browser');
  return openSession(browser, host, {
    locale: 'zh-CN',
    colorScheme: options.theme === 'dark' ? 'dark' : 'light',
    at: '#/read/report',
    waitFor: '[role="treeitem"]',
    bypassCSP: true,
    settings: { theme: options.theme },
    ...options,
  });
}

async function goToSection(page: Page, title: string, level: number): Promise<void> {
  await page.locator('main.reading-pane[data-complete="true"]').waitFor();
  const item = page.locator(`[role="treeitem"][aria-level="${level}"]`, { hasText: title }).first();
  await item.locator(':scope > .toc-row').click();
  // Let the landing highlight fade before a screenshot.
  await page.waitForTimeout(1700);
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );
}

describe.skipIf(SKIP_E2E)('accessibility and screenshots (browser host + Chromium)', () => {
  beforeAll(async () => {
    await ensureBuilt();
    host = await startHost();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    host?.stop();
  });

  for (const theme of THEMES) {
    it(`has no WCAG violations in the ${theme} theme: library, reading view, search`, async () => {
      const { page, context, problems } = await open({ theme, at: '', waitFor: 'article.doc-card' });
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      expect(await axeViolations(page, ['color-contrast', 'html-has-lang', 'label', 'list'])).toEqual([]);
      if (theme === 'sepia') await page.screenshot({ path: screenshotPath('library-sepia-1280x800') });

      await page.locator('article[data-doc-id="report"] h2 a').click();
      await page.locator('[role="treeitem"]').first().waitFor();
      const where = {
        light: ['保险服务', 2],
        dark: ['环境服务', 2],
        sepia: ['中国服务贸易发展特点与趋势', 2],
      } as const;
      await goToSection(page, where[theme][0], where[theme][1]);
      const paper = brightness(await background(page, 'main.reading-pane'));
      if (theme === 'dark') expect(paper).toBeLessThan(60);
      else expect(paper).toBeGreaterThan(200);
      await noHorizontalOverflow(page);
      expect(await axeViolations(page, READER_RULES)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`reader-${theme}`) });

      // The search view: results in the panel, the hit opened and marked in the text.
      await page.keyboard.press('Control+f');
      await page.keyboard.type('insurance');
      await expect.poll(() => page.locator('.search-results .hit').count(), POLL).toBeGreaterThan(3);
      await page.keyboard.press('Enter');
      await page.locator('main mark.hit-mark--active').first().waitFor();
      await page.waitForTimeout(1700);
      await noHorizontalOverflow(page);
      expect(await axeViolations(page, [...READER_RULES, 'label'])).toEqual([]);
      await page.screenshot({ path: screenshotPath(`search-${theme}`) });

      // The settings panel and a footnote open, in English too.
      await page.getByRole('button', { name: '阅读设置' }).click();
      expect(await axeViolations(page, ['color-contrast', 'label'])).toEqual([]);
      await page.getByRole('dialog', { name: '阅读设置' }).getByText('English', { exact: true }).click();
      await page.keyboard.press('Escape');
      await page.locator('main .fn-ref__button').first().click();
      await page.getByRole('dialog', { name: /^Footnote/ }).waitFor();
      expect(await axeViolations(page, READER_RULES)).toEqual([]);
      if (theme === 'light') await page.screenshot({ path: screenshotPath('footnote-en-light') });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('is usable at 900 px wide: the contents become a drawer, nothing overflows', async () => {
    const { page, context, problems } = await open({ theme: 'light', width: 900, waitFor: 'main .para' });
    // The drawer starts closed and the text takes the width.
    expect(await page.locator('#toc-pane').count()).toBe(0);
    await noHorizontalOverflow(page);
    const toggle = page.getByRole('button', { name: /^(显示|隐藏)目录$/ });
    await toggle.click();
    const drawer = page.locator('#toc-pane');
    await drawer.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Focus moves into the tree; Enter on an item goes there and closes the drawer.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('treeitem');
    await noHorizontalOverflow(page);
    expect(await axeViolations(page, READER_RULES)).toEqual([]);
    await page.screenshot({ path: screenshotPath('toc-narrow-900') });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect.poll(() => drawer.count(), POLL).toBe(0);
    // Esc closes it too.
    await page.getByRole('button', { name: '显示目录' }).click();
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count(), POLL).toBe(0);
    // The search panel fits beside the text.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('数字贸易');
    await expect.poll(() => page.locator('.search-results .hit').count(), POLL).toBeGreaterThan(0);
    await noHorizontalOverflow(page);
    await page.waitForTimeout(1700);
    await page.screenshot({ path: screenshotPath('search-narrow-900') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
