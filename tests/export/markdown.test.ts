import { type Node, Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { type Annotation, emptyCollection, newAnnotation, textTarget } from '../../main/annotations/model.js';
import { exportAnnotations } from '../../main/export/index.js';
import { bundleStore, paragraphIn } from './helpers.js';

// The Markdown export as a CommonMark reader (Obsidian, Zotero, pandoc) sees it: each note stays
// inside its own annotation, shows what was typed, and lets no raw HTML through.

const NOW = new Date('2024-05-01T08:00:00.000Z');

function exportNotes(notes: { note: string; noteFormat?: 'text/markdown' | 'text/plain' }[]): string {
  const block = paragraphIn('保险服务');
  const items: Annotation[] = notes.map((n, i) =>
    newAnnotation({ target: textTarget(block, i * 2, i * 2 + 4), color: 'yellow', ...n }, NOW),
  );
  return exportAnnotations(bundleStore(), { ...emptyCollection(), items }, { format: 'md', lang: 'en' })
    .content;
}

/** Every node of the parsed document, with the types of the nodes around it. */
function nodes(markdown: string): { node: Node; inside: string[] }[] {
  const out: { node: Node; inside: string[] }[] = [];
  const walker = new Parser().parse(markdown).walker();
  const open: string[] = [];
  for (let event = walker.next(); event; event = walker.next()) {
    const { node, entering } = event;
    if (!entering) {
      open.pop();
      continue;
    }
    out.push({ node, inside: [...open] });
    if (node.isContainer) open.push(node.type);
  }
  return out;
}

/** The text of each paragraph as a reader shows it (line breaks as \n), with its containers. */
function paragraphs(markdown: string): { text: string; inside: string[] }[] {
  const out: { text: string; inside: string[] }[] = [];
  for (const { node, inside } of nodes(markdown)) {
    if (node.type !== 'paragraph') continue;
    let text = '';
    for (let child = node.firstChild; child; child = child.next)
      text += child.type === 'softbreak' || child.type === 'linebreak' ? '\n' : (child.literal ?? '');
    out.push({ text, inside });
  }
  return out;
}

const literals = (markdown: string, type: string) =>
  nodes(markdown)
    .filter(({ node }) => node.type === type)
    .map(({ node }) => node.literal);

describe('Markdown export read by CommonMark', () => {
  it('closes a code fence a note left open, so the annotations after it stay Markdown', () => {
    const md = exportNotes([{ note: '```js\nconst x = 1 < 2;' }, { note: 'second note, **bold**' }]);
    expect(literals(md, 'code_block')).toEqual(['const x = 1 < 2;\n']);
    expect(literals(md, 'text')).toContain('bold');
    // Both annotations' details are list items, not code.
    expect(literals(md, 'text').filter((t) => t === 'Colour: yellow')).toHaveLength(2);
  });

  it('keeps the annotations after a note whose fence is left open inside a list', () => {
    for (const note of [
      '- a\n  ```',
      '- a\n  ```\n<b>x</b>\n```',
      '> ```\n> <b>',
      '~~~~\n```\n',
      '    ```',
    ]) {
      const md = exportNotes([{ note }, { note: 'after, **bold**' }]);
      expect(literals(md, 'text'), note).toContain('bold');
      expect(
        literals(md, 'text').filter((t) => t === 'Colour: yellow'),
        note,
      ).toHaveLength(2);
      const links = nodes(md).filter(({ node }) => node.type === 'link');
      expect(links, note).toHaveLength(2);
    }
  });

  it('shows code as typed, with & and < left alone', () => {
    const md = exportNotes([{ note: 'use `a && b < c` and\n\n~~~\n<b>x</b> & y\n~~~' }]);
    expect(literals(md, 'code')).toEqual(['a && b < c']);
    expect(literals(md, 'code_block')).toEqual(['<b>x</b> & y\n']);
  });

  it('lets no raw HTML through, escaped backticks and all', () => {
    const md = exportNotes([
      { note: '<img src=x onerror=alert(1)> \\`<b>` <script>alert(1)</script>' },
      { note: '<div>\n<script>alert(1)</script>\n</div>' },
      { note: '``` `\n<b>not a fence</b>' },
      { note: '<b>plain</b>', noteFormat: 'text/plain' },
      // A code span over two lines, and raw HTML after it.
      { note: 'x `y\nz` <img src=x onerror=alert(1)> `w`' },
      // A fence in a list item, ended by a line that is not indented.
      { note: '- a\n  ```\n<img src=x onerror=alert(2)>\n```' },
      // A link alone; beside the next note's definition of [b], raw HTML (links hold no links).
      { note: '[a [b] c](<img src=x onerror=alert(3)>)' },
      { note: '[b]: /x' },
    ]);
    const html = nodes(md).filter(({ node }) => node.type === 'html_inline' || node.type === 'html_block');
    expect(html.map(({ node }) => node.literal)).toEqual([]);
    expect(md).toContain('onerror');
  });

  it('lets no raw HTML through when one note defines a link in a quote or a list', () => {
    for (const definition of ['> [e]: /y', '- [e]: /y', '1. [e]: /y']) {
      const md = exportNotes([{ note: 'see [d [e] f](<img src=x onerror=alert(4)>)' }, { note: definition }]);
      const html = nodes(md).filter(({ node }) => node.type === 'html_inline' || node.type === 'html_block');
      expect(
        html.map(({ node }) => node.literal),
        definition,
      ).toEqual([]);
    }
  });

  it('writes numbers at the start of a line without a stray backslash', () => {
    const md = exportNotes([{ note: '1. first point\n2) second', noteFormat: 'text/plain' }]);
    expect(paragraphs(md).map((p) => p.text)).toContain('1. first point\n2) second');
    expect(nodes(md).some(({ node }) => node.type === 'list' && node.listType === 'ordered')).toBe(false);
    // A quote that starts with a number, as some of the paper's paragraphs do.
    const numbered = bundleStore()
      .documents()
      .flatMap((d) => d.blocks)
      .find((b) => b.type === 'paragraph' && /^\d+\.\S/.test(b.text));
    if (!numbered) throw new Error('no paragraph starting with a number');
    const quoted = newAnnotation({ target: textTarget(numbered, 0, 8) }, NOW);
    const exported = exportAnnotations(
      bundleStore(),
      { ...emptyCollection(), items: [quoted] },
      { format: 'md', lang: 'en' },
    ).content;
    const quote = paragraphs(exported).find((p) => p.inside.includes('block_quote'));
    expect(quote?.text).toBe([...numbered.text].slice(0, 8).join(''));
  });
});
