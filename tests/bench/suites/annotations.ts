import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reanchorAll } from '../../../main/annotations/anchor.js';
import { decodeUtf8, readFileBounded, serializeCollection } from '../../../main/annotations/codec.js';
import {
  type Annotation,
  COLORS,
  emptyCollection,
  newAnnotation,
  textTarget,
} from '../../../main/annotations/model.js';
import { validateCollectionParts } from '../../../main/annotations/schema.js';
import { AnnotationStore } from '../../../main/annotations/store.js';
import { projectRoot } from '../../../main/build/project-root.js';
import { ensureFreshBundle } from '../../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir, readBundle } from '../../../main/corpus/bundle-store.js';
import { EXPORT_FORMATS, exportAnnotations } from '../../../main/export/index.js';
import { alphabetOf, editBundle, editText, rng } from '../../annotations/perturb.js';
import type { BenchSuite, Measurements } from '../index.js';
import { percentile, round, timeMs } from '../stats.js';

// Annotations at scale: save and load a store of 10,000, export 10,000 to every format,
// re-anchor 1,000 (unchanged text, and text with 1% of characters edited).
// Targets (not asserted): save ≤ 30 ms, load ≤ 50 ms, each export ≤ 300 ms.
//
// save: one update acknowledged = one journal line appended and fsynced. saveDuringCompaction:
// 300 updates with annotations.json rewritten in the background every 100 (its p99 and max show
// that saves do not wait for a rewrite). compact: flush() = the whole file rewritten atomically.
// load: a clean start (empty journal) after two unmeasured loads, each on a collected heap with
// the collector's background work finished, as at the app's start; loadBackToBack: the same
// without collecting in between, so that some loads also collect what the earlier ones left;
// loadNewProcess: one load in a new process, as when the app starts (code not yet optimised, the
// heap still small, so that V8 collects several times while it grows); loadAfterCrash: a
// 100-line journal replayed (then folded in, in the background). loadBreakdown: the stages of
// reading annotations.json, timed one by one (validation freezes the items it accepts).

const COUNT = 10_000;

