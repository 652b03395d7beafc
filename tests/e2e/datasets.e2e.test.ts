import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../main/corpus/types.js';
import { citeDataset } from '../../main/datasets/export.js';
import { CLIPBOARD_FILE } from '../../main/datasets/host-files.js';
import {
  axeViolations,
  bundledReport,
  type Host,
  type OpenOptions,
  open as openSession,
  POLL,
  SKIP_E2E,
  screenshotPath,
  startStack,
} from './harness.js';

// End to end: the report's tables as data in Chromium through the browser host — the list and its
// filter, sorting, the three kinds of chart and their legend, export (files land in the host's
// data folder, its stand-in for the save dialog), the citation (the host's clipboard file), and
// the links between the data view and the text, both ways. Plus axe and screenshots.

let host: Host | undefined;
let browser: Browser | undefined;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;

const report = bundledReport();
const datasetOf = (id: string): Dataset => {
  const found = report.datasets.find((d) => d.id === id);
  if (!found) throw new Error(`no dataset ${id}`);
  return found;
};
const byId = (id: string) => `[id="${id}"]`;

function open(options: Partial<OpenOptions> = {}) {
  if (browser === undefined || host === undefined) throw new Error('no browser');
  return openSession(browser, host, {
    locale: 'zh-CN',
    colorScheme: 'light',
    at: '#/data',
    waitFor: '.data-item',
    ...options,
  });
}

function exportsDir(): string {
  if (host === undefined) throw new Error('no host');
  return path.join(host.dataDir, 'exports');
}

/** The toast's message once it says the file was saved, and the file's path. */
async function savedFile(page: Page, name: string): Promise<string> {
  await expect.poll(() => page.locator('.data-toast').textContent(), POLL).toBe(`已保存 ${name}`);
  const file = path.join(exportsDir(), name);
  expect(existsSync(file), file).toBe(true);
  return file;
}

const chart = (page: Page) => page.locator('.chart[role="img"]');

/** Rows' first cells, as shown. */
const rowLabels = (page: Page) => page.locator('.dt:not(.dt--summary) tbody th').allTextContents();

/** Brings the chart card into view, for screenshots. */
async function showChart(page: Page): Promise<void> {
  await page
    .locator('.data-card')
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // The chart's entry animation is short; let it finish.
  await page.waitForTimeout(700);
}

/** Where an element is relative to the reading pane's top, in pixels. */
function offsetInPane(page: Page, selector: string): Promise<number | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const pane = document.querySelector('main.reading-pane');
    if (el === null || pane === null) return null;
    return el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  }, selector);
}

