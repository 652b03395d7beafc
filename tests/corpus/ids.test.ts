import { describe, expect, it } from 'vitest';
import { parseReport } from '../../main/corpus/parse-report.js';
import { metaOf, sourceText } from './report-fixture.js';

const raw = sourceText('report');
const meta = metaOf('report');

describe('stable block ids', () => {
  it('gives the same ids when parsing twice', () => {
    const first = parseReport(raw, meta).document;
    const second = parseReport(raw, meta).document;
    expect(second.blocks.map((b) => b.id)).toEqual(first.blocks.map((b) => b.id));
    expect(JSON.stringify(second.sections)).toBe(JSON.stringify(first.sections));
  });

  it('gives every block and section a unique id', () => {
    const { blocks } = parseReport(raw, meta).document;
    const paragraphIds = blocks.filter((b) => b.type !== 'heading').map((b) => b.id);
    expect(new Set(paragraphIds).size).toBe(paragraphIds.length);
    const headingIds = blocks.filter((b) => b.type === 'heading').map((b) => b.id);
    expect(new Set(headingIds).size).toBe(headingIds.length);
  });

  it('changes only the edited paragraph id when one paragraph changes', () => {
    const target = '服务进口稳居全球第二。';
    expect(raw.includes(target)).toBe(true);
    const edited = raw.replace(target, '服务进口继续稳居全球第二。');
    const before = parseReport(raw, meta).document.blocks;
    const after = parseReport(edited, meta).document.blocks;
    expect(after).toHaveLength(before.length);
    const changed = before.filter((b, i) => b.id !== after[i]?.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.text.startsWith(target)).toBe(true);
  });

  it('keeps other ids when a paragraph is inserted', () => {
    const anchor = '服务进口稳居全球第二。';
    const edited = raw.replace(anchor, `新增的一段文字。\n\n${anchor}`);
    const before = new Set(parseReport(raw, meta).document.blocks.map((b) => b.id));
    const after = parseReport(edited, meta).document.blocks.map((b) => b.id);
    const added = after.filter((id) => !before.has(id));
    expect(added).toHaveLength(1);
    expect(after.length).toBe(before.size + 1);
  });
});
