import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run.js';
import { ROOT } from '../corpus/report-fixture.js';

async function cli(argv: string[], stdin?: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    ...(stdin
      ? {
          stdinLines: async function* () {
            yield* stdin;
          },
        }
      : {}),
  };
  const code = await runCli(argv, io, ROOT);
  return { code, out, err };
}

interface Hit {
  docId: string;
  blockId: string;
  sectionPath: string[];
  snippet: string;
  text: string;
  score: number;
}

describe('cli search', () => {
  it('prints [{docId, blockId, sectionPath, snippet, text, score}] with --json', async () => {
    const { code, out } = await cli(['search', 'insurance', '--limit', '3', '--json']);
    expect(code).toBe(0);
    const hits = JSON.parse(out.join('\n')) as Hit[];
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(Object.keys(hit)).toEqual(
        expect.arrayContaining(['docId', 'blockId', 'sectionPath', 'snippet', 'text', 'score']),
      );
      expect(hit.text).toMatch(/保险|insurance/iu);
    }
  });

  it('filters by document and says how the query was understood in text mode', async () => {
    const json = await cli(['search', '服贸会', '--doc', 'news-press-conference', '--json']);
    expect((JSON.parse(json.out.join('\n')) as Hit[]).every((h) => h.docId === 'news-press-conference')).toBe(
      true,
    );
    const text = await cli(['search', '中國服務貿易', '--limit', '1']);
    expect(text.out[0]).toMatch(/^query: 中國服務貿易 → 中国服务贸易/u);
    expect(text.out.join('\n')).toContain('【中国服务贸易】');
  });

  it('answers one JSON line per query from --stdin, hostile lines included', async () => {
    const queries = ['保险', '中國服務貿易', 'ＲＣＥＰ', 'RCEP~', '', '\ud800'];
    const { code, out } = await cli(['search', '--stdin', '--limit', '2'], queries);
    expect(code).toBe(0);
    expect(out).toHaveLength(queries.length);
    out.forEach((line, i) => {
      const parsed = JSON.parse(line) as { query: string; hits: Hit[] };
      expect(parsed.query).toBe(queries[i]);
      expect(Array.isArray(parsed.hits)).toBe(true);
    });
    expect((JSON.parse(out[2] ?? '') as { hits: Hit[] }).hits[0]?.text).toContain('RCEP');
  });

  it('refuses an unknown document and a bad limit with exit code 2', async () => {
    expect((await cli(['search', '保险', '--doc', 'nowhere'])).code).toBe(2);
    expect((await cli(['search', '保险', '--limit', '0'])).code).toBe(2);
  });
});
