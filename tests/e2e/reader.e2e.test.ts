import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_LIMIT } from '../../renderer/src/search/search-controller.js';
import {
  bundledReport,
  callHost,
  ensureBuilt,
  type Host,
  launchBrowser,
  type OpenOptions,
  open as openSession,
  POLL,
  SKIP_E2E,
  startHost,
  startStack,
} from './harness.js';

// End to end: reading the report in Chromium through the browser host — the contents tree by
// keyboard, search and its marks, footnotes, tables, shortcuts, history, and settings and the
// reading position surviving a reload.

let host: Host | undefined;
let browser: Browser | undefined;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;

const report = bundledReport();
const sectionId = (title: string) => {
  const walk = (list: typeof report.sections): string | undefined => {
    for (const s of list) {
      if (s.title === title) return s.id;
      const found = walk(s.children);
      if (found) return found;
    }
    return undefined;
  };
  const id = walk(report.sections);
  if (id === undefined) throw new Error(`no section ${title}`);
  return id;
};
const INSURANCE = sectionId('保险服务');

function open(options: Partial<OpenOptions> = {}) {
  if (browser === undefined || host === undefined) throw new Error('no browser');
  return openSession(browser, host, {
    locale: 'zh-CN',
    colorScheme: 'light',
    at: '#/read/report',
    waitFor: '[role="treeitem"]',
    ...options,
  });
}

/** Where an element is relative to the reading pane's top, in pixels (negative: above it). */
function offsetInPane(page: Page, selector: string): Promise<number | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const pane = document.querySelector('main.reading-pane');
    if (el === null || pane === null) return null;
    return el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  }, selector);
}

const byId = (id: string) => `[id="${id}"]`;

async function focusedTreeItemTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el?.getAttribute('role') !== 'treeitem') return null;
    return el.querySelector(':scope > .toc-row .toc-row__title')?.textContent ?? null;
  });
}