describe.skipIf(SKIP_E2E)('data view (browser host + Chromium)', () => {
  beforeAll(async () => {
    stack = await startStack();
    ({ host, browser } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is reached from the library and lists every table, filterable', async () => {
    const { page, context, problems } = await open({ at: '', waitFor: 'article.doc-card' });
    await page.locator('.library-data-link').click();
    await page.locator('.data-item').first().waitFor();
    expect(page.url()).toMatch(/#\/data$/);
    const items = page.locator('.data-list .data-item');
    expect(await items.count()).toBe(8);
    expect(await items.locator('.data-item__number').allTextContents()).toEqual(
      report.datasets.map((d) => d.number),
    );
    // Without an id the first table is shown.
    expect(await page.locator('.dataset__title').textContent()).toBe(datasetOf('table-2-1').title);
    expect(await page.locator('.data-header button').first().textContent()).toBe('文库');

    const filter = page.getByRole('searchbox', { name: '筛选数据表' });
    await filter.fill('3-');
    await expect.poll(() => items.count(), POLL).toBe(4);
    expect(await page.locator('.data-list__count').textContent()).toBe('4 / 8 张表');
    await filter.fill('eurostat');
    await expect
      .poll(() => items.locator('.data-item__number').allTextContents(), POLL)
      .toEqual(['表 2-1', '表 2-2']);
    // The English titles are searched too.
    await filter.fill('free trade');
    await expect.poll(() => items.locator('.data-item__number').allTextContents(), POLL).toEqual(['表 3-1']);
    await filter.fill('没有这张表');
    await expect.poll(() => items.count(), POLL).toBe(0);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => items.count(), POLL).toBe(8);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sorts by any column, by mouse and keyboard, with aria-sort', async () => {
    const { page, context, problems } = await open({ at: '#/data/table-2-4' });
    const dataset = datasetOf('table-2-4');
    expect(await rowLabels(page)).toEqual(dataset.rows.map((r) => r[0]));
    // Headers carry the unit; numbers are right-aligned with separators; null is an em dash.
    const headers = page.locator('.dt:not(.dt--summary) thead th');
    expect(await headers.allTextContents()).toEqual([
      '国家',
      '2014（亿美元）',
      '2020（亿美元）',
      '年均增长率（%）',
    ]);
    const philippines = page.locator('.dt tbody tr', { hasText: '菲律宾' });
    expect(await philippines.locator('td').last().textContent()).toBe('—');
    expect(
      await philippines
        .locator('td')
        .first()
        .evaluate((el) => getComputedStyle(el).textAlign),
    ).toBe('end');

    const growth = headers.nth(3);
    await growth.getByRole('button').click();
    expect(await growth.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await rowLabels(page);
    expect(ascending.slice(0, 4)).toEqual(['智利', '秘鲁', '俄罗斯', '中国']);
    // Missing values last.
    expect(ascending[ascending.length - 1]).toBe('菲律宾');
    // Keyboard: the header is a button; Enter reverses.
    await growth.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await growth.getAttribute('aria-sort')).toBe('descending');
    const descending = await rowLabels(page);
    expect(descending.slice(0, 2)).toEqual(['新西兰', '印尼']);
    expect(descending[descending.length - 1]).toBe('菲律宾');
    // A third time: the printed order, and no column claims a sort.
    await page.keyboard.press('Space');
    expect(await growth.getAttribute('aria-sort')).toBeNull();
    expect(await rowLabels(page)).toEqual(dataset.rows.map((r) => r[0]));
    // Sorting by the label column: pinyin order.
    await headers.nth(0).getByRole('button').click();
    expect((await rowLabels(page)).slice(0, 3)).toEqual(['澳大利亚', '俄罗斯', '菲律宾']);
    // The summary block printed under the table, labelled.
    const summary = page.getByRole('region', { name: /合计/ });
    expect(await summary.locator('tbody th').allTextContents()).toEqual(
      dataset.summary?.rows.map((r) => r[0]),
    );
    expect(await summary.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      '3,886',
      '4,921',
      '4.02',
    ]);
    // Header row and first column stay in view while the table scrolls.
    expect(await headers.first().evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    expect(
      await page
        .locator('.dt tbody th')
        .first()
        .evaluate((el) => getComputedStyle(el).position),
    ).toBe('sticky');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws a line chart, toggles a series from its legend, and saves CSV, PNG and SVG', async () => {
    const { page, context, problems } = await open({ at: '#/data/table-2-2' });
    const figure = chart(page);
    expect(await figure.getAttribute('data-chart-kind')).toBe('line');
    expect(await figure.getAttribute('aria-label')).toMatch(
      /^折线图：表 2-2 欧盟 28 国环境产品与服务业发展状况。2 个系列：产值、增加值。2008—2017 年，共 10 个年份。最低 241,569 百万欧元（增加值，2009），最高 807,285 百万欧元（产值，2017）。/u,
    );
    await figure.locator('svg').waitFor();
    // Axis titles in the interface language.
    await expect.poll(() => figure.locator('svg text', { hasText: '年份' }).count(), POLL).toBe(1);
    expect(await figure.locator('svg text', { hasText: '单位：百万欧元' }).count()).toBe(1);
    const shapes = () => figure.locator('svg path').count();
    const before = await shapes();
    const legend = page.getByRole('list', { name: '系列（按下可显示或隐藏）' });
    const valueAdded = legend.getByRole('button', { name: '增加值' });
    expect(await valueAdded.getAttribute('aria-pressed')).toBe('true');
    await valueAdded.click();
    expect(await valueAdded.getAttribute('aria-pressed')).toBe('false');
    expect(await figure.getAttribute('data-series-shown')).toBe('1');
    await expect.poll(shapes, POLL).toBeLessThan(before);
    await valueAdded.press('Enter');
    expect(await valueAdded.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(shapes, POLL).toBe(before);

    // A tooltip with values and units, styled without inline styles (the CSP would refuse them).
    const box = await figure.boundingBox();
    if (box === null) throw new Error('no chart box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('.chart-tip');
    await expect.poll(() => tip.textContent(), POLL).toMatch(/产值.*百万欧元.*增加值.*百万欧元/u);

    const name = '表 2-2 欧盟 28 国环境产品与服务业发展状况';
    await page.getByRole('button', { name: 'CSV' }).click();
    const csv = readFileSync(await savedFile(page, `${name}.csv`), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('年份,产值 (百万欧元),增加值 (百万欧元)');
    expect(csv.split('\r\n')[1]).toBe('2008,609693,247133');

    await page.getByRole('button', { name: 'JSON' }).click();
    const json = JSON.parse(readFileSync(await savedFile(page, `${name}.json`), 'utf8')) as { id: string };
    expect(json.id).toBe('table-2-2');

    await page.getByRole('button', { name: 'PNG' }).click();
    const png = readFileSync(await savedFile(page, `${name}.png`));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // Twice the export width (1200 CSS pixels): IHDR width at byte 16.
    expect(png.readUInt32BE(16)).toBe(2400);

    await page.getByRole('button', { name: 'SVG' }).click();
    const svg = readFileSync(await savedFile(page, `${name}.svg`), 'utf8');
    // Parsed in a blank page: a document parsed under the app's CSP reports its style attributes.
    const blank = await context.newPage();
    const parsed = await blank.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        root: doc.documentElement.nodeName,
        error: doc.querySelector('parsererror') !== null,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      };
    }, svg);
    expect(parsed.root).toBe('svg');
    expect(parsed.error).toBe(false);
    // The picture carries its title, legend and source.
    expect(parsed.texts).toEqual(
      expect.arrayContaining([`表 2-2 ${datasetOf('table-2-2').title}`, '产值', '增加值']),
    );
    expect(parsed.texts.some((t) => t.startsWith('资料来源：Eurostat'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws grouped bars with a measure chooser, and a heat map with value labels', async () => {
    const { page, context, problems } = await open({ at: '#/data/table-3-1' });
    const figure = chart(page);
    expect(await figure.getAttribute('data-chart-kind')).toBe('bar');
    const legend = page.getByRole('list', { name: '系列（按下可显示或隐藏）' });
    expect(await legend.getByRole('button').count()).toBe(4);
    // The changes are in percentage points: their own measure, not on the % axis.
    await page.getByText('百分点', { exact: true }).click();
    await expect.poll(() => legend.getByRole('button').count(), POLL).toBe(2);
    await expect.poll(() => figure.locator('svg text', { hasText: '单位：百分点' }).count(), POLL).toBe(1);
    // Bars carry decal patterns (readable without colour).
    expect(await figure.locator('svg pattern').count()).toBeGreaterThan(0);

    await page.locator('.data-item[data-dataset-id="table-3-2"]').click();
    await expect.poll(() => chart(page).getAttribute('data-chart-kind'), POLL).toBe('heatmap');
    const heat = chart(page);
    await expect.poll(() => heat.locator('svg text', { hasText: '5.26' }).count(), POLL).toBeGreaterThan(0);
    // 100 cells, each labelled with its value; the scale's ends labelled too.
    const labels = await heat.locator('svg text').allTextContents();
    expect(labels.filter((t) => /^-?\d+\.\d\d$/.test(t)).length).toBe(100);
    expect(labels).toEqual(expect.arrayContaining(['5.26%', '-3.22%']));
    expect(await heat.getAttribute('aria-label')).toMatch(
      /^热力图：表 3-2 .*10×10 矩阵.*最低 -3.22%（世界 × 欧盟），最高 5.26%（欧盟 × APEC）/u,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('copies the citation in the interface language', async () => {
    const { page, context, problems } = await open({ at: '#/data/table-2-4' });
    await page.getByRole('button', { name: '复制引用' }).first().click();
    await expect.poll(() => page.locator('.data-toast').textContent(), POLL).toBe('已复制引用。');
    const clipboard = path.join(host?.dataDir ?? '', CLIPBOARD_FILE);
    expect(readFileSync(clipboard, 'utf8')).toBe(citeDataset(datasetOf('table-2-4'), report.meta, 'zh'));
    await context.close();

    const english = await open({ at: '#/data/table-2-4', locale: 'en', settings: { uiLocale: 'en' } });
    await english.page.getByRole('button', { name: 'Copy citation' }).first().click();
    await expect.poll(() => english.page.locator('.data-toast').textContent(), POLL).toBe('Citation copied.');
    expect(readFileSync(clipboard, 'utf8')).toBe(citeDataset(datasetOf('table-2-4'), report.meta, 'en'));
    // The English interface: English axis titles and units, the English title (our translation).
    expect(await english.page.locator('.dataset__english').textContent()).toContain(
      'Trade in products on the APEC List of Environmental Goods',
    );
    await expect
      .poll(() => chart(english.page).locator('svg text', { hasText: 'Unit: 100 million USD' }).count(), POLL)
      .toBe(1);
    expect(problems).toEqual([]);
    expect(english.problems).toEqual([]);
    await english.context.close();
  });

  it('links the data view and the text both ways', async () => {
    const dataset = datasetOf('table-3-3');
    const { page, context, problems } = await open({ at: `#/data/${dataset.id}` });
    // Data → text: the reader opens at the table.
    await page.getByRole('button', { name: '在正文中查看' }).click();
    await page.locator(byId(dataset.blockId)).waitFor();
    await expect.poll(() => offsetInPane(page, byId(dataset.blockId)), POLL).toBeLessThan(120);
    expect(await offsetInPane(page, byId(dataset.blockId))).toBeGreaterThanOrEqual(-10);

    // Text → data: another table's "open as data" button, visible above it.
    const other = datasetOf('table-2-4');
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#/read/report/${other.blockId}`);
    const button = page.locator(`${byId(other.blockId)} .table-action`);
    await button.waitFor();
    await expect.poll(() => button.isVisible(), POLL).toBe(true);
    expect(await button.textContent()).toBe(`以数据查看 ${other.number}`);
    await expect
      .poll(() => offsetInPane(page, `${byId(other.blockId)} .table-action`), POLL)
      .toBeLessThan(200);
    await button.click();
    await page.locator('.dataset__title').waitFor();
    expect(page.url()).toMatch(/#\/data\/table-2-4$/);
    expect(await page.locator('.dataset__title').textContent()).toBe(other.title);
    expect(await page.locator('.data-item[aria-current="page"]').getAttribute('data-dataset-id')).toBe(
      other.id,
    );
    // "Back to the text" returns to that table.
    await page.getByRole('button', { name: '返回正文' }).click();
    await page.locator(byId(other.blockId)).waitFor();
    await expect.poll(() => offsetInPane(page, byId(other.blockId)), POLL).toBeLessThan(120);
    // The reader's header leads to the data view too.
    await page.getByRole('button', { name: '数据表', exact: true }).click();
    await page.locator('.dataset__title').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('takes a search hit on a table to the table, its "open as data" in view', async () => {
    const { page, context, problems } = await open({ at: '#/read/report', waitFor: '[role="treeitem"]' });
    await page.locator('main').focus();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('APEC 环境产品清单产品贸易发展状况');
    const hit = page.locator('.search-results .hit', { hasText: '表格' }).first();
    await hit.waitFor();
    await hit.click();
    const dataset = datasetOf('table-2-4');
    const button = page.locator(`${byId(dataset.blockId)} .table-action`);
    await button.waitFor();
    await expect
      .poll(async () => {
        const offset = await offsetInPane(page, `${byId(dataset.blockId)} .table-action`);
        return offset !== null && offset >= 0 && offset < 740;
      }, POLL)
      .toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('has no axe violations in %s, and looks right', async (scheme) => {
    const { page, context, problems } = await open({
      at: '#/data/table-2-1',
      colorScheme: scheme,
      bypassCSP: true,
    });
    for (const [id, kind] of [
      ['table-2-1', 'line'],
      ['table-2-4', 'bars'],
      ['table-3-2', 'heatmap'],
    ] as const) {
      await page.locator(`.data-item[data-dataset-id="${id}"]`).click();
      await expect.poll(() => page.locator('.dataset__title').textContent(), POLL).toBe(datasetOf(id).title);
      await chart(page).locator('svg').waitFor();
      expect(await axeViolations(page), `${id} ${scheme}`).toEqual([]);
      await showChart(page);
      await page.screenshot({ path: screenshotPath(`data-${kind}-${scheme}`) });
    }
    // The chart follows the theme: dark text on light, light text on dark.
    const fill = await chart(page).locator('svg text').first().getAttribute('fill');
    const [r = 0, g = 0, b = 0] = (fill?.match(/\d+/g) ?? []).map(Number);
    const light = 0.299 * r + 0.587 * g + 0.114 * b > 128;
    expect(light).toBe(scheme === 'dark');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('redraws the chart when the theme changes', async () => {
    const { page, context, problems } = await open({ at: '#/data/table-2-1' });
    await chart(page).locator('svg path[stroke-width="2.5"]').first().waitFor({ state: 'attached' });
    const stroke = () =>
      chart(page).locator('svg path[fill="none"][stroke-width="2.5"]').first().getAttribute('stroke');
    const before = await stroke();
    // The entry animation over, everything drawn.
    await page.waitForTimeout(600);
    const shapes = await chart(page).locator('svg path').count();
    await page.getByText('深色', { exact: true }).click();
    await expect.poll(stroke, POLL).not.toBe(before);
    // Repainted whole: the same line, points and axes, in the new colours.
    await page.waitForTimeout(600);
    await page.screenshot({ path: screenshotPath('data-theme-switch-dark') });
    expect(await chart(page).locator('svg path').count()).toBe(shapes);
    expect(problems).toEqual([]);
    await context.close();
  });
});
