import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoreFolder } from '../../main/annotations/store.js';
import type { Block, Section } from '../../main/corpus/types.js';
import {
  axeViolations,
  bundledReport,
  callHost,
  type Host,
  type OpenOptions,
  open as openSession,
  POLL,
  SKIP_E2E,
  screenshotPath,
  startHost,
  startStack,
} from './harness.js';

// End to end, in Chromium through the browser host (the same handlers and store as the app):
// select text, highlight it with a colour and a Markdown note with tags, see it in the text, edit
// it in the sidebar, delete it and undo, bookmark a section, export Markdown and CSV (read from the
// data folder), import JSON, reload and find everything still there. Axe in light and dark with the
// sidebar open; screenshots at 1280×800.

let host: Host | undefined;
let browser: Browser | undefined;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;

const report = bundledReport();

function sectionByTitle(title: string): Section {
  const walk = (list: readonly Section[]): Section | undefined => {
    for (const s of list) {
      if (s.title === title) return s;
      const found = walk(s.children);
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(report?.sections ?? []);
  if (!found) throw new Error(`no section ${title}`);
  return found;
}

const INSURANCE = sectionByTitle('保险服务');
const insuranceIds = new Set<string>();
(function collect(s: Section) {
  insuranceIds.add(s.id);
  for (const c of s.children) collect(c);
})(INSURANCE);
/** Paragraphs of 保险服务 (p. 41) long enough to select in, without footnote markers. */
const paragraphs = report.blocks.filter(
  (b): b is Block =>
    b.type === 'paragraph' && insuranceIds.has(b.sectionId) && b.text.length > 60 && !b.footnoteRefs,
);
const PARA = paragraphs[0] as Block;
const PARA2 = paragraphs[1] as Block;
/** What the first test selects: characters 2–14 of the paragraph. */
const QUOTE = PARA.text.slice(2, 14);

function open(options: Partial<OpenOptions> = {}) {
  if (browser === undefined || host === undefined) throw new Error('no browser');
  return openSession(browser, host, {
    locale: 'zh-CN',
    colorScheme: 'light',
    at: `#/read/report/${PARA.id}`,
    waitFor: `[id="${PARA.id}"] [data-text-root]`,
    ...options,
  });
}

const byId = (id: string) => `[id="${id}"]`;

/** The host's store holds a text annotation of this block with this quote. */
async function isStored(blockId: string, quote: string): Promise<boolean> {
  if (host === undefined) throw new Error('no host');
  const stored = (await callHost(host, 'annotations:list', {})) as Array<{ targetId: string; quote: string }>;
  return stored.some((a) => a.targetId === blockId && a.quote === quote);
}

/**
 * In the page, characters [from, to) of a block's text as a DOM range (found by walking its text
 * nodes, footnote markers left out): either selected, or measured for a mouse drag. With `endId`,
 * the range ends at character `to` of that later block instead.
 */
function rangeIn(
  page: Page,
  blockId: string,
  from: number,
  to: number,
  mode: 'select' | 'measure',
  endId = blockId,
) {
  return page.evaluate(
    ({ id, from, to, mode, endId }) => {
      const rootOf = (blockId: string) => {
        const root = document.querySelector(`[id="${blockId}"] [data-text-root]`);
        if (!root) throw new Error('no text root');
        return root;
      };
      const at = (offset: number, root = rootOf(id)): [Node, number] => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) =>
            n.parentElement?.closest('.fn-ref') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
        });
        let seen = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const length = n.nodeValue?.length ?? 0;
          if (offset <= seen + length) return [n, offset - seen];
          seen += length;
        }
        throw new Error('offset past the text');
      };
      const range = (start: number, end: number) => {
        const r = document.createRange();
        r.setStart(...at(start));
        r.setEnd(...at(end, rootOf(endId)));
        return r;
      };
      if (mode === 'select') {
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range(from, to));
        return null;
      }
      const first = range(from, from + 1).getBoundingClientRect();
      const last = range(to - 1, to).getBoundingClientRect();
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    },
    { id: blockId, from, to, mode, endId },
  );
}

