import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCollectionText } from '../../main/annotations/codec.js';
import {
  defaultExportFileName,
  type EXPORT_FORMATS,
  exportAnnotations,
  HTML_CSP,
  neutraliseFormula,
  sanitizeFileName,
} from '../../main/export/index.js';
import { bundleStore, htmlProblems, parseCsv, sampleCollection } from './helpers.js';

const NOW = new Date('2024-05-02T10:00:00.000Z');

function run(format: (typeof EXPORT_FORMATS)[number], lang: 'en' | 'zh' = 'en', filter = {}) {
  return exportAnnotations(bundleStore(), sampleCollection(), { format, lang, filter, now: NOW });
}

describe('Markdown export', () => {
  it('groups by document and chapter and cites each note', () => {
    const md = run('md').content;
    expect(md).toMatch(/^# Report Reader — notes\n\nExported 2024-05-02 10:00 UTC · 4 annotations\n/);
    expect(md).toContain("## Report on China's Development of Trade in Services 2020");
    expect(md).toContain('### 保险服务');
    // The quote as a block quote, the note, colour, tags, section path, printed page, dates, link.
    const insurance = md.slice(md.indexOf('### 保险服务'));
    expect(insurance).toMatch(/\n> 2020年，中国保险业稳步发展\n/);
    expect(insurance).toContain('Insurance grew **steadily**.');
    expect(insurance).toContain('- Colour: yellow');
    expect(insurance).toContain('- Tags: insurance, growth');
    expect(insurance).toMatch(/- Section: 行业篇 › 保险服务 › 一、发展现状 · p\. 41\n/);
    expect(insurance).toContain('- Created: 2024-05-01 08:00 UTC · Modified: 2024-05-01 08:00 UTC');
    expect(insurance).toMatch(
      /- \[Open in Report Reader\]\(<report-reader:\/\/open\?doc=report&block=report\.p-[0-9a-f]{10}>\)/,
    );
    // The bookmark and the paper's note.
    expect(md).toContain('🔖 **Bookmark:** 中国服务贸易发展特点与趋势');
    expect(md).toContain('## The Great Achievements');
    expect(md).toContain('纸面笔记');
  });

  it('exports annotations that need review, marked, after the placed ones', () => {
    const md = run('md').content;
    const report = md.slice(0, md.indexOf('## The Great Achievements'));
    expect(report.indexOf('### ⚠ Needs review')).toBeGreaterThan(report.indexOf('### 保险服务'));
    expect(report).toContain('**⚠ Needs review: this passage could not be found in the current text.**');
    expect(report).toContain('> 这一段在当前文本中已经不存在了，不存在了');
    expect(run('md').needsReview).toBe(1);
  });

  it('uses Chinese labels and 第N页 pages', () => {
    const md = run('md', 'zh').content;
    expect(md).toMatch(/^# Report Reader 阅读笔记\n\n导出于 2024-05-02 10:00 UTC · 共 4 条批注/);
    expect(md).toContain('## 中国服务贸易发展报告2020');
    expect(md).toMatch(/- 章节：?:? ?行业篇 › 保险服务 › 一、发展现状 · 第41页/);
    expect(md).toContain('- 颜色: 黄色');
    expect(md).toContain('### ⚠ 待核对');
    expect(md).toContain('[在 Report Reader 中打开]');
  });

  it('filters by document, colour and tag', () => {
    expect(run('md', 'en', { docId: 'paper' }).count).toBe(1);
    expect(run('md', 'en', { color: 'yellow' }).count).toBe(1);
    expect(run('md', 'en', { tag: 'growth' }).count).toBe(2);
    expect(run('md', 'en', { tag: 'growth', color: 'pink' }).count).toBe(1);
    expect(run('md', 'en', { tag: 'none' }).content).toContain('No annotations match.');
  });
});

describe('HTML export', () => {
  it('is a self-contained page with a CSP that allows only its own style', () => {
    const html = run('html').content;
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(HTML_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    const hash = `sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`;
    expect(HTML_CSP).toContain(`'${hash}'`);
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain(
      '<li>Section: <bdi>行业篇</bdi> › <bdi>保险服务</bdi> › <bdi>一、发展现状</bdi> · p. 41</li>',
    );
    expect(html).toContain('<article class="c-yellow">');
    expect(html).toContain('Needs review: this passage could not be found in the current text.');
  });

  it('has Chinese labels', () => {
    const html = run('html', 'zh').content;
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('第41页');
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM, one row per annotation, localised headers', () => {
    const csv = run('csv').content;
    expect(csv.startsWith('\uFEFF"id","document"')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual([
      'id',
      'document',
      'section',
      'page',
      'quote',
      'note',
      'colour',
      'tags',
      'type',
      'status',
      'created',
      'modified',
      'link',
    ]);
    const insurance = rows.find((r) => r[5] === 'Insurance grew **steadily**.');
    expect(insurance?.slice(2, 4)).toEqual(['行业篇 › 保险服务 › 一、发展现状', '41']);
    expect(rows.find((r) => r[5] === 'lost passage')?.[9]).toBe('needs review');
    expect(parseCsv(run('csv', 'zh').content.slice(1))[0]?.slice(0, 3)).toEqual(['编号', '文档', '章节']);
  });

  it.each([
    ['=1+1'],
    ['+1'],
    ['-1'],
    ['@SUM(A1)'],
    ['\t=1'],
    ['\r=1'],
    ['\n=1'],
    ['＝1+1'],
    ['＋1'],
    ['－1'],
    ['＠SUM(A1)'],
    [' =1+1'],
    ['\u200B=1+1'],
    ['\uFEFF+1'],
  ])('neutralises formula %j', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary text alone', () => {
    for (const cell of ['服务贸易', 'growth', '2020年', 'a=b', '', "'quoted"])
      expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('JSON export', () => {
  it('is a W3C collection that loads back', () => {
    const json = run('json').content;
    const { collection } = parseCollectionText(json);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.items).toHaveLength(4);
    const lost = collection.items.find((a) => a.body.some((b) => b.value === 'lost passage'));
    expect(lost?.['rr:status']).toBe('needs-review');
  });
});

describe('file names', () => {
  it('builds default names per format and language', () => {
    expect(run('md').fileName).toBe('Report Reader notes 2024-05-02.md');
    expect(run('csv', 'zh').fileName).toBe('阅读笔记 2024-05-02.csv');
    expect(run('html', 'zh', { docId: 'paper' }).fileName).toBe(
      '阅读笔记 – 我国服务贸易发展的伟大成就、最新挑战与未来方略 2024-05-02.html'.replace(
        '我国服务贸易发展的伟大成就、最新挑战与未来方略',
        bundleStore().document('paper')?.meta.title.zh ?? '',
      ),
    );
    expect(
      defaultExportFileName({ format: 'json', lang: 'en', date: NOW, docTitle: 'a/b:c*d?"e<f>g|h' }),
    ).toBe('Report Reader notes – a b c d e f g h 2024-05-02.json');
  });

  it.each([
    ['../../etc/passwd', '.md', 'etc passwd.md'],
    ['CON', '.md', '_CON.md'],
    ['nul.txt', '', '_nul.txt'],
    ['  .hidden. . ', '.csv', 'hidden.csv'],
    ['', '.md', 'annotations.md'],
    ['...', '.md', 'annotations.md'],
    ['note\u202Edm.exe', '.md', 'notedm.exe.md'],
    ['a\u0000b\u001Fc\u200Bd', '.html', 'a b cd.html'],
    ['notes.md', '.md', 'notes.md'],
    ['𠮷\uD800野家', '.md', '𠮷野家.md'],
  ])('sanitises %j', (name, ext, expected) => {
    expect(sanitizeFileName(name, ext)).toBe(expected);
  });

  it('stays within 200 UTF-8 bytes without splitting a character', () => {
    const name = sanitizeFileName('👨‍👩‍👧'.repeat(40) + '中'.repeat(100), '.md');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith('.md')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect(/^(?:👨‍👩‍👧)+\.md$/u.test(name)).toBe(true);
  });
});
