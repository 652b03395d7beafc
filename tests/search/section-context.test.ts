import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import { Glossary, readGlossary } from '../../main/search/glossary.js';
import { parseQuery } from '../../main/search/query.js';
import { SectionContext } from '../../main/search/section-context.js';
import { ROOT } from '../corpus/report-fixture.js';

const store = BundleStore.load(bundleDir(ROOT));
const context = new SectionContext(store);
// An empty glossary: only what was typed names sections.
const noGlossary = new Glossary({ version: 1, sources: {}, entries: [] });
const glossary = new Glossary(readGlossary(path.join(ROOT, 'assets', 'glossary', 'glossary.json')));

function titlePathsNamedBy(text: string, withGlossary = false): string[] {
  const unit = parseQuery(text, withGlossary ? glossary : noGlossary).units[0];
  if (!unit) throw new Error(`no unit in ${text}`);
  return [...context.namedSections(unit)].map((id) =>
    store
      .sectionPath(id)
      .map((s) => s.title)
      .join(' › '),
  );
}

describe('sections a query names', () => {
  it('names a section whose title starts with the query or is mostly the query', () => {
    expect(titlePathsNamedBy('保险服务')).toContain('行业篇 › 保险服务');
  });

  it('names a section whose path carries the distinctive words of the query', () => {
    // 金融业开放 is in no title, but 金融服务 › 二、开放进展 is what it is about.
    const named = titlePathsNamedBy('金融业开放');
    expect(named).toContain('行业篇 › 金融服务 › 二、开放进展');
    // The topmost section stands for its subsections, which are not listed again.
    expect(named.filter((p) => p.startsWith('行业篇 › 金融服务 › 二、开放进展 › '))).toEqual([]);
    // Other chapters' 开放进展 are not about finance.
    expect(named).not.toContain('行业篇 › 保险服务 › 二、开放进展');
  });

  it('names it by a glossary form of an English query too', () => {
    expect(titlePathsNamedBy('financial sector opening', true)).toContain('行业篇 › 金融服务 › 二、开放进展');
  });

  it('does not name sections by words that many titles share', () => {
    // 发展 and 贸易 are each in a fifth of all titles: many paths carry both.
    expect(titlePathsNamedBy('发展贸易')).toEqual([]);
  });

  it('needs two distinctive words on the path, not one', () => {
    // 保险 alone would name the whole 保险服务 chapter; 发展 is too common to count
    // (保险服务 › 一、发展现状 is not about 保险发展 more than the rest of the chapter).
    expect(titlePathsNamedBy('保险发展')).toEqual([]);
  });
});
