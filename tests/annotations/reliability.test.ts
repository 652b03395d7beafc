import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCollectionFile, serializeCollection } from '../../main/annotations/codec.js';
import { type AnnotationCollection, emptyCollection, newAnnotation } from '../../main/annotations/model.js';
import { AnnotationStore, readStoreFolder, recoveryMessage } from '../../main/annotations/store.js';

// The store under abuse: killed with SIGKILL mid-write hundreds of times, opened on corrupt files,
// and hammered with parallel saves.

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'save-loop.ts');
const KILLS = 200;
/** The child rewrites annotations.json every this many saves, so kills land in compactions too. */
const COMPACT_AFTER_LINES = 8;
/** Temporary files: write-file-atomic's, backup links, journal rewrites. */
const TEMP_FILE = /^annotations(?:(?:\.backup)?\.json|\.journal)\.(?:\d+|tmp-[0-9a-z-]+)$/;

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-reliability-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * The child's command. Bundling the fixture once with esbuild (a dependency of tsx) makes each
 * start take ~50 ms instead of ~300 ms with `node --import tsx`, which keeps 200 kills within the
 * time budget; the tsx loader is the fallback.
 */
async function childCommand(): Promise<string[]> {
  try {
    const esbuild = await import('esbuild');
    const outfile = path.join(tmp, 'save-loop.mjs');
    await esbuild.build({
      entryPoints: [FIXTURE],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // write-file-atomic is CommonJS: give it require and __filename in the ESM bundle.
      banner: {
        js: [
          "import { createRequire as __cr } from 'node:module';",
          "import { fileURLToPath as __fu } from 'node:url';",
          'const require = __cr(import.meta.url);',
          'const __filename = __fu(import.meta.url);',
        ].join(' '),
      },
    });
    return [outfile];
  } catch {
    return ['--import', 'tsx', FIXTURE];
  }
}

interface Ready {
  files: string[];
  count: number;
  recovered: unknown;
}

interface Running {
  child: ChildProcess;
  ready: Promise<Ready>;
  /** Resolves with the signal that ended the child; rejects if it ended any other way. */
  exited: Promise<NodeJS.Signals | null>;
}

function runChild(args: string[], dir: string, acked: string[]): Running {
  const child = spawn(process.execPath, [...args, dir, String(COMPACT_AFTER_LINES)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let stderr = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(signal);
      else reject(new Error(`child exited by itself (code ${code}): ${stderr}`));
    });
  });
  exited.catch(() => undefined);
  const ready = new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${stderr}`)), 20_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        else if (line.startsWith('ready ')) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(6)) as Ready);
        }
        nl = buffer.indexOf('\n');
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child exited early (${code}): ${stderr}`));
    });
  });
  return { child, ready, exited };
}

