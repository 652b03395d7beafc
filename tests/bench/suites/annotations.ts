import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reanchorAll } from '../../../main/annotations/anchor.js';
import { serializeCollection } from '../../../main/annotations/codec.js';
import {
  type Annotation,
  COLORS,
  emptyCollection,
  newAnnotation,
  textTarget,
} from '../../../main/annotations/model.js';
import { AnnotationStore } from '../../../main/annotations/store.js';
import { projectRoot } from '../../../main/build/project-root.js';
import { ensureFreshBundle } from '../../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir, readBundle } from '../../../main/corpus/bundle-store.js';
import { EXPORT_FORMATS, exportAnnotations } from '../../../main/export/index.js';
import { alphabetOf, editBundle, editText, rng } from '../../annotations/perturb.js';
import type { BenchSuite, Measurements } from '../index.js';
import { round, timeMs } from '../stats.js';

// Annotations at scale: save and load a store of 10,000, export 10,000 to every format,
// re-anchor 1,000 (unchanged text, and text with 1% of characters edited).
// Targets (not asserted): save ≤ 30 ms, load ≤ 50 ms, each export ≤ 300 ms.

const COUNT = 10_000;

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
      const first = items[0] as Annotation;
      let n = 0;
      // One change acknowledged = the whole 10,000-item file written atomically and fsynced.
      const saveMs = await timeMs(() => store.update(first.id, { note: `edit ${n++}` }), 9, 2);
      const loadMs = await timeMs(() => new AnnotationStore(dir).load(), 9, 2);
      const serializeMs = await timeMs(() => serializeCollection(collection), 9, 2);

      const exportMs: Record<string, number> = {};
      for (const format of EXPORT_FORMATS) {
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
        loadMs: round(loadMs, 1),
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
