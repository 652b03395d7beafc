import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { AnnotationLayer } from '../annotations/AnnotationLayer.js';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel.js';
import { setPanelOpen, useExclusivePanels } from '../annotations/state.js';
import { DocumentBody, type DocumentHandle } from '../components/reader/DocumentBody.js';
import { KeyboardHelp } from '../components/reader/KeyboardHelp.js';
import { ReaderHeader } from '../components/reader/ReaderHeader.js';
import { SettingsPanel } from '../components/reader/SettingsPanel.js';
import { TocTree } from '../components/reader/TocTree.js';
import { StoreNotices } from '../components/StoreNotices.js';
import { SearchPanel } from '../components/search/SearchPanel.js';
import { useDocumentSettings } from '../hooks/useDocumentSettings.js';
import { useLibrary } from '../hooks/useLibrary.js';
import { useMediaQuery } from '../hooks/useMediaQuery.js';
import { useReaderKeys } from '../hooks/useReaderKeys.js';
import { ReaderContext, type ReaderContextValue, type ReaderSlots } from '../reader/context.js';
import { closeFootnote, currentSection, openFootnote } from '../reader/reading-state.js';
import { openNextHit, search } from '../search/search.js';
import { type DocModel, sectionTarget } from '../state/doc-model.js';
import { loadDocument, loadedDocument } from '../state/documents.js';
import { type Align, goBack, goForward, jumpTo, navigation, registerReader } from '../state/navigation.js';
import { useLocale, usePreferences } from '../state/preferences.js';
import { reportPosition, savedPosition, savedPositionNow } from '../state/progress.js';
import { useStore } from '../state/store.js';
import type { Range } from '../text/segments.js';

// The reading view: header, table of contents, the text, and the search panel. Opens each text
// where the user left it (or where a jump asked for), remembers the position as they read.

const NARROW = '(max-width: 1099px)';
const TOC_KEY = 'report-reader.toc-open';
const NO_SLOTS: ReaderSlots = {};
const EMPTY_MARKS: ReadonlyMap<string, readonly Range[]> = new Map();

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; model: DocModel; start: { blockId: string | undefined; align: Align } };

function readTocPreference(): boolean {
  try {
    return localStorage.getItem(TOC_KEY) !== 'closed';
  } catch {
    return true;
  }
}

const Body = memo(DocumentBody);

function startOf(doc: DocModel, blockId: string | undefined, align: Align | undefined) {
  return {
    blockId: blockId !== undefined && doc.blocks.has(blockId) ? blockId : doc.firstBlockId,
    align: align ?? 'start',
  };
}

