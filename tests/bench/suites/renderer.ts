import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureFreshBundle } from '../../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir } from '../../../main/corpus/bundle-store.js';
import { startBrowserHost } from '../../../main/dev/browser-host.js';
import type { BenchSuite, Measurements } from '../index.js';
import { percentile, round } from '../stats.js';

// The reading view in headless Chromium through the browser host (the app's real handlers over
// HTTP): how soon the report's first paragraph is on screen, how soon a click in the contents
// shows its section, how soon a keystroke in the search box shows results, and the page's heap.
// Times are taken inside the page (performance.now(), event.timeStamp, requestAnimationFrame), so
// they measure what the user would see, not the test driver's round trips.

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LOAD_RUNS = 9;
/** Generous: a benchmark on a busy machine should report slow numbers, not fail. */
const WAIT_MS = 120_000;
const SEARCH_QUERIES = [
  '保险服务',
  '数字贸易',
  'insurance',
  '服务外包',
  '知识产权',
  'RCEP',
  '中医药',
  '跨境电商',
];

/** Records, from navigation start, the first frame in which a paragraph of the text is in view. */
const FIRST_PARAGRAPH_PROBE = `
(() => {
  window.__firstParagraph = null;
  window.__complete = null;
  const check = () => {
    const pane = document.querySelector('main.reading-pane');
    if (window.__firstParagraph === null && pane) {
      const box = pane.getBoundingClientRect();
      for (const p of pane.querySelectorAll('.para')) {
        const r = p.getBoundingClientRect();
        if (r.height > 0 && r.bottom > box.top && r.top < box.bottom) {
          window.__firstParagraph = performance.now();
          break;
        }
      }
    }
    if (window.__complete === null && pane && pane.dataset.complete === 'true') window.__complete = performance.now();
    if (window.__firstParagraph === null || window.__complete === null) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
`;

function stats(samples: number[]): Record<string, number> {
  return {
    p50: round(percentile(samples, 50), 1),
    p95: round(percentile(samples, 95), 1),
    min: round(Math.min(...samples), 1),
    runs: samples.length,
  };
}

async function firstParagraph(
  browser: Browser,
  url: string,
): Promise<{ first: number[]; complete: number[] }> {
  const first: number[] = [];
  const complete: number[] = [];
  for (let i = 0; i < LOAD_RUNS + 1; i++) {
    // A fresh profile each time: nothing cached, as on a first start.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await context.addInitScript(FIRST_PARAGRAPH_PROBE);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __firstParagraph: number | null; __complete: number | null };
        return w.__firstParagraph !== null && w.__complete !== null;
      },
      undefined,
      { timeout: WAIT_MS },
    );
    const times = await page.evaluate(() => {
      const w = window as unknown as { __firstParagraph: number; __complete: number };
      return [w.__firstParagraph, w.__complete] as const;
    });
    if (i > 0) {
      // The first run warms the host (and the OS file cache): not counted.
      first.push(times[0]);
      complete.push(times[1]);
    }
    await context.close();
  }
  return { first, complete };
}

async function openReader(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('main.reading-pane[data-complete="true"]').waitFor({ timeout: WAIT_MS });
  return page;
}

/**
 * Click in the contents → the section's heading in view, for every chapter, both directions. The
 * page script is a string: tsx would wrap named functions in a helper the page does not have.
 */
const TOC_CLICKS = `
async (ids) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const pane = document.querySelector('main.reading-pane');
  const samples = [];
  for (const id of [...ids, ...[...ids].reverse()]) {
    const row = document.querySelector('[role="treeitem"][data-section-id="' + id + '"] > .toc-row');
    if (row === null) continue;
    await frame();
    const start = performance.now();
    row.click();
    for (;;) {
      const now = await frame();
      const heading = document.getElementById(id);
      const box = pane.getBoundingClientRect();
      const top = heading ? heading.getBoundingClientRect().top : NaN;
      if (top >= box.top - 1 && top < box.bottom - 40) {
        samples.push(now - start);
        break;
      }
      if (now - start > 2000) throw new Error('section ' + id + ' never came into view');
    }
  }
  return samples;
}`;

