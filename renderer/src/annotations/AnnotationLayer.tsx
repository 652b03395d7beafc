import { type CSSProperties, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Icon } from '../components/Icon.js';
import type { DocModel } from '../state/doc-model.js';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { pendingHighlight } from './AnnotatedText.js';
import { Swatch } from './ColorPicker.js';
import { COLOR_INFO, type HighlightColor } from './colors.js';
import { inView, pane, placeNear } from './floating.js';
import { HighlightTip } from './HighlightTip.js';
import { NoteEditor } from './NoteEditor.js';
import { highlightElements } from './reveal.js';
import { currentTarget, type SelectionTarget } from './selection.js';
import { annotations, createHighlight, createHighlights, showToast } from './state.js';
import { UndoToast } from './UndoToast.js';

// Everything the annotations add on top of the text of the reading view:
//   - the floating toolbar next to a selection (after a mouse selection, on the reader's context
//     menu, or with Ctrl/Cmd+Shift+H after selecting with the keyboard): five colours, a note, copy;
//   - the note composer (colour, Markdown or plain note, tags) for a new annotation;
//   - the tip with the note on hover and focus of a highlight, and opening it in the sidebar on
//     click, Enter or Space;
//   - the "Deleted · Undo" toast.

let lastColor: HighlightColor = 'yellow';

