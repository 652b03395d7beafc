import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCollectionText, serializeCollection } from '../../main/annotations/codec.js';
import { runCli } from '../../main/cli/run.js';
import { ROOT } from '../corpus/report-fixture.js';
import { sampleCollection } from '../export/helpers.js';

const execFileAsync = promisify(execFile);

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, ROOT);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let tmp: string;
let file: string;

function sha(p: string): string {
  return createHash('sha256').update(readFileSync(p)).digest('hex');
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-cli-annotations-'));
  file = path.join(tmp, 'annotations.json');
  writeFileSync(file, serializeCollection(sampleCollection()));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cli export', () => {
  it.each(['md', 'html', 'csv', 'json'])(
    'exports %s to stdout without touching the input',
    async (format) => {
      const before = sha(file);
      const result = await cli('export', '--annotations', file, '--format', format);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out.length).toBeGreaterThan(100);
      expect(sha(file)).toBe(before);
    },
  );

  it('writes --out and reports what it wrote', async () => {
    const out = path.join(tmp, 'notes.md');
    const result = await cli('export', '--annotations', file, '--format', 'md', '--lang', 'zh', '--out', out);
    expect(result).toMatchObject({ code: 0, err: '', out: `wrote 4 annotations (1 need review) to ${out}` });
    expect(readFileSync(out, 'utf8')).toContain('第41页');
    const json = await cli(
      'export',
      '--annotations',
      file,
      '--format',
      'csv',
      '--out',
      path.join(tmp, 'n.csv'),
      '--json',
    );
    expect(JSON.parse(json.out)).toMatchObject({ format: 'csv', count: 4, needsReview: 1 });
    expect(readFileSync(path.join(tmp, 'n.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
  });

  it('refuses an --out that would replace the annotations or a file of their store', async () => {
    const store = mkdtempSync(path.join(tmp, 'store-'));
    const own = path.join(store, 'annotations.json');
    writeFileSync(own, serializeCollection(sampleCollection()));
    writeFileSync(path.join(store, 'annotations.journal'), '');
    symlinkSync(own, path.join(tmp, 'notes-link.md'));
    linkSync(own, path.join(tmp, 'hard-link.md'));
    linkSync(path.join(store, 'annotations.journal'), path.join(tmp, 'journal-link.md'));
    const before = sha(own);
    for (const out of [
      own,
      path.join(tmp, 'notes-link.md'),
      path.join(tmp, 'hard-link.md'),
      path.join(tmp, 'journal-link.md'),
      path.join(store, 'annotations.journal'),
      path.join(store, 'annotations.backup.json'),
    ]) {
      const result = await cli('export', '--annotations', own, '--format', 'md', '--out', out);
      expect(result.code, out).toBe(2);
      expect(result.err).toMatch(/--out must not be the annotations file/);
    }
    expect(sha(own)).toBe(before);
    expect(readFileSync(path.join(store, 'annotations.journal'), 'utf8')).toBe('');
    // A file beside them with another name is fine.
    const fine = await cli(
      'export',
      '--annotations',
      own,
      '--format',
      'md',
      '--out',
      path.join(store, 'notes.md'),
    );
    expect(fine.code).toBe(0);
  });

  it('filters by --doc, --color=… and --tag=…', async () => {
    const count = async (...flags: string[]) => {
      const r = await cli('export', '--annotations', file, '--format', 'json', ...flags);
      expect(r.err).toBe('');
      return parseCollectionText(r.out).collection.items.length;
    };
    expect(await count('--doc', 'paper')).toBe(1);
    expect(await count('--doc=report')).toBe(3);
    expect(await count('--color=yellow')).toBe(1);
    expect(await count('--tag=growth')).toBe(2);
    expect(await count('--tag=growth', '--color=pink')).toBe(1);
  });

  it.each([
    [['export', '--format', 'md'], /missing --annotations/],
    [['export', '--annotations', 'FILE'], /missing --format/],
    [['export', '--annotations', 'FILE', '--format', 'pdf'], /unknown format: pdf/],
    [['export', '--annotations', 'FILE', '--format', 'md', '--lang', 'fr'], /--lang must be en or zh/],
    [['export', '--annotations', 'FILE', '--format', 'md', '--color=orange'], /unknown colour: orange/],
    [['export', '--annotations', 'FILE', '--format', 'md', '--color'], /--color needs a value/],
    [['export', '--annotations', 'FILE', '--format', 'md', '--doc', 'nowhere'], /unknown document: nowhere/],
    [['export', '--annotations', 'FILE', '--format', 'md', '--colour=blue'], /unknown option --colour/],
    [
      ['export', '--annotations', 'FILE', '--format', 'md', '--out', 'FILE'],
      /--out must not be the annotations file/,
    ],
    [['annotations'], /missing subcommand/],
    [['annotations', 'delete', '--annotations', 'FILE'], /unknown annotations command: delete/],
  ])('%j exits 2 with one line', async (argv, message) => {
    const before = sha(file);
    const result = await cli(...argv.map((a) => (a === 'FILE' ? file : a)));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(sha(file)).toBe(before);
  });
});

describe('cli with a file it cannot use', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['truncated', serializeCollection(sampleCollection()).slice(0, 300), /invalid-json/],
    ['zero-filled', Buffer.alloc(2048), /invalid-json/],
    ['wrong schema', '{"hello":"world"}', /unknown-schema/],
    [
      'newer schema',
      serializeCollection(sampleCollection()).replace('"schemaVersion":2', '"schemaVersion":7'),
      /newer-schema/,
    ],
    ['__proto__', '{"__proto__":{"x":1},"type":"AnnotationCollection"}', /unsafe-keys/],
    ['too large', Buffer.alloc(21 * 1024 * 1024, 0x20), /too-large/],
  ];

  it.each(cases)('%s: exit 1, one clear line, file untouched', async (name, content, problem) => {
    const bad = path.join(tmp, `${name.replace(/\W/g, '-')}.json`);
    writeFileSync(bad, content);
    const before = sha(bad);
    for (const argv of [
      ['export', '--annotations', bad, '--format', 'md'],
      ['annotations', 'list', '--annotations', bad, '--json'],
    ]) {
      const result = await cli(...argv);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^error: cannot use .*the file was not changed$/);
      expect(result.err).toMatch(problem);
    }
    expect(sha(bad)).toBe(before);
  });

  it('prints no control characters from the file: one plain line', async () => {
    const bad = path.join(tmp, 'escapes.json');
    writeFileSync(bad, '\u001b]0;PWNED\u0007\u001b[2J\u0000\u202e{');
    const result = await cli('export', '--annotations', bad, '--format', 'md');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: cannot use .*the file was not changed$/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not reach the terminal
    expect(result.err).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('exit 1 for a missing file', async () => {
    const result = await cli('annotations', 'list', '--annotations', path.join(tmp, 'nope.json'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/does not exist \(missing\)/);
  });
});

describe('cli annotations list', () => {
  it('lists re-anchored annotations as JSON', async () => {
    const result = await cli('annotations', 'list', '--annotations', file, '--json');
    expect(result.err).toBe('');
    const rows = JSON.parse(result.out) as {
      status: string;
      page: number | null;
      sectionPath: string[];
      link: string;
    }[];
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'needs-review')).toHaveLength(1);
    expect(rows.some((r) => r.page === 41 && r.sectionPath.includes('保险服务'))).toBe(true);
    expect(rows.every((r) => r.link.startsWith('report-reader://open?doc='))).toBe(true);
  });

  it('prints one entry per annotation as text', async () => {
    const result = await cli('annotations', 'list', '--annotations', file, '--color=yellow');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^urn:uuid:\S+ {2}report › 行业篇 › 保险服务 › 一、发展现状 \(p\. 41\) {2}yellow #insurance #growth\n {2}«/,
    );
  });

  it('sets the exit code through the real entry point', async () => {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const bad = path.join(tmp, 'entry.json');
    writeFileSync(bad, '{');
    const failure = await execFileAsync(
      tsx,
      ['main/cli/index.ts', 'annotations', 'list', '--annotations', bad],
      {
        cwd: ROOT,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(bad, 'utf8')).toBe('{');
  });
});

describe('annotations list on the app’s own data folder', () => {
  it('reads the journal beside annotations.json, so saves not yet compacted are listed', async () => {
    const { AnnotationStore } = await import('../../main/annotations/store.js');
    const { textTarget } = await import('../../main/annotations/model.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-cli-journal-'));
    const block = {
      id: 'report.p-0123456789',
      docId: 'report',
      type: 'paragraph' as const,
      text: '保险服务贸易',
      sectionId: 'report.s-0123456789',
    };
    const store = new AnnotationStore(dir);
    await store.load();
    const created = await store.create({ target: textTarget(block, 0, 4), note: 'journal only' });
    const result = await cli(
      'annotations',
      'list',
      '--annotations',
      path.join(dir, 'annotations.json'),
      '--json',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain(created.id);
    rmSync(dir, { recursive: true, force: true });
  });
});