async function tocClicks(page: Page, sectionIds: string[]): Promise<number[]> {
  return (await page.evaluate(`(${TOC_CLICKS})(${JSON.stringify(sectionIds)})`)) as number[];
}

const ARM_SEARCH_PROBE = `
(q) => {
  window.__keyAt = null;
  window.__shownAt = null;
  // The input event: typed keys and IME commits (Chinese) alike.
  window.addEventListener('input', (event) => { window.__keyAt = event.timeStamp; }, { once: true, capture: true });
  const wait = () =>
    requestAnimationFrame(() => {
      const results = document.querySelector('.search-results');
      if (results && results.getAttribute('data-query') === q && !results.classList.contains('is-stale')) {
        window.__shownAt = performance.now();
      } else wait();
    });
  wait();
}`;

/** Last keystroke of a query → its results painted in the panel. */
async function searchKeystrokes(page: Page): Promise<number[]> {
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox');
  const samples: number[] = [];
  for (const query of [...SEARCH_QUERIES, ...SEARCH_QUERIES]) {
    await box.fill(query.slice(0, -1));
    // Let that query's answer land and the throttle window pass: the next key is a fresh keystroke.
    await page.waitForFunction(
      (q) => document.querySelector('.search-results')?.getAttribute('data-query') === q,
      query.slice(0, -1).trim(),
      { timeout: WAIT_MS },
    );
    await page.waitForTimeout(200);
    await page.evaluate(`(${ARM_SEARCH_PROBE})(${JSON.stringify(query)})`);
    await page.keyboard.type(query.slice(-1));
    await page.waitForFunction(
      () => (window as unknown as { __shownAt: number | null }).__shownAt !== null,
      undefined,
      { timeout: WAIT_MS },
    );
    samples.push(
      await page.evaluate(() => {
        const w = window as unknown as { __keyAt: number; __shownAt: number };
        return w.__shownAt - w.__keyAt;
      }),
    );
  }
  return samples;
}

async function heap(page: Page): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    jsHeapUsedMB: round(get('JSHeapUsedSize') / 2 ** 20, 1),
    jsHeapTotalMB: round(get('JSHeapTotalSize') / 2 ** 20, 1),
    domNodes: get('Nodes'),
  };
}

const suite: BenchSuite = {
  name: 'renderer',
  async run() {
    ensureFreshBundle(ROOT);
    if (process.env.BENCH_SKIP_BUILD !== '1') {
      execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:renderer'], {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-bench-renderer-'));
    const host = await startBrowserHost({ port: 0, rootDir: ROOT, dataDir, warmSearch: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    try {
      const url = `${host.url}#/read/report`;
      const cold = await firstParagraph(browser, url);

      // Reopening deep in the report (a saved position in 专题篇) costs the same: it renders from there.
      const report = BundleStore.load(bundleDir(ROOT)).document('report');
      if (report === undefined) throw new Error('no report in the bundle');
      const deep = report.blocks[Math.floor(report.blocks.length * 0.7)];
      await fetch(new URL('/__reader/progress%3Aset', host.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request: { docId: 'report', blockId: deep?.id } }),
      });
      const resumed = await firstParagraph(browser, url);

      const page = await openReader(browser, url);
      const chapters = report.sections.flatMap((part) =>
        part.children.filter((c) => c.level === 'chapter').map((c) => c.id),
      );
      const toc = await tocClicks(page, chapters);
      const heapAfterLoad = await heap(page);
      const search = await searchKeystrokes(page);
      const heapAfterSearch = await heap(page);

      const measured: Measurements = {
        firstParagraphMs: stats(cold.first),
        firstParagraphResumedMs: stats(resumed.first),
        wholeTextRenderedMs: stats(cold.complete),
        tocClickToSectionVisibleMs: stats(toc),
        keystrokeToSearchResultsMs: stats(search),
        heapAfterLoad,
        heapAfterSearch,
        targets: 'first paragraph ≤ 300 ms; TOC click and search results ≤ 50 ms (p50)',
      };
      return measured;
    } finally {
      await browser.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