describe.skipIf(SKIP_E2E)('reading view (browser host + Chromium)', () => {
  beforeAll(async () => {
    stack = await startStack();
    ({ host, browser } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('opens the report from the library with its contents tree and the text in Chinese', async () => {
    const { page, context, problems } = await open({ at: '', waitFor: 'article.doc-card' });
    await page.locator('article[data-doc-id="report"] h2 a').click();
    await page.locator('[role="treeitem"]').first().waitFor();
    const main = page.locator('main#main');
    expect(await main.getAttribute('lang')).toBe('zh-CN');
    expect(await main.getAttribute('aria-label')).toBe(report.meta.title.zh);
    // English blocks keep their language.
    const english = report.blocks.find((b) => b.lang === 'en' && b.type === 'paragraph');
    expect(await page.locator(byId(english?.id ?? '')).getAttribute('lang')).toBe('en');
    // The tree: parts at level 1, open; chapters at level 2 with printed pages.
    const tree = page.getByRole('tree', { name: '目录' });
    const parts = tree.locator(':scope > [role="treeitem"]');
    expect(await parts.count()).toBe(report.sections.length);
    const insurance = tree.locator(`[role="treeitem"][data-section-id="${INSURANCE}"]`);
    expect(await insurance.getAttribute('aria-level')).toBe('2');
    expect(await insurance.getAttribute('aria-expanded')).toBe('false');
    expect(await insurance.locator(':scope > .toc-row .toc-row__page [aria-hidden]').textContent()).toBe(
      '41',
    );
    expect(await tree.locator('[role="group"]').count()).toBeGreaterThan(0);
    // One tab stop in the whole tree.
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
    // Every block on screen carries its id.
    const ids = await page
      .locator('main [data-block-id]')
      .evaluateAll((els) => els.map((el) => [el.id, (el as HTMLElement).dataset.blockId]));
    expect(ids.length).toBeGreaterThan(10);
    for (const [id, blockId] of ids) expect(id).toBe(blockId);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('goes to 保险服务 with the keyboard alone and shows it highlighted', async () => {
    const { page, context, problems } = await open();
    // Tab from the top of the page into the tree.
    for (let i = 0; i < 15 && (await focusedTreeItemTitle(page)) === null; i++)
      await page.keyboard.press('Tab');
    expect(await focusedTreeItemTitle(page)).not.toBeNull();
    await page.keyboard.press('Home');
    expect(await focusedTreeItemTitle(page)).toBe('封面');
    for (let i = 0; i < 60 && (await focusedTreeItemTitle(page)) !== '保险服务'; i++)
      await page.keyboard.press('ArrowDown');
    expect(await focusedTreeItemTitle(page)).toBe('保险服务');
    // → opens the chapter, ← closes it again, → then ↓ steps into it, ← goes back to the parent.
    const item = page.locator(`[role="treeitem"][data-section-id="${INSURANCE}"]`);
    await page.keyboard.press('ArrowRight');
    expect(await item.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTreeItemTitle(page)).toBe('一、发展现状');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTreeItemTitle(page)).toBe('保险服务');
    await page.keyboard.press('ArrowLeft');
    expect(await item.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    // The chapter's heading is at the top of the pane…
    await expect.poll(() => offsetInPane(page, byId(INSURANCE)), POLL).toBeLessThan(60);
    expect(await offsetInPane(page, byId(INSURANCE))).toBeGreaterThanOrEqual(0);
    expect(await page.locator(`h2${byId(INSURANCE)}`).textContent()).toContain('保险服务');
    // …and selected in the tree and named in the breadcrumb.
    await expect.poll(() => item.getAttribute('aria-selected'), POLL).toBe('true');
    expect(await page.locator('[role="treeitem"][aria-selected="true"]').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: '当前位置' }).textContent()).toContain('保险服务');
    // Focus stayed in the tree for further moves.
    expect(await focusedTreeItemTitle(page)).toBe('保险服务');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('searches as you type, opens a hit and marks the words in the text', async () => {
    const { page, context, problems } = await open();
    await page.locator('main').focus();
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: '搜索文本' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('insurance');
    const status = page.locator('.search-summary__count');
    await expect.poll(() => status.textContent(), POLL).toMatch(/^\d+ 段匹配该词语/);
    expect(await page.locator('.search-summary__understood').textContent()).toMatch(/insurance → .*保险/);
    const hits = page.locator('.search-results .hit');
    expect(await hits.count()).toBeGreaterThan(5);
    // The first screenful comes at once, the rest a frame later, all in the order F3 walks them
    // (data-hit-index counts up the list).
    if (host === undefined) throw new Error('no host');
    const answer = (await callHost(host, 'search:query', { query: 'insurance', limit: SEARCH_LIMIT })) as {
      hits: unknown[];
    };
    expect(answer.hits.length).toBeGreaterThan(24);
    await expect.poll(() => hits.count(), POLL).toBe(answer.hits.length);
    const indexes = await hits.evaluateAll((els) =>
      els.map((el) => Number(el.getAttribute('data-hit-index'))),
    );
    expect(indexes).toEqual([...indexes.keys()]);
    // Highlighted snippets are real <mark> elements.
    expect(await hits.first().locator('mark').count()).toBeGreaterThan(0);
    // Enter opens the first hit: its block is in view with the matches marked.
    await page.keyboard.press('Enter');
    const active = page.locator('main mark.hit-mark--active');
    await expect.poll(() => active.count(), POLL).toBeGreaterThan(0);
    expect(await active.first().textContent()).toContain('保险');
    const firstBlock = await active.first().evaluate((el) => el.closest('[data-block-id]')?.id ?? '');
    const offset = (await offsetInPane(page, byId(firstBlock))) ?? -1;
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(700);
    expect(await page.locator('.search-steps__position').textContent()).toMatch(/^第 1 \/ \d+ 处$/);
    // F3 moves to the next hit, Shift+F3 back.
    await page.keyboard.press('F3');
    await expect.poll(() => page.locator('.search-steps__position').textContent(), POLL).toMatch(/^第 2 \//);
    // The marks in the text follow the list (a render later): the active ones move to the next passage.
    const activeBlock = () =>
      page
        .locator('main mark.hit-mark--active')
        .first()
        .evaluate((el) => el.closest('[data-block-id]')?.id ?? '');
    await expect.poll(activeBlock, POLL).not.toBe(firstBlock);
    const secondBlock = await activeBlock();
    expect(secondBlock).not.toBe(firstBlock);
    // Back (Alt+←) returns to the previous hit's passage.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect
      .poll(async () => Math.abs((await offsetInPane(page, byId(firstBlock))) ?? 9999))
      .toBeLessThan(700);
    // A query no passage fully matches says so.
    await box.fill('保险 xyzzyq');
    await expect.poll(() => status.textContent(), POLL).toBe('没有段落匹配全部词语，以下为最接近的结果');
    // Esc closes the panel and the marks go with it (the text's marks are a deferred render, so a
    // frame or two later).
    await box.press('Escape');
    await expect.poll(() => page.locator('#search-panel').count(), POLL).toBe(0);
    await expect.poll(() => page.locator('main mark').count(), POLL).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('filters search to one text and ignores answers to older queries', async () => {
    const { page, context, problems } = await open();
    await page.keyboard.press('Control+f');
    await page.getByRole('combobox', { name: '搜索范围' }).selectOption('paper');
    // Typing fast: whatever arrives, the list ends up answering the last query only.
    await page.getByRole('searchbox').pressSequentially('数字贸易', { delay: 15 });
    await expect.poll(() => page.locator('.search-summary__count').textContent(), POLL).toMatch(/段/);
    // Every group (passages with all the terms, then the close ones) is from the paper.
    const titles = await page.locator('.search-group__title > span:first-child').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).toBe('我国服务贸易发展成就、现实挑战与政策建议');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens a footnote in place and closes it with Esc, returning focus to its marker', async () => {
    const { page, context, problems } = await open();
    const cited = report.blocks.find((b) => b.type === 'paragraph' && (b.footnoteRefs?.length ?? 0) >= 2);
    const ref = cited?.footnoteRefs?.[0];
    const note = report.blocks.find((b) => b.id === ref?.footnoteId);
    if (cited === undefined || ref === undefined || note === undefined)
      throw new Error('no footnote in the report');
    // Footnotes are not in the flow: they are collected as notes after their section.
    expect(await page.locator(`.section-note${byId(note.id)}`).count()).toBeLessThanOrEqual(1);
    await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), cited.id);
    const marker = page.locator(`${byId(cited.id)} button[data-footnote-id="${ref.footnoteId}"]`);
    await marker.waitFor();
    expect(await marker.textContent()).toBe(ref.marker);
    expect(await marker.evaluate((el) => el.closest('sup') !== null)).toBe(true);
    await marker.click();
    const popover = page.getByRole('dialog', { name: `脚注 ${ref.marker}` });
    await popover.waitFor();
    expect(await popover.textContent()).toContain(note.text);
    expect(await marker.getAttribute('aria-expanded')).toBe('true');
    expect(await popover.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await popover.count()).toBe(0);
    expect(await marker.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await marker.getAttribute('aria-expanded')).toBe('false');
    // "Show among the notes" jumps to the note; back returns to the passage.
    await marker.click();
    await page.getByRole('button', { name: '在注释中查看' }).click();
    await expect
      .poll(async () => (await offsetInPane(page, byId(note.id))) ?? -1, POLL)
      .toBeGreaterThanOrEqual(0);
    expect(await page.locator(`.section-note${byId(note.id)}`).textContent()).toContain(note.text);
    await page.getByRole('button', { name: '后退' }).click();
    await expect
      .poll(async () => Math.abs((await offsetInPane(page, byId(cited.id))) ?? 9999))
      .toBeLessThan(400);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('renders the tables as real tables with caption, headers, aligned numbers and source', async () => {
    const { page, context, problems } = await open();
    const dataset = report.datasets.find((d) => d.number === '表 2-1');
    if (dataset === undefined) throw new Error('no 表 2-1');
    await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), dataset.blockId);
    const table = page.locator(`${byId(dataset.blockId)} table`);
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toContain('表 2-1');
    expect(await table.locator('caption').textContent()).toContain(dataset.title);
    expect(await table.locator('thead th').allTextContents()).toEqual(dataset.columns.map((c) => c.label));
    expect(await table.locator('tbody tr').count()).toBe(dataset.rows.length);
    const firstNumber = table.locator('tbody td.num').first();
    expect(await firstNumber.textContent()).toBe(String(dataset.rows[0]?.[1]));
    expect(await firstNumber.evaluate((el) => getComputedStyle(el).textAlign)).toMatch(/right|end/);
    expect(await table.locator('tbody th[scope="row"]').first().textContent()).toBe(
      String(dataset.rows[0]?.[0]),
    );
    // The source printed under the table follows it.
    const source = await page
      .locator(byId(dataset.blockId))
      .evaluate((el) => el.nextElementSibling?.textContent ?? '');
    expect(source).toContain(dataset.source ?? '');
    // A figure says its data is not in the text.
    const figure = report.figures[0];
    await page.evaluate((id) => document.getElementById(id ?? '')?.scrollIntoView(), figure?.blockId);
    const box = page.locator(`figure${byId(figure?.blockId ?? '')}`);
    expect(await box.locator('figcaption').textContent()).toContain(figure?.caption ?? '');
    expect(await box.textContent()).toContain('图表及其数据不在原文中');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('scrolls with PgDn and Space, steps sections with [ and ], and lists the shortcuts on ?', async () => {
    const { page, context, problems } = await open();
    await page.locator('main.reading-pane[data-complete="true"]').waitFor();
    // From the cover, the start of the text.
    await page.locator('[role="treeitem"][aria-level="1"] > .toc-row').first().click();
    const pageHeight = await page.locator('main.reading-pane').evaluate((el) => el.clientHeight);
    // The passage at the top before each key, followed by its offset from the pane's top.
    const top = () =>
      page.evaluate(() => {
        const pane = document.querySelector('main.reading-pane') as HTMLElement;
        const y = pane.getBoundingClientRect().top + 8;
        return (
          [...pane.querySelectorAll<HTMLElement>('[data-block-id]')].find(
            (el) => el.getBoundingClientRect().bottom > y,
          )?.id ?? ''
        );
      });
    await page.locator('main').focus();
    const first = await top();
    await page.keyboard.press('PageDown');
    // One screen down, less a line of overlap.
    const moved = -((await offsetInPane(page, byId(first))) ?? 0);
    expect(moved).toBeGreaterThan(pageHeight * 0.7);
    expect(await top()).not.toBe(first);
    const second = await top();
    await page.keyboard.press('Space');
    expect(-((await offsetInPane(page, byId(second))) ?? 0)).toBeGreaterThan(pageHeight * 0.7);
    await page.keyboard.press('PageUp');
    expect(await top()).toBe(second);
    // ] goes to the start of the next part or chapter, [ to the previous one.
    await page.locator('[role="treeitem"][aria-level="1"] > .toc-row').first().click();
    await page.locator('main').focus();
    await page.keyboard.press(']');
    const selected = () =>
      page.locator('[role="treeitem"][aria-selected="true"] > .toc-row .toc-row__title').textContent();
    await expect.poll(selected, POLL).toBe('综述篇');
    await page.keyboard.press(']');
    await expect.poll(selected, POLL).toBe('中国服务贸易发展特点与趋势');
    await page.keyboard.press('[');
    await expect.poll(selected, POLL).toBe('综述篇');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: '键盘快捷键' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Alt');
    expect(await help.textContent()).toContain('F3');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible(), POLL).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the passage being read in place when the text size, spacing or width changes', async () => {
    const { page, context, problems } = await open();
    await page.locator('main.reading-pane[data-complete="true"]').waitFor();
    await page.locator(`[role="treeitem"][data-section-id="${INSURANCE}"] > .toc-row`).click();
    await expect.poll(() => offsetInPane(page, byId(INSURANCE)), POLL).toBeLessThan(40);
    await page.waitForTimeout(300);
    const before = (await offsetInPane(page, byId(INSURANCE))) ?? Number.NaN;
    await page.getByRole('button', { name: '阅读设置' }).click();
    const panel = page.getByRole('dialog', { name: '阅读设置' });
    for (let i = 0; i < 4; i++) await panel.getByRole('button', { name: '放大字号' }).click();
    await panel.getByText('宋体', { exact: true }).click();
    await panel.getByRole('slider', { name: '行距' }).press('ArrowRight');
    await panel.getByRole('slider', { name: '每行字数' }).press('ArrowLeft');
    expect(await page.locator('.reader-article').evaluate((el) => getComputedStyle(el).fontSize)).toBe(
      '22px',
    );
    expect(Math.abs(((await offsetInPane(page, byId(INSURANCE))) ?? 999) - before)).toBeLessThan(3);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches the interface to English while the text stays Chinese', async () => {
    const { page, context, problems } = await open();
    await page.getByRole('button', { name: '阅读设置' }).click();
    await page.getByRole('dialog', { name: '阅读设置' }).getByText('English', { exact: true }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main#main').getAttribute('lang')).toBe('zh-CN');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('button', { name: 'Library' }).count()).toBe(1);
    expect(await page.getByRole('tree', { name: 'Contents' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Reading settings' }).count()).toBe(1);
    // The UI strings inside the Chinese text are marked as English.
    const pageLabel = page.locator('main .heading__page').first();
    expect(await pageLabel.getAttribute('lang')).toBe('en');
    expect(await pageLabel.textContent()).toMatch(/^p\. \d+$/);
    await page.keyboard.press('Control+f');
    await page.keyboard.type('保险 数字化');
    await expect
      .poll(() => page.locator('.search-summary__count').textContent())
      .toMatch(/^\d+ passages? match(es)? every term/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe.skipIf(SKIP_E2E)('settings and reading position across a reload', () => {
  let ownHost: Host | undefined;
  let ownBrowser: Browser | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    ownHost = await startHost();
    ownBrowser = await launchBrowser();
  });

  afterAll(async () => {
    await ownBrowser?.close();
    ownHost?.stop();
  });

  it('keeps theme, text size and position, saved by the main process', async () => {
    const browser = ownBrowser;
    if (ownHost === undefined || browser === undefined) throw new Error('no host');
    const session = await openSession(browser, ownHost, {
      locale: 'zh-CN',
      colorScheme: 'light',
      at: '#/read/report',
      waitFor: '[role="treeitem"]',
    });
    const { page } = session;
    await page.getByRole('button', { name: '阅读设置' }).click();
    const panel = page.getByRole('dialog', { name: '阅读设置' });
    await panel.getByText('深色', { exact: true }).click();
    await panel.getByRole('button', { name: '放大字号' }).click();
    await panel.getByRole('button', { name: '放大字号' }).click();
    await page.keyboard.press('Escape');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const fontSize = () => page.locator('.reader-article').evaluate((el) => getComputedStyle(el).fontSize);
    expect(await fontSize()).toBe('20px');
    // Read somewhere in the middle: the contents, then a little further down.
    await page.locator(`[role="treeitem"][data-section-id="${INSURANCE}"] > .toc-row`).click();
    await page.locator('main').focus();
    await page.keyboard.press('PageDown');
    // The position reaches the main process once scrolling settles.
    let saved = '';
    await expect
      .poll(
        async () => {
          const progress = (await callHost(ownHost as Host, 'progress:get')) as Record<
            string,
            { blockId: string }
          >;
          saved = progress.report?.blockId ?? '';
          // The saved passage is the first one reaching below the pane's top reading line (where a
          // jump puts its target, 24 px down).
          const onTopLine = await page.evaluate((id) => {
            const pane = document.querySelector('main.reading-pane') as HTMLElement;
            const line = pane.getBoundingClientRect().top + 25;
            const first = [...pane.querySelectorAll<HTMLElement>('[data-block-id]')].find(
              (el) => el.getBoundingClientRect().bottom > line,
            );
            return first?.id === id;
          }, saved);
          return saved !== '' && onTopLine;
        },
        { timeout: 5000 },
      )
      .toBe(true);
    const settings = (await callHost(ownHost, 'settings:get')) as {
      settings: { theme: string; fontSize: number };
    };
    await expect
      .poll(
        async () => ((await callHost(ownHost as Host, 'settings:get')) as typeof settings).settings.fontSize,
      )
      .toBe(20);
    expect(settings.settings.theme).toBe('dark');

    // A reload, and then a brand-new browser profile: both come back to the same place and look.
    await page.reload();
    await page.locator('[role="treeitem"]').first().waitFor();
    await expect
      .poll(async () => Math.abs((await offsetInPane(page, byId(saved))) ?? 9999), POLL)
      .toBeLessThan(40);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await fontSize()).toBe('20px');
    expect(session.problems).toEqual([]);
    await session.context.close();

    const fresh = await openSession(browser, ownHost, {
      locale: 'zh-CN',
      colorScheme: 'light',
      at: '#/read/report',
      waitFor: '[role="treeitem"]',
      resetSettings: false,
    });
    await expect.poll(() => fresh.page.locator('html').getAttribute('data-theme'), POLL).toBe('dark');
    await expect
      .poll(() => fresh.page.locator('.reader-article').evaluate((el) => getComputedStyle(el).fontSize))
      .toBe('20px');
    // Still in place once the whole text has rendered around it.
    await fresh.page.locator('main.reading-pane[data-complete="true"]').waitFor();
    expect(Math.abs((await offsetInPane(fresh.page, byId(saved))) ?? 9999)).toBeLessThan(40);
    expect(fresh.problems).toEqual([]);
    await fresh.context.close();
  });
});
