import { describe, expect, it, vi } from 'vitest';
import { BundleStore } from '../../main/corpus/bundle-store.js';
import type { Bundle } from '../../main/corpus/types.js';
import { type DeepLinkApp, installDeepLinks } from '../../main/deeplink/electron-glue.js';
import { DeepLinkInbox, deepLinkInArgv } from '../../main/deeplink/inbox.js';

// The deep-link glue against a fake Electron `app` (the glue takes it as a parameter), and the
// inbox the renderer reads through navigation:pending.

const SECTION = 'report.s-0123456789';
const BLOCK = 'report.p-0123456789';
const OTHER = 'report.p-abcdefabcd';

function store(): BundleStore {
  const bundle: Bundle = {
    inputHash: 'x',
    documents: [
      {
        meta: {
          id: 'report',
          source: 'r.txt',
          kind: 'report',
          lang: 'zh',
          title: { zh: '报告', en: 'Report' },
          description: { zh: '', en: '' },
        },
        sections: [{ id: SECTION, title: '一、发展现状', level: 'section', children: [] }],
        blocks: [
          { id: BLOCK, docId: 'report', type: 'paragraph', text: '正文。', sectionId: SECTION },
          { id: OTHER, docId: 'report', type: 'paragraph', text: '又一段。', sectionId: SECTION },
        ],
        datasets: [],
        figures: [],
      },
    ],
  };
  return new BundleStore(bundle);
}

function fakeApp() {
  const listeners = new Map<string, (...args: never[]) => unknown>();
  const app: DeepLinkApp & { registered: unknown[][] } = {
    registered: [],
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      app.registered.push(args);
      return true;
    },
    on: (event: string, listener: (...args: never[]) => unknown) => {
      listeners.set(event, listener);
      return app;
    },
  } as DeepLinkApp & { registered: unknown[][] };
  const openUrl = (url: string) => {
    const event = { preventDefault: vi.fn() };
    (listeners.get('open-url') as (e: typeof event, u: string) => void)(event, url);
    return event;
  };
  return { app, openUrl };
}

function install(overrides: Partial<Parameters<typeof installDeepLinks>[0]> = {}) {
  const { app, openUrl } = fakeApp();
  const inbox = new DeepLinkInbox(() => store());
  const reveal = vi.fn();
  const glue = installDeepLinks({
    app,
    inbox,
    reveal,
    argv: ['/usr/bin/report-reader'],
    register: true,
    defaultApp: false,
    execPath: '/usr/bin/report-reader',
    ...overrides,
  });
  return { app, openUrl, inbox, reveal, glue };
}

describe('deepLinkInArgv', () => {
  it('finds the link among the arguments, whatever the scheme case', () => {
    expect(deepLinkInArgv(['app', '--flag', 'REPORT-READER://open?doc=report'])).toBe(
      'REPORT-READER://open?doc=report',
    );
    expect(deepLinkInArgv(['app', '.', '--no-sandbox'])).toBeUndefined();
    expect(deepLinkInArgv([])).toBeUndefined();
  });
});

describe('DeepLinkInbox', () => {
  it('hands out the latest valid link once, resolved against the bundle', () => {
    const inbox = new DeepLinkInbox(() => store());
    expect(inbox.take()).toBeNull();
    expect(inbox.receive(`report-reader://open?doc=report&block=${BLOCK}`).ok).toBe(true);
    expect(inbox.receive(`report-reader://open?doc=report&block=${OTHER}`).ok).toBe(true);
    expect(inbox.take()).toEqual({
      docId: 'report',
      blockId: OTHER,
      link: `report-reader://open?doc=report&block=${OTHER}`,
    });
    expect(inbox.take()).toBeNull();
  });

  it('resolves a section link to the first block of the section, and a document link to the document', () => {
    const inbox = new DeepLinkInbox(() => store());
    inbox.receive(`report-reader://open?doc=report&block=${SECTION}`);
    expect(inbox.take()).toMatchObject({ docId: 'report', blockId: BLOCK });
    inbox.receive('report-reader://open/?doc=report');
    expect(inbox.take()).toEqual({ docId: 'report', link: 'report-reader://open/?doc=report' });
  });

  it('drops malformed links and links to nothing, keeping a valid one that waits', () => {
    const log = vi.fn();
    const inbox = new DeepLinkInbox(() => store(), log);
    inbox.receive('report-reader://open?doc=report');
    for (const bad of [
      'https://example.org/',
      'report-reader://open?doc=report&block=report.p-0123456789&x=1',
      'report-reader://open?doc=report%2f..',
      'report-reader://evil?doc=report',
      'report-reader://open?doc=report&block=paper.p-0123456789',
      42,
    ])
      expect(inbox.receive(bad).ok).toBe(false);
    expect(log).toHaveBeenCalled();
    expect(inbox.take()).toMatchObject({ docId: 'report' });
    // Well-formed, but nothing has this id.
    inbox.receive('report-reader://open?doc=report&block=report.p-ffffffffff');
    expect(inbox.take()).toBeNull();
    inbox.receive('report-reader://open?doc=paper');
    expect(inbox.take()).toBeNull();
  });

  it('gives nothing while the bundle cannot be loaded', () => {
    const inbox = new DeepLinkInbox(() => {
      throw new Error('no bundle');
    });
    inbox.receive('report-reader://open?doc=report');
    expect(inbox.take()).toBeNull();
  });
});

describe('installDeepLinks', () => {
  it('registers the scheme (with the script path when run as `electron <script>`)', () => {
    expect(install().app.registered).toEqual([['report-reader']]);
    const dev = install({ defaultApp: true, argv: ['/usr/lib/electron', 'dist/main/main.js'] });
    expect(dev.app.registered).toEqual([
      ['report-reader', '/usr/bin/report-reader', [expect.stringMatching(/dist\/main\/main\.js$/)]],
    ]);
    expect(install({ register: false }).app.registered).toEqual([]);
  });

  it('macOS: takes open-url links, prevents the default handling and brings the window forward', () => {
    const { openUrl, inbox, reveal } = install();
    const event = openUrl(`report-reader://open?doc=report&block=${BLOCK}`);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(reveal).toHaveBeenCalledOnce();
    expect(inbox.take()).toMatchObject({ blockId: BLOCK });
    openUrl('report-reader://nope');
    expect(reveal).toHaveBeenCalledOnce();
    expect(inbox.take()).toBeNull();
  });

  it('Windows/Linux: the first instance finds its own link; a second instance passes its argv', () => {
    const { inbox, reveal, glue } = install({
      argv: ['/opt/rr', `report-reader://open?doc=report&block=${BLOCK}`],
    });
    expect(reveal).not.toHaveBeenCalled();
    expect(inbox.take()).toMatchObject({ blockId: BLOCK });
    glue.onSecondInstance(['/opt/rr', '--flag', `report-reader://open?doc=report&block=${OTHER}`]);
    expect(reveal).toHaveBeenCalledOnce();
    expect(inbox.take()).toMatchObject({ blockId: OTHER });
    glue.onSecondInstance(['/opt/rr']);
    glue.onSecondInstance(undefined as unknown as string[]);
    expect(reveal).toHaveBeenCalledOnce();
    expect(inbox.take()).toBeNull();
  });
});
