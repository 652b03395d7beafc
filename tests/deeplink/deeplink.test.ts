import { describe, expect, it } from 'vitest';
import { ensureFreshBundle } from '../../main/corpus/build-bundle.js';
import { BundleStore, bundleDir } from '../../main/corpus/bundle-store.js';
import {
  BLOCK_ID,
  buildDeepLink,
  DOC_ID,
  parseDeepLink,
  resolveDeepLink,
  SECTION_ID,
} from '../../main/deeplink/deeplink.js';
import { ROOT } from '../corpus/report-fixture.js';

const BLOCK = 'report.p-5c48b3df85';

describe('parseDeepLink', () => {
  it.each([
    [`report-reader://open?doc=report&block=${BLOCK}`, { docId: 'report', blockId: BLOCK }],
    [`report-reader://open?block=${BLOCK}&doc=report`, { docId: 'report', blockId: BLOCK }],
    ['report-reader://open?doc=news-daily-life', { docId: 'news-daily-life' }],
    [`report-reader://open/?doc=report&block=${BLOCK}`, { docId: 'report', blockId: BLOCK }],
    [`REPORT-READER://open?doc=report&block=${BLOCK}`, { docId: 'report', blockId: BLOCK }],
    [
      'report-reader://open?doc=report&block=report.s-10e7cda754',
      { docId: 'report', blockId: 'report.s-10e7cda754' },
    ],
  ])('accepts %s', (url, link) => {
    expect(parseDeepLink(url)).toEqual({ ok: true, link });
  });

  it.each([
    // Wrong scheme, host or shape
    [`javascript:alert(1)//report-reader://open?doc=report`],
    [`file:///etc/passwd`],
    [`https://open?doc=report`],
    [`report-reader:open?doc=report`],
    [`report-reader:///open?doc=report`],
    [`report-reader://OPEN?doc=report`],
    [`report-reader://evil.example/open?doc=report`],
    [`report-reader://open.evil?doc=report`],
    [`report-reader://open@evil?doc=report`],
    [`report-reader://user@open?doc=report`],
    [`report-reader://open:80?doc=report`],
    [`report-reader://open/x?doc=report`],
    [`report-reader://open//?doc=report`],
    [`report-reader://open\\?doc=report`],
    [`report-reader://open`],
    [`report-reader://open?`],
    [` report-reader://open?doc=report`],
    [`report-reader://open?doc=report `],
    // Query tricks
    [`report-reader://open?doc=report&doc=paper`],
    [`report-reader://open?doc=report&block=${BLOCK}&block=${BLOCK}`],
    [`report-reader://open?doc=report&x=1`],
    [`report-reader://open?doc=report&`],
    [`report-reader://open?&doc=report`],
    [`report-reader://open?doc`],
    [`report-reader://open?=report`],
    [`report-reader://open?doc=report#frag`],
    [`report-reader://open?doc=report;block=${BLOCK}`],
    [`report-reader://open?doc=report&block=${BLOCK}#x`],
    [`report-reader://open?doc=%72eport`],
    [`report-reader://open?doc=report%00`],
    [`report-reader://open?doc=report\u0000`],
    [`report-reader://open?doc=re\tport`],
    [`report-reader://open?doc=re\nport`],
    [`report-reader://open?doc=report\r\n&block=${BLOCK}`],
    [`report-reader://open?__proto__=x&doc=report`],
    [`report-reader://open?constructor=x&doc=report`],
    [`report-reader://open?DOC=report`],
    // Bad ids
    [`report-reader://open?doc=../../etc`],
    [`report-reader://open?doc=Report`],
    [`report-reader://open?doc=rерort`],
    [`report-reader://open?doc=-report`],
    [`report-reader://open?doc=report-`],
    [`report-reader://open?doc=news--x`],
    [`report-reader://open?doc=${'a'.repeat(65)}`],
    [`report-reader://open?doc=report&block=report.p-5C48B3DF85`],
    [`report-reader://open?doc=report&block=report.p-5c48b3df8`],
    [`report-reader://open?doc=report&block=report.p-5c48b3df851`],
    [`report-reader://open?doc=report&block=report.pp-5c48b3df85`],
    [`report-reader://open?doc=report&block=report.p-5c48b3df85#1`],
    [`report-reader://open?doc=report&block=paper.p-5c48b3df85`],
    [`report-reader://open?doc=report&block=../report.p-5c48b3df85`],
    [`report-reader://open?doc=report&block=`],
    [`report-reader://open?doc=report&block=<script>`],
    [`report-reader://open?doc=report&block=${'report.p-5c48b3df85'.repeat(40)}`],
  ])('rejects %j', (url) => {
    const parsed = parseDeepLink(url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
  });

  it.each([[undefined], [null], [42], [{}], [['report-reader://open?doc=report']]])(
    'rejects non-strings %j',
    (v) => {
      expect(parseDeepLink(v).ok).toBe(false);
    },
  );
});

describe('buildDeepLink', () => {
  it('builds links that parse back', () => {
    const url = buildDeepLink({ docId: 'report', blockId: BLOCK });
    expect(url).toBe(`report-reader://open?doc=report&block=${BLOCK}`);
    expect(parseDeepLink(url)).toEqual({ ok: true, link: { docId: 'report', blockId: BLOCK } });
    expect(buildDeepLink({ docId: 'paper' })).toBe('report-reader://open?doc=paper');
  });

  it('refuses ids that would not parse', () => {
    expect(() => buildDeepLink({ docId: 'report&block=x' })).toThrow(RangeError);
    expect(() => buildDeepLink({ docId: 'report', blockId: 'paper.p-5c48b3df85' })).toThrow(RangeError);
  });
});

describe('ids and resolution against the bundle', () => {
  ensureFreshBundle(ROOT);
  const store = BundleStore.load(bundleDir(ROOT));

  it('matches every real id', () => {
    for (const doc of store.documents()) {
      expect(doc.meta.id).toMatch(DOC_ID);
      for (const block of doc.blocks) {
        expect(block.id).toMatch(BLOCK_ID);
        expect(parseDeepLink(buildDeepLink({ docId: doc.meta.id, blockId: block.id })).ok).toBe(true);
      }
      const walk = (list: typeof doc.sections): void => {
        for (const s of list) {
          expect(s.id).toMatch(SECTION_ID);
          walk(s.children);
        }
      };
      walk(doc.sections);
    }
  });

  it('resolves documents, blocks and sections, and nothing else', () => {
    expect(resolveDeepLink(store, { docId: 'report' })).toEqual({ kind: 'document', docId: 'report' });
    expect(resolveDeepLink(store, { docId: 'report', blockId: BLOCK })).toMatchObject({
      kind: 'block',
      blockId: BLOCK,
    });
    const paperSection = store.document('paper')?.sections[0]?.id as string;
    expect(resolveDeepLink(store, { docId: 'paper', blockId: paperSection })).toEqual({
      kind: 'section',
      docId: 'paper',
      sectionId: paperSection,
    });
    expect(resolveDeepLink(store, { docId: 'nope' })).toBeUndefined();
    expect(resolveDeepLink(store, { docId: 'report', blockId: 'report.p-0000000000' })).toBeUndefined();
  });
});
