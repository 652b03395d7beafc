import { type RefObject, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useReaderContext } from '../../reader/context.js';
import { closeFootnote, openFootnote } from '../../reader/reading-state.js';
import { jumpTo } from '../../state/navigation.js';
import { useLocale } from '../../state/preferences.js';
import { useStore } from '../../state/store.js';
import { Icon } from '../Icon.js';

// The open footnote, in place under its marker. Focus moves into it; Esc or the close button
// closes it and puts focus back on the marker; a click elsewhere or moving focus away closes it.

const WIDTH = 400;
const MARGIN = 8;

export function FootnotePopover({ container }: { container: RefObject<HTMLElement | null> }) {
  const open = useStore(openFootnote);
  const { model } = useReaderContext();
  const { t, locale } = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [place, setPlace] = useState<{ top: number; left: number; width: number } | null>(null);
  const note = open ? model.footnotes.get(open.footnoteId) : undefined;

  useLayoutEffect(() => {
    const host = container.current;
    if (open === null || host === null) {
      setPlace(null);
      return;
    }
    const hostBox = host.getBoundingClientRect();
    const anchorBox = open.anchor.getBoundingClientRect();
    const width = Math.min(WIDTH, hostBox.width);
    const left = Math.min(Math.max(0, anchorBox.left - hostBox.left - 32), hostBox.width - width);
    setPlace({ top: anchorBox.bottom - hostBox.top + MARGIN, left, width });
  }, [open, container]);

  useEffect(() => {
    if (open !== null && place !== null) box.current?.focus({ preventScroll: true });
  }, [open, place]);

  useEffect(() => {
    if (open === null) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!box.current?.contains(target) && !open.anchor.contains(target)) closeFootnote(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  if (open === null || note === undefined) return null;
  return (
    <div
      ref={box}
      className="fn-popover"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      style={place ? { top: place.top, left: place.left, width: place.width } : { visibility: 'hidden' }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          closeFootnote(true);
        }
      }}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null;
        if (next !== null && !box.current?.contains(next) && next !== open.anchor) closeFootnote(false);
      }}
    >
      <div className="fn-popover__head">
        <p className="fn-popover__title" id={titleId} lang={locale}>
          {t('reader.footnote', { marker: note.marker ?? '' })}
        </p>
        <button
          type="button"
          className="icon-button icon-button--small"
          lang={locale}
          aria-label={t('reader.close')}
          title={t('reader.close')}
          onClick={() => closeFootnote(true)}
        >
          <Icon name="close" size={16} />
        </button>
      </div>
      <p className="fn-popover__text" lang={note.lang === 'en' ? 'en' : undefined}>
        {note.text}
      </p>
      <button
        type="button"
        className="text-button fn-popover__jump"
        lang={locale}
        onClick={() => {
          openFootnote.set(null);
          jumpTo({ docId: note.docId, blockId: note.id }, 'center');
        }}
      >
        {t('reader.footnote.goToNote')}
      </button>
    </div>
  );
}
