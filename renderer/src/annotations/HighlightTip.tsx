import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { Swatch } from './ColorPicker.js';
import { colorInfo } from './colors.js';
import { pane } from './floating.js';
import { NoteText } from './NoteText.js';
import { annotations, openInPanel } from './state.js';

const TIP_ID = 'hl-tip';

/** The note of a highlight on hover and focus; click, Enter or Space open it in the sidebar. */
export function HighlightTip() {
  const { t, locale } = useLocale();
  const items = useStore(annotations, (s) => s.items);
  const [shown, setShown] = useState<{ ids: string[]; rect: DOMRect; via: 'hover' | 'focus' } | null>(null);
  const tip = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const shownRef = useRef(false);
  shownRef.current = shown !== null;

  useEffect(() => {
    const scroller = pane();
    if (scroller === null) return;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const markOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>('mark[data-annotation-id]') : null;
    const showFor = (mark: HTMLElement, via: 'hover' | 'focus') => {
      if (hideTimer !== undefined) clearTimeout(hideTimer);
      const ids = (mark.dataset.annotationIds ?? '').split(' ').filter(Boolean);
      setShown({ ids, rect: mark.getBoundingClientRect(), via });
    };
    const hideSoon = () => {
      if (hideTimer !== undefined) clearTimeout(hideTimer);
      hideTimer = setTimeout(() => setShown(null), 120);
    };
    const open = (mark: HTMLElement) => {
      const id = mark.dataset.annotationId;
      if (id) openInPanel(id);
    };
    const onOver = (event: MouseEvent) => {
      const mark = markOf(event.target);
      if (mark) showFor(mark, 'hover');
    };
    const onOut = (event: MouseEvent) => {
      const mark = markOf(event.target);
      if (mark && !mark.contains(event.relatedTarget as Node | null)) hideSoon();
    };
    const onFocusIn = (event: FocusEvent) => {
      const mark = markOf(event.target);
      if (mark === null) return;
      mark.setAttribute('aria-describedby', TIP_ID);
      showFor(mark, 'focus');
    };
    const onFocusOut = (event: FocusEvent) => {
      const mark = markOf(event.target);
      if (mark === null) return;
      mark.removeAttribute('aria-describedby');
      hideSoon();
    };
    const onClick = (event: MouseEvent) => {
      const mark = markOf(event.target);
      if (mark === null || (event.target as Element).closest('button')) return;
      // A drag that selected text is a selection, not a click on the highlight.
      const selection = window.getSelection();
      if (selection !== null && !selection.isCollapsed) return;
      open(mark);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const mark = markOf(event.target);
      if (mark === null || event.target !== mark) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open(mark);
      } else if (event.key === 'Escape' && shownRef.current) {
        event.preventDefault();
        event.stopPropagation();
        setShown(null);
      }
    };
    scroller.addEventListener('mouseover', onOver);
    scroller.addEventListener('mouseout', onOut);
    scroller.addEventListener('focusin', onFocusIn);
    scroller.addEventListener('focusout', onFocusOut);
    scroller.addEventListener('click', onClick);
    scroller.addEventListener('keydown', onKeyDown);
    const onScroll = () => setShown(null);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      if (hideTimer !== undefined) clearTimeout(hideTimer);
      scroller.removeEventListener('mouseover', onOver);
      scroller.removeEventListener('mouseout', onOut);
      scroller.removeEventListener('focusin', onFocusIn);
      scroller.removeEventListener('focusout', onFocusOut);
      scroller.removeEventListener('click', onClick);
      scroller.removeEventListener('keydown', onKeyDown);
      scroller.removeEventListener('scroll', onScroll);
    };
  }, []);

  useLayoutEffect(() => {
    if (shown === null || tip.current === null) {
      setPlace(null);
      return;
    }
    const { width, height } = tip.current.getBoundingClientRect();
    const r = shown.rect;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    let top = r.bottom + 8;
    if (top + height > window.innerHeight - 8) top = r.top - height - 8;
    setPlace({ top: Math.max(8, top), left });
  }, [shown]);

  const views = shown ? items.filter((a) => shown.ids.includes(a.id)) : [];
  return (
    <div
      ref={tip}
      id={TIP_ID}
      role="tooltip"
      className="hl-tip"
      hidden={shown === null || views.length === 0}
      lang={locale}
      style={place ? { top: place.top, left: place.left } : { top: -9999, left: -9999 }}
    >
      {views.map((view) => {
        const info = colorInfo(view.color);
        return (
          <div key={view.id} className="hl-tip__item">
            <p className="hl-tip__head">
              <Swatch color={info.color} />
              <span>
                {t('ann.color.described', {
                  color: t(`ann.color.${info.color}`),
                  underline: t(`ann.underline.${info.underline}`),
                })}
              </span>
            </p>
            {view.note !== '' ? (
              <div className="hl-tip__note">
                <NoteText
                  note={view.note.length > 600 ? `${view.note.slice(0, 600)}…` : view.note}
                  format={view.noteFormat}
                />
              </div>
            ) : (
              <p className="hl-tip__empty">{t('ann.tip.noNote')}</p>
            )}
            {view.tags.length > 0 && (
              <ul className="hl-tip__tags" aria-label={t('ann.tags.label')}>
                {view.tags.map((tag) => (
                  <li key={tag} className="tag-pill">
                    {tag}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      <p className="hl-tip__hint">{shown?.via === 'focus' ? t('ann.tip.keys') : t('ann.tip.click')}</p>
    </div>
  );
}
