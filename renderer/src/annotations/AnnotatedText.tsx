import { memo, useMemo } from 'react';
import type { FootnoteRef } from '../../../main/corpus/types.js';
import { FootnoteMarker } from '../components/reader/FootnoteMarker.js';
import { useLocale } from '../state/preferences.js';
import { createStore, useStore } from '../state/store.js';
import type { Range } from '../text/segments.js';
import { type HighlightRange, segmentAnnotated } from './annotated-segments.js';
import { type HighlightColor, highlightClass } from './colors.js';
import { annotations } from './state.js';
import { codePointsToUtf16 } from './text-offsets.js';

// A block's text with the user's highlights drawn in it: each highlight is a <mark class="hl …">
// (colour tint plus an underline style of its own), the search matches are <mark class="hit-mark">
// inside them, and footnote markers stay buttons between them. Rendered by React like the rest of
// the text (never by editing the DOM behind React's back), inside one element marked
// [data-text-root] whose text nodes are exactly the block's text — what selection offsets count.
//
// A highlight is a button (it opens the annotation in the sidebar) whose note is shown on hover and
// focus by the annotation layer; only its first run takes a tab stop.

const NO_HIGHLIGHTS: readonly HighlightRange[] = Object.freeze([]);

/** The selection being annotated, drawn while the note editor has the focus (and the selection). */
export interface PendingHighlight {
  blockId: string;
  start: number;
  end: number;
  color: HighlightColor;
}
export const pendingHighlight = createStore<PendingHighlight | null>(null);

interface AnnotatedTextProps {
  blockId: string;
  text: string;
  marks?: readonly Range[] | undefined;
  refs?: readonly FootnoteRef[] | undefined;
  active?: boolean;
}

export const AnnotatedText = memo(function AnnotatedText({
  blockId,
  text,
  marks,
  refs,
  active = false,
}: AnnotatedTextProps) {
  const { t } = useLocale();
  const views = useStore(annotations, (s) => s.byBlock.get(blockId));
  const pending = useStore(pendingHighlight, (p) => (p?.blockId === blockId ? p : null));
  const highlights = useMemo(() => {
    if (views === undefined && pending === null) return NO_HIGHLIGHTS;
    const list: HighlightRange[] = (views ?? []).map((view) => ({
      id: view.id,
      start: codePointsToUtf16(text, view.start ?? 0),
      end: codePointsToUtf16(text, view.end ?? 0),
      color: view.color ?? 'yellow',
    }));
    if (pending !== null) list.push({ id: '', start: pending.start, end: pending.end, color: pending.color });
    return list;
  }, [views, pending, text]);

  const plain =
    highlights.length === 0 &&
    (marks === undefined || marks.length === 0) &&
    (refs === undefined || refs.length === 0);
  const hitClass = active ? 'hit-mark hit-mark--active' : 'hit-mark';
  return (
    <span className="block-text" data-text-root={blockId}>
      {plain
        ? text
        : segmentAnnotated(text, marks, refs, highlights).map((segment, i) => {
            // Segments never move within a block's text, so their position is a stable key.
            const key = i;
            if (segment.kind === 'footnote')
              return <FootnoteMarker key={key} marker={segment.marker} footnoteId={segment.footnoteId} />;
            if (segment.kind === 'text')
              return segment.piece.marked ? (
                <mark key={key} className={hitClass}>
                  {segment.piece.text}
                </mark>
              ) : (
                segment.piece.text
              );
            const top = segment.ids[segment.ids.length - 1] ?? '';
            const children = segment.pieces.map((piece, j) =>
              piece.marked ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces never reorder
                <mark key={j} className={hitClass}>
                  {piece.text}
                </mark>
              ) : (
                piece.text
              ),
            );
            if (top === '') {
              // The selection being annotated: drawn, not interactive.
              return (
                <mark key={key} className={`${highlightClass(segment.color)} hl--pending`}>
                  {children}
                </mark>
              );
            }
            const ids = segment.ids.filter((id) => id !== '');
            const focusable = segment.startsHere !== null && segment.startsHere !== '';
            return (
              <mark
                key={key}
                className={`${highlightClass(segment.color)}${ids.length > 1 ? ' hl--overlap' : ''}${focusable ? ' hl--start' : ''}`}
                data-annotation-id={focusable ? segment.startsHere : top}
                data-annotation-ids={ids.join(' ')}
                role={focusable ? 'button' : undefined}
                aria-roledescription={focusable ? t('ann.highlight.role') : undefined}
                tabIndex={focusable ? 0 : undefined}
              >
                {children}
              </mark>
            );
          })}
    </span>
  );
});