interface Open {
  target: SelectionTarget;
  mode: 'toolbar' | 'composer';
  /** Opened from the keyboard: focus goes into it and, after, to the new highlight. */
  keyboard: boolean;
  /** Where the context menu was asked for. */
  at?: { x: number; y: number };
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function focusHighlightSoon(id: string): void {
  const started = performance.now();
  const tick = () => {
    const first = highlightElements(id).find((el) => el.tabIndex === 0);
    if (first) first.focus({ preventScroll: true });
    else if (performance.now() - started < 2000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export function AnnotationLayer({ model }: { model: DocModel }) {
  const { t, locale } = useLocale();
  const docId = model.payload.meta.id;
  const [open, setOpen] = useState<Open | null>(null);
  // What is open now, for a save that finishes later; and whether a save is under way (a second
  // click or a repeated key must not save the selection twice).
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  const saving = useRef(false);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  /** Where the open toolbar's selection (and context-menu point) is now, as the text scrolls. */
  const anchor = useRef<{ rect: SelectionTarget['rect']; at?: { x: number; y: number } } | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const readOnly = useStore(annotations, (s) => s.readOnly);
  const blockText = useCallback((blockId: string) => model.blocks.get(blockId)?.text, [model]);

  const close = useCallback((restoreFocus: boolean) => {
    setOpen(null);
    setPlace(null);
    pendingHighlight.set(null);
    if (restoreFocus) {
      const back = returnFocus.current;
      if (back?.isConnected) back.focus({ preventScroll: true });
      else pane()?.focus({ preventScroll: true });
    }
    returnFocus.current = null;
  }, []);

  const show = useCallback(
    (keyboard: boolean, at?: { x: number; y: number }) => {
      const target = currentTarget(pane(), blockText);
      if (target === null) return false;
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpen({ target, mode: 'toolbar', keyboard, ...(at ? { at } : {}) });
      return true;
    },
    [blockText],
  );

  // Selections made with the mouse, the context menu, and the keyboard shortcut.
  useEffect(() => {
    const onMouseUp = (event: MouseEvent) => {
      if (event.button !== 0 || box.current?.contains(event.target as Node)) return;
      if (!(event.target instanceof Node) || !pane()?.contains(event.target)) return;
      // After the browser has settled the selection (a double-click selects on mouseup).
      setTimeout(() => {
        if (!show(false)) setOpen((current) => (current?.mode === 'toolbar' ? null : current));
      }, 0);
    };
    const onContextMenu = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || !pane()?.contains(event.target)) return;
      if (show(false, { x: event.clientX, y: event.clientY })) event.preventDefault();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = isMac() ? event.metaKey : event.ctrlKey;
      if (mod && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'h') {
        event.preventDefault();
        if (!show(true)) showToast(t('ann.toolbar.noSelection'));
      }
    };
    document.addEventListener('mouseup', onMouseUp);
    document.addEventListener('contextmenu', onContextMenu);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('mouseup', onMouseUp);
      document.removeEventListener('contextmenu', onContextMenu);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [show, t]);

  // The toolbar goes away when the selection does, on a click elsewhere and on Esc (before the
  // reader's own Esc handling).
  useEffect(() => {
    if (open === null) return;
    const onSelectionChange = () => {
      if (open.mode !== 'toolbar' || box.current?.contains(document.activeElement)) return;
      const selection = window.getSelection();
      if (selection === null || selection.isCollapsed) close(false);
    };
    // The toolbar rides along with its selection (a late layout shift or a search jump must not
    // take it away from a keyboard user) and goes once the selection leaves the pane; focus
    // then returns to where it was.
    const onScroll = () => {
      if (open.mode !== 'toolbar') return;
      // Only where the first part is matters here: the blocks after it are not walked on every scroll.
      const target = currentTarget(pane(), blockText, 1);
      if (target === null || !inView(target.rect, pane()))
        return close(box.current?.contains(document.activeElement) ?? false);
      const size = box.current?.getBoundingClientRect();
      const before = anchor.current;
      if (!size || !before) return;
      // Where the context menu was asked for moves with the text.
      const at = before.at && {
        x: before.at.x + target.rect.left - before.rect.left,
        y: before.at.y + target.rect.top - before.rect.top,
      };
      anchor.current = { rect: target.rect, ...(at ? { at } : {}) };
      setPlace(placeNear(target.rect, size, at));
    };
    const onPointerDown = (event: PointerEvent) => {
      if (box.current?.contains(event.target as Node)) return;
      if (open.mode === 'toolbar') close(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      close(true);
    };
    const scroller = pane();
    document.addEventListener('selectionchange', onSelectionChange);
    scroller?.addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('selectionchange', onSelectionChange);
      scroller?.removeEventListener('scroll', onScroll);
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [open, close, blockText]);

  useLayoutEffect(() => {
    anchor.current = open && { rect: open.target.rect, ...(open.at ? { at: open.at } : {}) };
    if (open === null || box.current === null) return;
    const { width, height } = box.current.getBoundingClientRect();
    setPlace(placeNear(open.target.rect, { width, height }, open.at));
  }, [open]);

  // Keyboard: focus moves into the toolbar when it was asked for from the keyboard.
  const placed = place !== null;
  useEffect(() => {
    if (open?.mode === 'toolbar' && open.keyboard && placed)
      box.current?.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  }, [open, placed]);

  const create = async (
    color: HighlightColor,
    extra?: { note: string; noteFormat: 'text/markdown' | 'text/plain'; tags: string[] },
  ) => {
    if (open === null || saving.current) return;
    const { target, keyboard } = open;
    lastColor = color;
    saving.current = true;
    // A plain highlight covers every passage the selection runs through, one highlight each (an
    // annotation targets one block), saved together; a note goes on the first passage.
    const { blockId, start, end } = target;
    const view = await (extra || target.following.length === 0
      ? createHighlight({ docId, blockId, start, end, color, ...(extra ?? {}) })
      : createHighlights(docId, color, [target, ...target.following]).then((views) => views[0])
    ).finally(() => {
      saving.current = false;
    });
    // Leave alone what the user has done since (another selection, the note editor).
    if (openRef.current !== open) return;
    window.getSelection()?.removeAllRanges();
    close(false);
    if (view && (keyboard || extra)) focusHighlightSoon(view.id);
    const passages = target.following.length + 1;
    if (extra) {
      if (passages > 1) showToast(t('ann.toolbar.clipped'));
    } else if (target.beyond) showToast(t('ann.toolbar.capped', { count: passages }));
    else if (passages > 1) showToast(t('ann.toolbar.passages', { count: passages }));
  };

  const createOrReport = (color: HighlightColor) => {
    create(color).catch((error: unknown) => {
      close(true);
      showToast(
        t('ann.error.create', { message: error instanceof Error ? error.message : String(error) }),
        'error',
      );
    });
  };

  const copy = () => {
    if (open === null) return;
    const text = open.target.text;
    try {
      document.execCommand('copy');
    } catch {
      // Nothing more to do: the selection is still there to copy by hand.
    }
    close(true);
    showToast(t('ann.toolbar.copied', { count: Array.from(text).length }));
  };

  const style = (place ? { top: place.top, left: place.left } : { top: -9999, left: -9999 }) as CSSProperties;

  return (
    <>
      {open?.mode === 'toolbar' && (
        <div
          ref={box}
          className="hl-toolbar"
          role="toolbar"
          aria-label={t('ann.toolbar.label')}
          aria-orientation="horizontal"
          style={style}
          lang={locale}
          // Keep the selection: pressing a button must not collapse it.
          onMouseDown={(event) => event.preventDefault()}
          onKeyDown={(event) => {
            const buttons = [
              ...(box.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []),
            ];
            const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
            const move = (to: number) => {
              event.preventDefault();
              buttons[(to + buttons.length) % buttons.length]?.focus();
            };
            if (event.key === 'ArrowRight') move(at + 1);
            else if (event.key === 'ArrowLeft') move(at - 1);
            else if (event.key === 'Home') move(0);
            else if (event.key === 'End') move(buttons.length - 1);
            else if (/^[1-5]$/.test(event.key) && !readOnly) {
              event.preventDefault();
              createOrReport(COLOR_INFO[Number(event.key) - 1]?.color ?? 'yellow');
            }
          }}
        >
          {COLOR_INFO.map((info, i) => {
            const name = t(`ann.color.${info.color}`);
            const label = t('ann.toolbar.highlight', {
              color: name,
              underline: t(`ann.underline.${info.underline}`),
            });
            return (
              <button
                key={info.color}
                type="button"
                className="hl-toolbar__color"
                aria-label={label}
                title={`${label} (${info.digit})`}
                tabIndex={i === 0 ? 0 : -1}
                disabled={readOnly}
                data-color={info.color}
                onClick={() => createOrReport(info.color)}
              >
                <Swatch color={info.color} />
              </button>
            );
          })}
          <span className="hl-toolbar__divider" aria-hidden="true" />
          <button
            type="button"
            className="hl-toolbar__action"
            tabIndex={-1}
            disabled={readOnly}
            onClick={() => {
              // The composer opens where the selection is now (the text may have scrolled).
              setOpen((current) => {
                if (current === null) return current;
                const now = anchor.current;
                return {
                  ...current,
                  mode: 'composer',
                  target: { ...current.target, rect: now?.rect ?? current.target.rect },
                  ...(now?.at ? { at: now.at } : {}),
                };
              });
              pendingHighlight.set({
                blockId: open.target.blockId,
                start: open.target.start,
                end: open.target.end,
                color: lastColor,
              });
            }}
          >
            <Icon name="note" size={18} />
            <span>{t('ann.toolbar.note')}</span>
          </button>
          <button type="button" className="hl-toolbar__action" tabIndex={-1} onClick={copy}>
            <Icon name="copy" size={18} />
            <span>{t('ann.toolbar.copy')}</span>
          </button>
        </div>
      )}
      {open?.mode === 'composer' && (
        <div
          ref={box}
          className="hl-composer"
          role="dialog"
          aria-label={t('ann.composer.title')}
          style={style}
          lang={locale}
        >
          <p className="hl-composer__quote" lang={model.payload.meta.lang === 'en' ? 'en' : 'zh-CN'}>
            {open.target.text}
          </p>
          <NoteEditor
            initial={{ color: lastColor, note: '', noteFormat: 'text/markdown', tags: [] }}
            saveLabel={t('ann.composer.save')}
            onColorChange={(color) => pendingHighlight.set((p) => (p === null ? p : { ...p, color }))}
            onSave={async (values) => {
              await create(values.color, {
                note: values.note,
                noteFormat: values.noteFormat,
                tags: values.tags,
              });
            }}
            onCancel={() => close(true)}
          />
        </div>
      )}
      <HighlightTip />
      <UndoToast />
    </>
  );
}
