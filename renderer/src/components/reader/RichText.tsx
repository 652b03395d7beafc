import type { FootnoteRef } from '../../../../main/corpus/types.js';
import { AnnotatedText } from '../../annotations/AnnotatedText.js';
import { type Range, segmentText } from '../../text/segments.js';
import { FootnoteMarker } from './FootnoteMarker.js';

// A block's text with its search matches as <mark> and its footnote markers as buttons. Built from
// ranges into React nodes: the text is never parsed as HTML.

export function RichText({
  text,
  marks,
  refs,
  active = false,
  blockId,
}: {
  /** The block whose text this is: its annotations are drawn in it (renderer/src/annotations). */
  blockId?: string;
  text: string;
  marks?: readonly Range[] | undefined;
  refs?: readonly FootnoteRef[] | undefined;
  /** The matches of the search hit being read get a stronger highlight. */
  active?: boolean;
}) {
  if (blockId !== undefined)
    return <AnnotatedText blockId={blockId} text={text} marks={marks} refs={refs} active={active} />;
  if ((marks === undefined || marks.length === 0) && (refs === undefined || refs.length === 0)) return text;
  const segments = segmentText(text, marks, refs);
  return segments.map((segment, i) => {
    // Segments never move within a block's text, so their position is a stable key.
    const key = i;
    if (segment.kind === 'footnote') {
      return <FootnoteMarker key={key} marker={segment.marker} footnoteId={segment.footnoteId} />;
    }
    if (segment.marked) {
      return (
        <mark key={key} className={active ? 'hit-mark hit-mark--active' : 'hit-mark'}>
          {segment.text}
        </mark>
      );
    }
    return segment.text;
  });
}