/** Collect garbage and let the collector's background threads finish (--expose-gc). */
async function settleHeap(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function generate(bundle: BundleStore, count: number): Annotation[] {
  const r = rng(42);
  const blocks = bundle
    .documents()
    .flatMap((d) => d.blocks)
    .filter((b) => b.type === 'paragraph' && b.text.length > 40);
  const out: Annotation[] = [];
  for (let i = 0; i < count; i++) {
    const block = blocks[Math.floor(r() * blocks.length)];
    if (!block) continue;
    const start = Math.floor(r() * (block.text.length - 30));
    const end = start + 5 + Math.floor(r() * 25);
    out.push(
      newAnnotation({
        target: textTarget(block, start, end),
        note:
          i % 3 === 0 ? '' : `Note ${i}: ${block.text.slice(0, 40)} — **important** for the chapter summary.`,
        color: COLORS[i % COLORS.length],
        tags: i % 4 === 0 ? [] : [`tag${i % 17}`, `topic-${i % 5}`],
      }),
    );
  }
  return out;
}

const suite: BenchSuite = {
  name: 'annotations',
  async run(): Promise<Measurements> {
    const root = projectRoot();
    ensureFreshBundle(root);
    const bundle = BundleStore.load(bundleDir(root));
    const items = generate(bundle, COUNT);
    const collection = { ...emptyCollection(), items };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-bench-annotations-'));
    try {
      const store = new AnnotationStore(dir);
      await store.load();
      await store.importCollection(collection);
      const file = path.join(dir, 'annotations.json');
      const journal = path.join(dir, 'annotations.journal');
      const first = items[0] as Annotation;
      let n = 0;
      const edit = () => store.update(first.id, { note: `edit ${n++}` });
      const saveMs = await timeMs(edit, 9, 2);
      const compactMs = await timeMs(
        async () => {
          await edit();
          await store.flush();
        },
        5,
        1,
      );
      // A clean start: the journal was folded in by flush().
      const loadSamples: number[] = [];
      for (let i = 0; i < 11; i++) {
        await settleHeap();
        const start = performance.now();
        await new AnnotationStore(dir).load();
        if (i >= 2) loadSamples.push(performance.now() - start);
      }
      const loadBackToBackMs = await timeMs(() => new AnnotationStore(dir).load(), 9, 2);
      const loadOnce = path.join(root, 'tests', 'bench', 'load-once.ts');
      const newProcessSamples = Array.from({ length: 5 }, () =>
        Number(execFileSync(process.execPath, [...process.execArgv, loadOnce, dir], { encoding: 'utf8' })),
      );

      const busy = new AnnotationStore(dir, { compactAfterLines: 100 });
      await busy.load();
      const saves: number[] = [];
      for (let i = 0; i < 300; i++) {
        const start = performance.now();
        await busy.update(first.id, { note: `busy ${i}` });
        saves.push(performance.now() - start);
      }
      await busy.flush();

      // A crash with 100 changes in the journal: each run starts from the same two files.
      const crashed = new AnnotationStore(dir);
      for (let i = 0; i < 100; i++) await crashed.update((items[i] as Annotation).id, { note: `crash ${i}` });
      const mainBytes = readFileSync(file);
      const journalBytes = readFileSync(journal);
      const crashSamples: number[] = [];
      for (let i = 0; i < 7; i++) {
        writeFileSync(file, mainBytes);
        writeFileSync(journal, journalBytes);
        await settleHeap();
        const start = performance.now();
        const store = new AnnotationStore(dir);
        await store.load();
        crashSamples.push(performance.now() - start);
        // The fold into annotations.json, before the files are put back for the next run.
        await store.flush();
      }

      const stage = <T>(fn: () => T): [T, number] => {
        const start = performance.now();
        const value = fn();
        return [value, performance.now() - start];
      };
      const breakdown: Record<string, number[]> = {};
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        const bytes = await readFileBounded(file);
        const read = performance.now() - start;
        const [text, decode] = stage(() => decodeUtf8(bytes));
        const [value, parse] = stage(() => JSON.parse(text));
        const [, validate] = stage(() => validateCollectionParts(value));
        for (const [key, ms] of Object.entries({ read, decode, parse, validate })) {
          breakdown[key] ??= [];
          breakdown[key].push(ms);
        }
      }
      const loadBreakdownMs = Object.fromEntries(
        Object.entries(breakdown).map(([key, samples]) => [key, round(percentile(samples, 50), 1)]),
      );
      const serializeMs = await timeMs(() => serializeCollection(collection), 9, 2);

      const exportMs: Record<string, number> = {};
      for (const format of EXPORT_FORMATS) {
        // Each format from a settled heap, not one holding the garbage of the loads above.
        await settleHeap();
        exportMs[format] = round(
          await timeMs(() => exportAnnotations(bundle, collection, { format, lang: 'en' }), 5, 1),
          1,
        );
      }

      const thousand = items.slice(0, 1000);
      const reanchorSameMs = await timeMs(() => reanchorAll(bundle, thousand), 5, 1);
      const r = rng(7);
      const base = readBundle(bundleDir(root));
      const alphabet = alphabetOf(base, ['report', 'paper']);
      const edited = new BundleStore(
        editBundle(base, ['report', 'paper'], (b) => editText(b.text, r, { rate: 0.01, alphabet })).bundle,
      );
      let summary = reanchorAll(edited, thousand);
      const reanchorEditedMs = await timeMs(
        () => {
          summary = reanchorAll(edited, thousand);
        },
        3,
        0,
      );

      return {
        annotations: COUNT,
        fileKB: round(statSync(file).size / 1024, 0),
        saveMs: round(saveMs, 1),
        saveDuringCompactionMs: {
          p50: round(percentile(saves, 50), 1),
          p99: round(percentile(saves, 99), 1),
          max: round(Math.max(...saves), 1),
        },
        compactMs: round(compactMs, 1),
        loadMs: round(percentile(loadSamples, 50), 1),
        loadBackToBackMs: round(loadBackToBackMs, 1),
        loadNewProcessMs: round(percentile(newProcessSamples, 50), 1),
        loadAfterCrashMs: round(percentile(crashSamples, 50), 1),
        loadBreakdownMs,
        serializeMs: round(serializeMs, 1),
        exportMs,
        reanchor1000UnchangedMs: round(reanchorSameMs, 1),
        reanchor1000Edited1pctMs: round(reanchorEditedMs, 1),
        reanchorEditedResult: `${summary.anchored} anchored, ${summary.needsReview} need review`,
        targets: 'save ≤ 30 ms, load ≤ 50 ms, each export ≤ 300 ms',
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