describe('killed with SIGKILL while saving', () => {
  // 74–122 s measured on a shared, busy 2-core machine.
  it(`never loses an acknowledged save (${KILLS} kills)`, { timeout: 240_000 }, async () => {
    const args = await childCommand();
    const dir = path.join(tmp, 'kill');
    const acked: string[] = [];
    let maxFile = 0;
    let tempsSeenAfterKill = 0;
    /** Kills that left a temporary annotations.json (mid-compaction) or journal rewrite (mid-trim). */
    let killsInMainWrite = 0;
    let killsInJournalTrim = 0;
    let killsWithJournal = 0;
    const started = performance.now();
    for (let i = 0; i < KILLS; i++) {
      // Counted before the child starts: its own acks may arrive in the same chunk as "ready".
      const ackedBefore = new Set(acked).size;
      const { child, ready, exited } = runChild(args, dir, acked);
      try {
        const info = await ready;
        // The previous run's temporary files are cleaned up on open, and no file was ever damaged.
        expect(info.files.filter((f) => TEMP_FILE.test(f))).toEqual([]);
        expect(info.recovered).toBeNull();
        expect(info.count).toBeGreaterThanOrEqual(ackedBefore);
        await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 131)));
      } finally {
        child.kill('SIGKILL');
      }
      expect(await exited).toBe('SIGKILL');
      const files = readdirSync(dir);
      tempsSeenAfterKill += files.filter((f) => TEMP_FILE.test(f)).length;
      if (files.some((f) => /^annotations\.json\.\d+$/.test(f))) killsInMainWrite++;
      if (files.some((f) => /^annotations\.journal\.tmp-/.test(f))) killsInJournalTrim++;
      if (acked.length === 0) continue;
      // annotations.json always parses, the journal is never damaged (an interrupted append at its
      // end is allowed), and together they hold every acknowledged annotation. (readStoreFolder
      // throws for any file the store would have to move aside.)
      if (files.includes('annotations.json'))
        maxFile = Math.max(maxFile, statSync(path.join(dir, 'annotations.json')).size);
      const stored = await readStoreFolder(dir);
      if (stored.journalLines > 0) killsWithJournal++;
      const ids = new Set(stored.collection.items.map((a) => a.id));
      const missing = acked.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${KILLS} kills in ${seconds.toFixed(1)} s; ${acked.length} acknowledged saves; file grew to ${(maxFile / 1024).toFixed(0)} KB; ` +
        `${killsWithJournal} kills left journal lines to replay, ${killsInMainWrite} interrupted a write of annotations.json, ` +
        `${killsInJournalTrim} a journal trim; ${tempsSeenAfterKill} temp files left by kills (all cleaned on the next open)`,
    );
    expect(acked.length).toBeGreaterThan(KILLS);
    // Compactions ran throughout the loop (8 saves apart), so some kills hit the journal's replay.
    expect(killsWithJournal).toBeGreaterThan(0);
  });
});

function collectionWith(n: number, label: string): AnnotationCollection {
  const c = emptyCollection();
  for (let i = 0; i < n; i++) {
    c.items.push(
      newAnnotation({
        target: { source: 'report', selector: [{ type: 'TextQuoteSelector', exact: `${label} ${i}` }] },
        note: `${label} ${i}`,
      }),
    );
  }
  return c;
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function writeZeros(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let left = bytes; left > 0; left -= chunk.length)
      await handle.write(chunk, 0, Math.min(chunk.length, left));
  } finally {
    await handle.close();
  }
}

const GOOD = serializeCollection(collectionWith(3, 'good'));
const CORRUPTIONS: [string, (file: string) => Promise<void>, string][] = [
  ['truncated', (f) => writeFile(f, GOOD.slice(0, Math.floor(GOOD.length / 2))), 'invalid-json'],
  ['zero-filled', (f) => writeZeros(f, 4096), 'invalid-json'],
  ['empty', (f) => writeFile(f, ''), 'invalid-json'],
  ['wrong schema', (f) => writeFile(f, JSON.stringify({ hello: 'world' })), 'unknown-schema'],
  ['invalid items', (f) => writeFile(f, GOOD.replace('"Annotation"', '"Nonsense"')), 'invalid-data'],
  [
    'newer schema',
    (f) => writeFile(f, GOOD.replace('"schemaVersion":2', '"schemaVersion":99')),
    'newer-schema',
  ],
  ['40 MB', (f) => writeZeros(f, 40 * 1024 * 1024), 'too-large'],
  [
    '__proto__ keys',
    (f) => writeFile(f, GOOD.replace('"items":[', '"items":[],"__proto__":{"polluted":true},"x":[')),
    'unsafe-keys',
  ],
  [
    'escaped __proto__',
    (f) => writeFile(f, GOOD.replace('{"id"', '{"\\u005f_proto__":{"polluted":true},"id"')),
    'unsafe-keys',
  ],
  [
    'constructor key',
    (f) => writeFile(f, GOOD.replace('{"id"', '{"constructor":{"prototype":{"polluted":true}},"id"')),
    'unsafe-keys',
  ],
  ['not UTF-8', (f) => writeFile(f, Buffer.from([0xff, 0xfe, 0x00, 0x7b])), 'invalid-encoding'],
  ['a directory', (f) => mkdir(f), 'unreadable'],
];

describe('opening a corrupt annotations file', () => {
  it.each(CORRUPTIONS)('%s: moved aside untouched, backup restored', async (_name, corrupt, reason) => {
    const dir = mkdtempSync(path.join(tmp, 'corrupt-'));
    const file = path.join(dir, 'annotations.json');
    const backup = collectionWith(2, 'backup');
    writeFileSync(path.join(dir, 'annotations.backup.json'), serializeCollection(backup));
    await corrupt(file);
    const isDir = statSync(file).isDirectory();
    const before = isDir ? '' : sha(file);

    const store = new AnnotationStore(dir, { now: () => new Date('2024-05-01T12:00:00.000Z') });
    const { collection, recovered } = await store.load();
    expect(recovered?.reason).toBe(reason);
    expect(recovered?.restoredFrom).toBe('backup');
    expect(recovered?.movedTo).toBe(path.join(dir, 'annotations.corrupt-2024-05-01T12-00-00-000Z.json'));
    if (!isDir) expect(sha(recovered?.movedTo as string)).toBe(before);
    expect(collection.items.map((a) => a.id)).toEqual(backup.items.map((a) => a.id));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(recoveryMessage(recovered as NonNullable<typeof recovered>, 'en')).toMatch(
      /restored from the backup/,
    );
    expect(recoveryMessage(recovered as NonNullable<typeof recovered>, 'zh')).toMatch(/已从备份恢复/);

    // The store works on: the restored collection is in place and new saves land next to it.
    expect((await readCollectionFile(file)).collection.items).toHaveLength(2);
    await store.create({ target: { source: 'report', selector: [] }, note: 'after' });
    expect((await readStoreFolder(dir)).collection.items).toHaveLength(3);
    if (!isDir) expect(sha(recovered?.movedTo as string)).toBe(before);
  });

  it('keeps both when the backup is corrupt too, and starts empty', async () => {
    const dir = mkdtempSync(path.join(tmp, 'both-'));
    writeFileSync(path.join(dir, 'annotations.json'), '{"broken": ');
    writeFileSync(path.join(dir, 'annotations.backup.json'), '\u0000\u0000');
    const store = new AnnotationStore(dir);
    const { collection, recovered } = await store.load();
    expect(collection.items).toEqual([]);
    expect(recovered?.restoredFrom).toBe('nothing');
    expect(readFileSync(recovered?.movedTo as string, 'utf8')).toBe('{"broken": ');
    expect(readFileSync(recovered?.backupMovedTo as string, 'utf8')).toBe('\u0000\u0000');
    expect(recoveryMessage(recovered as NonNullable<typeof recovered>)).toMatch(/No usable backup/);
  });

  it('moves a corrupt backup aside when the main file is missing', async () => {
    const dir = mkdtempSync(path.join(tmp, 'nomain-'));
    writeFileSync(path.join(dir, 'annotations.backup.json'), '{"half": [');
    const { collection, recovered } = await new AnnotationStore(dir).load();
    expect(collection.items).toEqual([]);
    expect(recovered).toMatchObject({ reason: 'invalid-json', restoredFrom: 'nothing', readOnly: false });
    expect(readFileSync(recovered?.movedTo as string, 'utf8')).toBe('{"half": [');
  });

  it('opens on a backup that cannot be written back, and saves on in the journal', async () => {
    const dir = mkdtempSync(path.join(tmp, 'full-'));
    writeFileSync(path.join(dir, 'annotations.json'), '{"broken": ');
    // Another tool's annotations without dates or motivation: 20 MB once those are filled in,
    // so annotations.json cannot be written again.
    const quote = '服'.repeat(640);
    const items = Array.from({ length: 10_200 }, (_, i) => ({
      id: `urn:x:${i}`,
      type: 'Annotation',
      target: { source: 'report', selector: [{ type: 'TextQuoteSelector', exact: `${i} ${quote}` }] },
    }));
    const backup = JSON.stringify({ ...emptyCollection(), items });
    expect(Buffer.byteLength(backup)).toBeLessThan(20 * 1024 * 1024);
    writeFileSync(path.join(dir, 'annotations.backup.json'), backup);
    const store = new AnnotationStore(dir);
    const { collection, recovered } = await store.load();
    expect(recovered).toMatchObject({ reason: 'invalid-json', restoredFrom: 'backup', readOnly: false });
    expect(collection.items).toHaveLength(items.length);
    // Not written back (it would be over the limit)…
    expect(existsSync(path.join(dir, 'annotations.json'))).toBe(false);
    // …yet the store works, and what it saves is there on the next start.
    await store.remove('urn:x:0');
    const reopened = await readStoreFolder(dir);
    expect(reopened.collection.items).toHaveLength(items.length - 1);
    expect(reopened.journalLines).toBe(1);
  });

  it('loads the backup silently when only the main file is missing', async () => {
    const dir = mkdtempSync(path.join(tmp, 'missing-'));
    const backup = collectionWith(4, 'b');
    writeFileSync(path.join(dir, 'annotations.backup.json'), serializeCollection(backup));
    const { collection, recovered } = await new AnnotationStore(dir).load();
    expect(recovered).toBeUndefined();
    expect(collection.items).toHaveLength(4);
  });
});

describe('concurrent saves', () => {
  it('loses no update among 500 parallel creates, updates and removes', async () => {
    const dir = mkdtempSync(path.join(tmp, 'parallel-'));
    const store = new AnnotationStore(dir);
    const created = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        store.create({ target: { source: 'report', selector: [] }, note: `n${i}`, tags: [`t${i % 3}`] }),
      ),
    );
    expect(new Set(created.map((a) => a.id)).size).toBe(500);
    const ops = created.flatMap((a, i) =>
      i % 5 === 0 ? [store.remove(a.id)] : i % 2 === 0 ? [store.update(a.id, { note: `edited ${i}` })] : [],
    );
    await Promise.all(ops);
    await store.flush();
    const { collection } = await new AnnotationStore(dir).load();
    expect(collection.items).toHaveLength(400);
    const byId = new Map(collection.items.map((a) => [a.id, a]));
    for (const [i, a] of created.entries()) {
      if (i % 5 === 0) expect(byId.has(a.id)).toBe(false);
      else if (i % 2 === 0) expect(byId.get(a.id)?.body[0]?.value).toBe(`edited ${i}`);
      else expect(byId.get(a.id)?.body[0]?.value).toBe(`n${i}`);
    }
  });
});
