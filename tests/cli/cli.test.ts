import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run.js';
import { ROOT } from '../corpus/report-fixture.js';

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

async function cliJson<T>(...argv: string[]): Promise<T> {
  const result = await cli(...argv, '--json');
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as T;
}

interface TocNode {
  id: string;
  title: string;
  level: string;
  page?: number;
  children: TocNode[];
}

beforeAll(async () => {
  // The first call rebuilds the bundle if it is stale.
  await cli('docs');
});

describe('cli docs, toc, show, dump, datasets', () => {
  it('lists the five documents', async () => {
    const docs =
      await cliJson<
        { id: string; source: string; kind: string; lang: string; title: { zh: string; en: string } }[]
      >('docs');
    expect(docs.map((d) => d.id)).toEqual([
      'report',
      'paper',
      'news-daily-life',
      'news-press-conference',
      'news-fair-preview',
    ]);
    expect(docs[0]).toMatchObject({ kind: 'report', lang: 'zh', source: '003_6a74c797f131c217.txt' });
  });

  it('reproduces the printed table of contents', async () => {
    const toc = await cliJson<TocNode[]>('toc', 'report');
    const flat: string[] = [];
    const walk = (nodes: TocNode[]) => {
      for (const n of nodes) {
        if (n.level !== 'subsection' && n.title !== '封面') flat.push(`${n.title}|${n.page}`);
        walk(n.children);
      }
    };
    walk(toc);
    expect(flat).toHaveLength(134);
    expect(flat[0]).toBe('综述篇|1');
    expect(flat[flat.length - 1]).toBe('编后语|127');
    expect(flat).toContain('保险服务|41');
    const text = await cli('toc', 'report');
    expect(text.out).toContain('  保险服务\t41');
  });

  it('shows one block with its section path', async () => {
    const dump = await cliJson<
      { id: string; type: string; text: string; sectionPath: string[]; page?: number }[]
    >('dump', 'report');
    const paragraph = dump.find((b) => b.type === 'paragraph' && b.sectionPath.includes('保险服务'));
    expect(paragraph?.page).toBeGreaterThanOrEqual(41);
    const shown = await cliJson<{ id: string; sectionPath: string[] }>('show', paragraph?.id ?? '');
    expect(shown.id).toBe(paragraph?.id);
    expect(shown.sectionPath.slice(0, 2)).toEqual(['行业篇', '保险服务']);
  });

  it('dumps every document in reading order', async () => {
    for (const id of ['paper', 'news-fair-preview']) {
      const dump = await cliJson<{ docId: string; sectionPath: string[] }[]>('dump', id);
      expect(dump.length).toBeGreaterThan(10);
      expect(dump.every((b) => b.docId === id && b.sectionPath.length > 0)).toBe(true);
    }
  });

  it('prints the datasets, and one by id', async () => {
    const all = await cliJson<{ id: string }[]>('datasets');
    expect(all).toHaveLength(8);
    const one = await cliJson<{ number: string; rows: unknown[][] }>('datasets', 'table-2-4');
    expect(one.number).toBe('表 2-4');
    const text = await cli('datasets', 'table-2-1');
    expect(text.out.split('\n')[0]).toBe('表 2-1 欧盟 28 国环境产品和服务业从业人员状况（单位：千人）');
  });
});

describe('cli errors', () => {
  it.each([
    [['nope'], /unknown command: nope/u],
    [['toc', 'missing-doc'], /unknown document: missing-doc/u],
    [['show', 'report.p-0000000000'], /unknown block/u],
    [['datasets', 'table-9-9'], /unknown dataset/u],
    [['toc'], /missing document id/u],
  ])('%j exits 2 with one line on stderr', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.split('\n')).toHaveLength(1);
  });

  it('sets the process exit code through npm run cli', async () => {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const failure = await execFileAsync(tsx, ['main/cli/index.ts', 'toc', 'nowhere'], { cwd: ROOT }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe('error: unknown document: nowhere');
    const ok = await execFileAsync(tsx, ['main/cli/index.ts', 'docs', '--json'], { cwd: ROOT });
    expect(JSON.parse(ok.stdout)).toHaveLength(5);
  });
});