/** Drag the mouse over characters [from, to) of a block's text (on one line). */
async function dragSelect(page: Page, blockId: string, from: number, to: number): Promise<void> {
  const box = await rangeIn(page, blockId, from, to, 'measure');
  if (box === null) throw new Error('not measured');
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, box.y2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** Select characters [from, to) of a block's text the way a keyboard user ends up with a selection. */
async function selectProgrammatically(page: Page, blockId: string, from: number, to: number): Promise<void> {
  await rangeIn(page, blockId, from, to, 'select');
}

function exportsIn(dataDir: string, extension: string): string[] {
  const dir = path.join(dataDir, 'exports');
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(extension))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

const READER_RULES = ['color-contrast', 'html-has-lang', 'valid-lang', 'aria-required-children', 'list'];

describe.skipIf(SKIP_E2E)('annotations (browser host + Chromium)', () => {
  beforeAll(async () => {
    stack = await startStack();
    ({ host, browser } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('highlights, notes, edits, deletes and undoes, bookmarks, exports and keeps it all', async () => {
    if (host === undefined) throw new Error('no host');
    expect(paragraphs.length).toBeGreaterThan(1);
    const { page, context, problems } = await open();
    await page.locator('main.reading-pane[data-complete="true"]').waitFor();
    await page.waitForTimeout(1700);

    // Select with the mouse: the toolbar appears next to the selection.
    await dragSelect(page, PARA.id, 2, 14);
    const toolbar = page.getByRole('toolbar', { name: '批注所选文字' });
    await toolbar.waitFor();
    expect(await toolbar.getByRole('button').count()).toBe(7);
    // Every colour is named, with its underline style, not shown by colour alone.
    expect(
      await toolbar.getByRole('button', { name: '用绿色高亮（双线下划线）' }).getAttribute('title'),
    ).toMatch(/绿色.*双线/);
    await page.screenshot({ path: screenshotPath('highlight-toolbar') });

    // A note with Markdown and tags, in green.
    await toolbar.getByRole('button', { name: '笔记…' }).click();
    const composer = page.getByRole('dialog', { name: '新笔记' });
    await composer.waitFor();
    expect(await composer.locator('.hl-composer__quote').textContent()).toBe(QUOTE);
    // The colour's radio is visually hidden; its swatch (the label) is what is clicked.
    await composer.getByTitle('绿色，双线下划线').click();
    expect(await composer.getByRole('radio', { name: '绿色，双线下划线' }).isChecked()).toBe(true);
    await composer
      .getByRole('textbox', { name: '笔记' })
      .fill('**重点**：保险业稳步增长\n\n- 原保费收入\n- 赔付支出');
    const tags = composer
      .getByRole('combobox', { name: '标签' })
      .or(composer.getByRole('textbox', { name: '标签' }));
    await tags.fill('保险，');
    await tags.fill('增长');
    await tags.press('Enter');
    expect(await composer.locator('.tag-chip__text').allTextContents()).toEqual(['保险', '增长']);
    await page.screenshot({ path: screenshotPath('annotation-composer') });
    await composer.getByRole('button', { name: '保存笔记' }).click();

    // Drawn in the text: a green highlight (double underline) around exactly the selection.
    const highlight = page.locator(`${byId(PARA.id)} mark.hl.hl-green[data-annotation-id]`);
    await highlight.first().waitFor();
    expect((await highlight.allTextContents()).join('')).toBe(QUOTE);
    expect(await highlight.first().evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('double');
    // The note on hover.
    await highlight.first().hover();
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.isVisible(), POLL).toBe(true);
    expect(await tip.textContent()).toContain('重点');
    expect(await tip.locator('strong').first().textContent()).toBe('重点');
    await page.screenshot({ path: screenshotPath('annotation-tip') });

    // The keyboard way: a selection, Ctrl+Shift+H, then 3 for blue.
    await selectProgrammatically(page, PARA2.id, 0, 8);
    await page.keyboard.press('Control+Shift+H');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null), POLL)
      .toBe(true);
    await page.keyboard.press('3');
    const blue = page.locator(`${byId(PARA2.id)} mark.hl.hl-blue`);
    await blue.first().waitFor();
    expect((await blue.allTextContents()).join('')).toBe(PARA2.text.slice(0, 8));
    // Focus went to the new highlight: Enter opens it in the sidebar.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('hl-blue')), POLL)
      .toBe(true);

    // A click on the green highlight opens it in the sidebar.
    await page.mouse.move(5, 5);
    await highlight.first().click();
    const panel = page.locator('#annotations-panel');
    await panel.waitFor();
    const card = panel.locator('.ann-card.is-open');
    await card.waitFor();
    expect(await card.locator('.ann-card__quote').textContent()).toBe(QUOTE);
    expect(await card.locator('.ann-card__path').textContent()).toContain('保险服务');
    expect(await card.locator('.ann-card__page').textContent()).toBe('第41页');
    expect(await card.locator('.tag-pill').allTextContents()).toEqual(['保险', '增长']);
    expect(await card.locator('.note-text li').allTextContents()).toEqual(['原保费收入', '赔付支出']);

    // Edit the note, a tag and the colour in place.
    await card.getByRole('button', { name: '编辑笔记、标签和颜色' }).click();
    await card.getByRole('textbox', { name: '笔记' }).fill('**重点**：保险业稳步增长，*值得引用*');
    await card.getByRole('button', { name: '移除标签 增长' }).click();
    await card.getByTitle('紫色，波浪线下划线').click();
    await card.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => card.locator('.note-text em').textContent(), POLL).toBe('值得引用');
    expect(await card.locator('.tag-pill').allTextContents()).toEqual(['保险']);
    const purple = page.locator(`${byId(PARA.id)} mark.hl.hl-purple`);
    await purple.first().waitFor();
    expect(await purple.first().evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('wavy');

    // Delete, then undo with Ctrl+Z while the toast shows.
    const id = await card.getAttribute('data-annotation-id');
    await card.getByRole('button', { name: '删除' }).click();
    const toast = page.locator('.ann-toast');
    await toast.waitFor();
    expect((await toast.textContent())?.replace(/\s+/g, '')).toMatch(/^已删除·撤销/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('annotation-undo-toast') });
    await expect.poll(() => page.locator(`${byId(PARA.id)} mark.hl`).count(), POLL).toBe(0);
    expect(await panel.locator(`[data-annotation-id="${id}"]`).count()).toBe(0);
    await page.locator('main.reading-pane').focus();
    await page.keyboard.press('Control+Z');
    await purple.first().waitFor();
    expect((await purple.allTextContents()).join('')).toBe(QUOTE);
    await panel.locator(`[data-annotation-id="${id}"]`).waitFor();
    expect(await toast.count()).toBe(0);

    // Bookmark the section being read.
    const bookmark = page.getByRole('button', { name: '为本节添加书签' });
    await bookmark.click();
    await expect
      .poll(() => page.getByRole('button', { name: '移除本节书签' }).getAttribute('aria-pressed'), POLL)
      .toBe('true');
    await panel.locator('.ann-card--bookmark').waitFor();
    expect(await panel.locator('.ann-card').count()).toBe(3);

    // Export Markdown, then CSV, with the sidebar's filters (this text).
    const exportButton = panel.getByRole('button', { name: '导出' });
    await exportButton.click();
    await panel.getByRole('button', { name: /^Markdown/ }).click();
    await expect.poll(() => exportsIn(host?.dataDir ?? '', '.md').length, POLL).toBe(1);
    const md = readFileSync(exportsIn(host.dataDir, '.md')[0] as string, 'utf8');
    expect(md).toContain(`> ${QUOTE}`);
    expect(md).toContain('保险服务');
    expect(md).toContain('第41页');
    expect(md).toContain(`report-reader://open?doc=report&block=${PARA.id}`);
    expect(md).toContain('值得引用');
    await expect.poll(() => page.locator('.ann-toast').textContent(), POLL).toMatch(/^已导出 3 条批注/);
    await exportButton.click();
    await panel.getByRole('button', { name: /^CSV/ }).click();
    await expect.poll(() => exportsIn(host?.dataDir ?? '', '.csv').length, POLL).toBe(1);
    const csv = readFileSync(exportsIn(host.dataDir, '.csv')[0] as string);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain(QUOTE);

    // Import a JSON export: merged without duplicates.
    await exportButton.click();
    await panel.getByRole('button', { name: /^JSON/ }).click();
    await expect.poll(() => exportsIn(host?.dataDir ?? '', '.json').length, POLL).toBe(1);
    mkdirSync(path.join(host.dataDir, 'imports'), { recursive: true });
    copyFileSync(
      exportsIn(host.dataDir, '.json')[0] as string,
      path.join(host.dataDir, 'imports', 'backup.json'),
    );
    await panel.getByRole('button', { name: '导入 JSON…' }).click();
    await expect
      .poll(() => page.locator('.ann-toast').textContent(), POLL)
      .toBe('已导入 backup.json：新增 0 条，更新 0 条，3 条未变');
    expect(await panel.locator('.ann-card').count()).toBe(3);
    // Another tool's file with an item we cannot read (a reply to an annotation): the rest is taken.
    const exported = JSON.parse(readFileSync(exportsIn(host.dataDir, '.json')[0] as string, 'utf8'));
    exported.items.push({ id: 'urn:x:reply', type: 'Annotation', motivation: 'replying', target: 'urn:x:1' });
    const mixed = path.join(host.dataDir, 'imports', 'mixed.json');
    writeFileSync(mixed, JSON.stringify(exported));
    utimesSync(mixed, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    await panel.getByRole('button', { name: '导入 JSON…' }).click();
    await expect
      .poll(() => page.locator('.ann-toast').textContent(), POLL)
      .toBe('已导入 mixed.json：新增 0 条，更新 0 条，3 条未变；1 条无法识别，未导入');
    expect(await panel.locator('.ann-card').count()).toBe(3);

    // Filters: colour and search.
    await panel.getByRole('button', { name: '只看紫色' }).click();
    expect(await panel.locator('.ann-card').count()).toBe(1);
    await panel.getByRole('button', { name: '全部颜色' }).click();
    await panel.getByRole('searchbox', { name: '搜索笔记和引文' }).fill('值得');
    expect(await panel.locator('.ann-card').count()).toBe(1);
    await panel.getByRole('searchbox', { name: '搜索笔记和引文' }).fill('');
    expect(problems).toEqual([]);
    await context.close();

    // A new page: everything comes back from the main process.
    const again = await open();
    await again.page
      .locator(`${byId(PARA.id)} mark.hl.hl-purple`)
      .first()
      .waitFor();
    expect((await again.page.locator(`${byId(PARA.id)} mark.hl`).allTextContents()).join('')).toBe(QUOTE);
    await again.page
      .locator(`${byId(PARA2.id)} mark.hl.hl-blue`)
      .first()
      .waitFor();
    // On disk in the data folder, as the store reads it (annotations.json plus its journal).
    const stored = await readStoreFolder(host.dataDir);
    expect(stored.collection.items).toHaveLength(3);
    expect(again.problems).toEqual([]);
    await again.context.close();
  });

  it('counts offsets in the block text across footnote markers and search marks; context menu; deep links', async () => {
    if (host === undefined) throw new Error('no host');
    // A paragraph with a footnote marker in its middle (its text is all BMP: offsets are the same
    // in code points and UTF-16 units).
    const block = report.blocks.find(
      (b) =>
        b.type === 'paragraph' &&
        b.footnoteRefs?.length === 1 &&
        (b.footnoteRefs[0]?.offset ?? 0) > 12 &&
        (b.footnoteRefs[0]?.offset ?? 0) < b.text.length - 12 &&
        [...b.text].length === b.text.length,
    );
    if (block === undefined) throw new Error('no paragraph with a footnote');
    const at = block.footnoteRefs?.[0]?.offset ?? 0;
    const { page, context, problems } = await open({
      at: `#/read/report/${block.id}`,
      waitFor: `[id="${block.id}"] .fn-ref`,
    });
    // Search for four Chinese characters next to the marker: they are marked in the paragraph.
    let termAt = at - 6;
    while (termAt < at + 2 && !/^\p{Script=Han}{4}$/u.test(block.text.slice(termAt, termAt + 4))) termAt++;
    const term = block.text.slice(termAt, termAt + 4);
    expect(term).toMatch(/^\p{Script=Han}{4}$/u);
    await page.keyboard.press('Control+f');
    await page.keyboard.type(term);
    // Results arrive as you type: wait for the answer to the whole term (an earlier, partial
    // answer re-renders the paragraph when the last one lands, and that would drop a selection).
    await page
      .locator('.search-results')
      .and(page.locator(`[data-query="${term}"]`))
      .waitFor();
    await expect
      .poll(
        async () => (await page.locator(`${byId(block.id)} mark.hit-mark`).allTextContents()).join(''),
        POLL,
      )
      .toContain(term);
    // Select across the marker and highlight with the keyboard (1 = yellow).
    await selectProgrammatically(page, block.id, at - 6, at + 6);
    await page.keyboard.press('Control+Shift+H');
    await page.getByRole('toolbar', { name: '批注所选文字' }).waitFor();
    await page.keyboard.press('1');
    const marks = page.locator(`${byId(block.id)} mark.hl-yellow`);
    await marks.first().waitFor();
    // The highlight is split by the marker (never around it), and the search marks are inside it.
    expect((await marks.allTextContents()).join('')).toBe(block.text.slice(at - 6, at + 6));
    expect(await page.locator(`${byId(block.id)} mark.hl-yellow .fn-ref`).count()).toBe(0);
    expect(await page.locator(`${byId(block.id)} mark.hl-yellow mark.hit-mark`).count()).toBeGreaterThan(0);
    const stored = (await callHost(host, 'annotations:list', {})) as Array<{
      targetId: string;
      quote: string;
    }>;
    expect(stored.find((a) => a.targetId === block.id)?.quote).toBe(block.text.slice(at - 6, at + 6));

    // The reader's context menu on a selection offers the same toolbar, centred where it was asked
    // for (here near the start of a longer selection).
    await page.keyboard.press('Escape');
    const toolbar = page.getByRole('toolbar', { name: '批注所选文字' });
    const rightClickOnSelection = async () => {
      await selectProgrammatically(page, block.id, 0, 12);
      const rect = await page.evaluate(() => {
        const r = window.getSelection()?.getRangeAt(0).getClientRects()[0];
        return r ? { x: r.left + 6, y: r.top + r.height / 2 } : null;
      });
      if (rect === null) throw new Error('no selection');
      await page.mouse.click(rect.x, rect.y, { button: 'right' });
      await toolbar.waitFor();
    };
    /** Where a floating box is, against the selection: it keeps that place as the text scrolls. */
    const placeOf = (selector: string) =>
      page.evaluate((css) => {
        const selection = window.getSelection()?.getRangeAt(0).getBoundingClientRect();
        const box = document.querySelector(css)?.getBoundingClientRect();
        return selection && box ? { x: Math.round(box.left), dy: Math.round(box.top - selection.top) } : null;
      }, selector);
    await rightClickOnSelection();
    const readingPane = page.locator('main.reading-pane');
    const before = await placeOf('.hl-toolbar');
    expect(before).not.toBeNull();
    await readingPane.evaluate((el) => el.scrollBy(0, 30));
    const kept = async () => {
      const now = await placeOf('.hl-toolbar');
      return (
        now !== null &&
        before !== null &&
        Math.abs(now.x - before.x) <= 1 &&
        Math.abs(now.dy - before.dy) <= 1
      );
    };
    await expect.poll(kept, POLL).toBe(true);
    // "Note…" after the scroll opens the composer by the selection, not where it used to be.
    await toolbar.getByRole('button', { name: '笔记…' }).click();
    const composer = page.getByRole('dialog', { name: '新笔记' });
    await composer.waitFor();
    const composerPlace = await placeOf('.hl-composer');
    expect(Math.abs(composerPlace?.dy ?? Number.POSITIVE_INFINITY)).toBeLessThan(120);
    await page.keyboard.press('Escape');
    await composer.waitFor({ state: 'hidden' });
    // Scrolled out of the pane, the selection takes its toolbar with it.
    await rightClickOnSelection();
    const scrolled = await readingPane.evaluate((el) => {
      const from = el.scrollTop;
      el.scrollBy(0, el.clientHeight * 2);
      return el.scrollTop - from;
    });
    expect(scrolled).toBeGreaterThan(300);
    await toolbar.waitFor({ state: 'hidden' });
    await readingPane.evaluate((el, by) => el.scrollBy(0, -by), scrolled);
    await rightClickOnSelection();
    await toolbar.getByRole('button', { name: '用粉色高亮（点线下划线）' }).click();
    await page
      .locator(`${byId(block.id)} mark.hl-pink`)
      .first()
      .waitFor();
    expect((await page.locator(`${byId(block.id)} mark.hl-pink`).allTextContents()).join('')).toBe(
      block.text.slice(0, 12),
    );

    // A report-reader:// link the main process received: the page asks for it when its window
    // gains focus, and goes there. (main/deeplink/* and the Electron glue are unit-tested.)
    const target = PARA2.id;
    let served = false;
    await page.route(
      (url) => url.pathname.endsWith('/navigation%3Apending'),
      async (route) => {
        if (served) return route.continue();
        served = true;
        await route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            ok: true,
            value: {
              docId: 'report',
              blockId: target,
              link: `report-reader://open?doc=report&block=${target}`,
            },
          }),
        });
      },
    );
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect
      .poll(
        () =>
          page.evaluate((id) => {
            const el = document.getElementById(id);
            const pane = document.querySelector('main.reading-pane');
            if (!el || !pane) return 9999;
            return Math.abs(el.getBoundingClientRect().top - pane.getBoundingClientRect().top);
          }, target),
        POLL,
      )
      .toBeLessThan(400);
    expect(served).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('highlights a selection across paragraphs, one highlight in each', async () => {
    if (host === undefined) throw new Error('no host');
    // Two paragraphs of one section, one after the other, without footnote markers.
    const plain = (b: Block | undefined): b is Block =>
      b?.type === 'paragraph' && !b.footnoteRefs && b.text.length > 30;
    const index = report.blocks.findIndex(
      (b, i) => plain(b) && plain(report.blocks[i + 1]) && report.blocks[i + 1]?.sectionId === b.sectionId,
    );
    const [first, second] = [report.blocks[index], report.blocks[index + 1]];
    if (!plain(first) || !plain(second)) throw new Error('no two paragraphs in a row');
    const { page, context, problems } = await open({
      at: `#/read/report/${first.id}`,
      waitFor: `[id="${second.id}"] [data-text-root]`,
    });
    await rangeIn(page, first.id, 5, 8, 'select', second.id);
    await page.keyboard.press('Control+Shift+H');
    await page.getByRole('toolbar', { name: '批注所选文字' }).waitFor();
    await page.keyboard.press('4');
    const inSecond = page.locator(`${byId(second.id)} mark.hl-pink`);
    await inSecond.first().waitFor();
    expect((await page.locator(`${byId(first.id)} mark.hl-pink`).allTextContents()).join('')).toBe(
      first.text.slice(5),
    );
    expect((await inSecond.allTextContents()).join('')).toBe(second.text.slice(0, 8));
    await expect.poll(() => page.locator('.ann-toast').textContent(), POLL).toContain('已高亮 2 段');
    expect(await isStored(first.id, first.text.slice(5))).toBe(true);
    expect(await isStored(second.id, second.text.slice(0, 8))).toBe(true);
    await page.screenshot({ path: screenshotPath('highlight-across-paragraphs') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('annotates a footnote like any passage, and marks search matches in it', async () => {
    if (host === undefined) throw new Error('no host');
    // The note on the survey behind 服务外包 figures, printed after its section's text.
    const note = report.blocks.find((b) => b.type === 'footnote' && b.text.includes('调查问卷'));
    if (note === undefined) throw new Error('no footnote on the survey');
    const { page, context, problems } = await open({
      at: `#/read/report/${note.id}`,
      waitFor: `[id="${note.id}"] [data-text-root]`,
    });
    await page.keyboard.press('Control+f');
    await page.keyboard.type('调查问卷');
    await page.locator('.search-results').and(page.locator('[data-query="调查问卷"]')).waitFor();
    await expect
      .poll(
        async () => (await page.locator(`${byId(note.id)} mark.hit-mark`).allTextContents()).join(''),
        POLL,
      )
      .toContain('调查问卷');
    // Highlight part of the note with the keyboard (2 = green): drawn in it, and stored.
    await selectProgrammatically(page, note.id, 2, 14);
    await page.keyboard.press('Control+Shift+H');
    await page.getByRole('toolbar', { name: '批注所选文字' }).waitFor();
    await page.keyboard.press('2');
    const green = page.locator(`${byId(note.id)} mark.hl-green`);
    await green.first().waitFor();
    expect((await green.allTextContents()).join('')).toBe(note.text.slice(2, 14));
    expect(await isStored(note.id, note.text.slice(2, 14))).toBe(true);
    await page.screenshot({ path: screenshotPath('footnote-highlight') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells the user once, in their language, that a damaged annotations file was recovered', async () => {
    if (browser === undefined) throw new Error('no browser');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-e2e-recover-'));
    writeFileSync(path.join(dataDir, 'annotations.json'), '{"items": [ this is not JSON');
    const damaged = await startHost(dataDir);
    try {
      const session = await openSession(browser, damaged, {
        locale: 'zh-CN',
        colorScheme: 'light',
        at: `#/read/report/${PARA.id}`,
        waitFor: `[id="${PARA.id}"] [data-text-root]`,
      });
      const notice = session.page.getByRole('alert').filter({ hasText: '批注文件已损坏' });
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(
        /批注文件已损坏。原文件已原样保存为 annotations\.corrupt-.*\.json。/,
      );
      await session.page.screenshot({ path: screenshotPath('annotations-recovered') });
      await notice.getByRole('button', { name: '知道了' }).click();
      expect(await notice.count()).toBe(0);
      // The damaged file was kept, untouched, next to the new one.
      expect(readdirSync(dataDir).some((name) => /^annotations\.corrupt-.*\.json$/.test(name))).toBe(true);
      // Told once: a reload does not repeat it.
      await session.page.reload();
      await session.page.locator(`[id="${PARA.id}"] [data-text-root]`).waitFor();
      await session.page.waitForTimeout(500);
      expect(await session.page.getByRole('alert').filter({ hasText: '批注文件已损坏' }).count()).toBe(0);
      expect(session.problems).toEqual([]);
      await session.context.close();
    } finally {
      damaged.stop();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no WCAG violations with the sidebar open (${theme}) and looks right`, async () => {
      const { page, context, problems } = await open({
        colorScheme: theme,
        bypassCSP: true,
        settings: { theme },
      });
      await page.locator('main.reading-pane[data-complete="true"]').waitFor();
      await page
        .locator(`${byId(PARA.id)} mark.hl`)
        .first()
        .waitFor();
      await page.getByRole('button', { name: '批注', exact: true }).click();
      await page.locator('#annotations-panel .ann-card').first().waitFor();
      // One card open, its highlight focused from the text.
      await page
        .locator(`${byId(PARA.id)} mark.hl[tabindex="0"]`)
        .first()
        .focus();
      await page.keyboard.press('Enter');
      await page.locator('#annotations-panel .ann-card.is-open').waitFor();
      await page.waitForTimeout(1700);
      expect(await axeViolations(page, [...READER_RULES, 'label', 'button-name'])).toEqual([]);
      await page.screenshot({ path: screenshotPath(`annotations-${theme}`) });
      // The editor and the toolbar pass too.
      await page
        .locator('#annotations-panel .ann-card.is-open')
        .getByRole('button', { name: '编辑笔记、标签和颜色' })
        .click();
      await dragSelect(page, PARA2.id, 10, 20);
      await page.getByRole('toolbar', { name: '批注所选文字' }).waitFor();
      expect(await axeViolations(page, ['color-contrast', 'label', 'button-name'])).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