export function ReaderView({ docId, slots = NO_SLOTS }: { docId: string; slots?: ReaderSlots }) {
  const { t, locale } = useLocale();
  // The text waits for the user's settings (a few milliseconds at most): laid out in the default
  // size first, it would open at the wrong place.
  const { ready: settingsReady, settings } = usePreferences();
  const typography = useMemo(
    () => ({
      fontSize: settings.fontSize,
      lineHeight: settings.lineHeight,
      textWidth: settings.textWidth,
      fontFamily: settings.fontFamily,
    }),
    [settings.fontSize, settings.lineHeight, settings.textWidth, settings.fontFamily],
  );
  const library = useLibrary();
  const target = useStore(navigation, (s) => s.target);
  const initialTarget = useRef(target);
  const [attempt, setAttempt] = useState(0);
  // When the text and the saved position are already here (start-up fetched them), the first render shows the text.
  const [loaded, setLoaded] = useState<Loaded>(() => {
    const doc = loadedDocument(docId);
    const first = initialTarget.current;
    const saved = savedPositionNow(docId);
    if (doc === undefined || (first === null && !saved.known)) return { status: 'loading' };
    return {
      status: 'ready',
      model: doc,
      start: startOf(doc, first?.blockId ?? saved.blockId, first?.align),
    };
  });
  const handle = useRef<DocumentHandle>(null);

  const narrow = useMediaQuery(NARROW);
  const [tocWide, setTocWide] = useState(readTocPreference);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const tocOpen = narrow ? drawerOpen : tocWide;
  const [tocFocus, setTocFocus] = useState(0);
  // The contents are laid out just after the text's first frame: the text comes first.
  const [tocDeferred, setTocDeferred] = useState(true);
  useEffect(() => {
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setTocDeferred(false));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, []);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchOpen = useStore(search.store, (s) => s.open);
  const annotationsOpen = useExclusivePanels(searchOpen, search.close);
  const response = useStore(search.store, (s) => (s.open ? s.response : null));
  const active = useStore(search.store, (s) => s.active);

  const model = loaded.status === 'ready' ? loaded.model : undefined;
  const meta = library.status === 'ready' ? library.value.find((d) => d.id === docId) : undefined;
  // The text's own (Chinese) title names the reading pane; the bar shows it in the UI language.
  const titles = model?.payload.meta.title ?? meta?.title;
  const title = titles?.zh ?? '';
  const uiTitle = locale === 'en' ? (titles?.en ?? '') : title;
  useDocumentSettings(uiTitle || undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger for a retry.
  useEffect(() => {
    let live = true;
    const first = initialTarget.current;
    Promise.all([loadDocument(docId), first ? Promise.resolve(first.blockId) : savedPosition(docId)]).then(
      ([doc, saved]) => {
        if (!live) return;
        // Already showing this text (the first render had it): keep it, do not re-open.
        setLoaded((current) =>
          current.status === 'ready' && current.model === doc
            ? current
            : { status: 'ready', model: doc, start: startOf(doc, saved, first?.align) },
        );
      },
      (error: unknown) => {
        if (live)
          setLoaded({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [docId, attempt]);

  useEffect(() => {
    const unregister = registerReader({
      docId,
      scrollTo: (blockId, align) => {
        handle.current?.scrollTo(blockId, align);
      },
      position: () => {
        const blockId = handle.current?.position();
        return blockId ? { docId, blockId } : null;
      },
    });
    return () => {
      unregister();
      // Leaving this text: nothing of it is current or open any more.
      currentSection.set(null);
      openFootnote.set(null);
    };
  }, [docId]);

  // A later jump into this same text (a link from outside) once the text is shown.
  useEffect(() => {
    if (target === null || target === initialTarget.current || model === undefined) return;
    handle.current?.scrollTo(target.blockId, target.align);
  }, [target, model]);

  const onPosition = useCallback((blockId: string) => reportPosition(docId, blockId), [docId]);

  const marks = useMemo(() => {
    if (response === null) return EMPTY_MARKS;
    const map = new Map<string, readonly Range[]>();
    for (const hit of response.hits)
      if (hit.docId === docId && hit.marks.length > 0) map.set(hit.blockId, hit.marks);
    return map;
  }, [response, docId]);
  const activeHit = response?.hits[active];
  // The results list paints first; marking the matches in the text follows in the next render.
  const deferredMarks = useDeferredValue(marks);
  const activeBlockId = useDeferredValue(activeHit?.docId === docId ? activeHit.blockId : null);

  const context = useMemo<ReaderContextValue | null>(() => (model ? { model, slots } : null), [model, slots]);

  const toggleToc = () => {
    if (narrow) {
      setDrawerOpen((open) => !open);
      if (!drawerOpen) setTocFocus((n) => n + 1);
    } else {
      setTocWide((open) => {
        try {
          localStorage.setItem(TOC_KEY, open ? 'closed' : 'open');
        } catch {
          // The choice then lasts for this session.
        }
        return !open;
      });
    }
  };

  const closeSettings = useCallback((returnFocus: boolean) => {
    setSettingsOpen(false);
    if (returnFocus) document.querySelector<HTMLElement>('[aria-controls="settings-panel"]')?.focus();
  }, []);

  const focusText = () => handle.current?.element()?.focus({ preventScroll: true });

  useReaderKeys({
    search: () => search.open(),
    nextMatch: (direction) => openNextHit(direction),
    back: goBack,
    forward: goForward,
    section: (direction) => {
      if (model === undefined) return;
      const here = handle.current?.position();
      const unit = here ? (model.unitOfBlock.get(here) ?? 0) : 0;
      const to = model.units[unit + direction];
      const blockId = to ? (sectionTarget(model, to.sectionId) ?? to.blocks[0]?.id) : undefined;
      if (blockId) jumpTo({ docId, blockId });
    },
    page: (direction) => handle.current?.scrollByPage(direction),
    help: () => setHelpOpen(true),
    escape: () => {
      if (openFootnote.get() !== null) {
        closeFootnote(true);
        return true;
      }
      if (settingsOpen) {
        closeSettings(true);
        return true;
      }
      if (narrow && drawerOpen) {
        setDrawerOpen(false);
        return true;
      }
      if (searchOpen) {
        search.close();
        focusText();
        return true;
      }
      if (annotationsOpen) {
        setPanelOpen(false);
        focusText();
        return true;
      }
      return false;
    },
  });

  return (
    <div
      className="reader"
      data-toc={tocOpen ? 'open' : 'closed'}
      data-search={searchOpen ? 'open' : 'closed'}
      data-annotations={annotationsOpen ? 'open' : 'closed'}
      data-layout={narrow ? 'narrow' : 'wide'}
    >
      <ReaderHeader
        model={model}
        title={uiTitle}
        titleLang={locale === 'en' ? 'en' : 'zh-CN'}
        tocOpen={tocOpen}
        onToggleToc={toggleToc}
        searchOpen={searchOpen}
        onToggleSearch={() => (searchOpen ? search.close() : search.open())}
        settingsOpen={settingsOpen}
        onToggleSettings={() => setSettingsOpen((open) => !open)}
        onHelp={() => setHelpOpen(true)}
      />
      <StoreNotices />
      <div className="reader__body">
        {context && (
          <ReaderContext value={context}>
            {tocOpen && (
              <nav className="toc-pane" id="toc-pane" aria-label={t('reader.toc')}>
                {!tocDeferred && (
                  <TocTree
                    focusRequest={tocFocus}
                    onNavigate={
                      narrow
                        ? () => {
                            setDrawerOpen(false);
                            focusText();
                          }
                        : undefined
                    }
                  />
                )}
              </nav>
            )}
            {narrow && drawerOpen && (
              // biome-ignore lint/a11y/noStaticElementInteractions: a pointer convenience; Esc and the button close it too.
              // biome-ignore lint/a11y/useKeyWithClickEvents: see above
              <div className="scrim" onClick={() => setDrawerOpen(false)} />
            )}
            {loaded.status === 'ready' && settingsReady && (
              <Body
                ref={handle}
                model={loaded.model}
                startBlockId={loaded.start.blockId}
                startAlign={loaded.start.align}
                typography={typography}
                marks={deferredMarks}
                activeBlockId={activeBlockId}
                onPosition={onPosition}
                label={title}
              />
            )}
          </ReaderContext>
        )}
        {(loaded.status === 'loading' || (loaded.status === 'ready' && !settingsReady)) && (
          <main id="main" className="reading-pane reading-pane--status" tabIndex={-1}>
            <p role="status" className="reader-status">
              {t('reader.loading')}
            </p>
          </main>
        )}
        {loaded.status === 'error' && (
          <main id="main" className="reading-pane reading-pane--status" tabIndex={-1}>
            <div className="notice notice--error" role="alert">
              <h1 className="notice__title">{t('reader.error.title')}</h1>
              <p className="notice__detail">{loaded.message}</p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setLoaded({ status: 'loading' });
                  setAttempt((n) => n + 1);
                }}
              >
                {t('reader.error.retry')}
              </button>
            </div>
          </main>
        )}
        {searchOpen && (
          <SearchPanel
            documents={library.status === 'ready' ? library.value : []}
            onClose={() => {
              search.close();
              focusText();
            }}
          />
        )}
        {annotationsOpen && (
          <AnnotationsPanel
            docId={docId}
            documents={library.status === 'ready' ? library.value : []}
            onClose={() => {
              setPanelOpen(false);
              focusText();
            }}
          />
        )}
      </div>
      {model && <AnnotationLayer model={model} />}
      {settingsOpen && <SettingsPanel onClose={closeSettings} />}
      {helpOpen && <KeyboardHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
