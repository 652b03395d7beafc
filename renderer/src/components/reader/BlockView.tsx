import { memo } from 'react';
import type { Block, SectionLevel } from '../../../../main/corpus/types.js';
import { useReaderContext } from '../../reader/context.js';
import { useLocale } from '../../state/preferences.js';
import type { Range } from '../../text/segments.js';
import { DataTable } from './DataTable.js';
import { FigureBox } from './FigureBox.js';
import { FootnoteMarker } from './FootnoteMarker.js';
import { RichText } from './RichText.js';

// One block of the text, by type. Every element that renders a block carries the block's id both
// as `id` and `data-block-id`: jumps, annotations and deep links find passages by it.

const HEADING_TAG: Record<SectionLevel, 'h1' | 'h2' | 'h3' | 'h4'> = {
  part: 'h1',
  chapter: 'h2',
  section: 'h3',
  subsection: 'h4',
};

interface BlockViewProps {
  block: Block;
  marks: readonly Range[] | undefined;
  /** This block holds the search hit being read. */
  active: boolean;
}

function langOf(block: Block): 'en' | undefined {
  return block.lang === 'en' ? 'en' : undefined;
}

function Heading({ block, marks, active }: BlockViewProps) {
  const { model } = useReaderContext();
  const { t, locale } = useLocale();
  const section = model.sections.get(block.sectionId)?.section;
  const level = block.level ?? section?.level ?? 'section';
  const Tag = HEADING_TAG[level];
  // The page printed in the report's contents (subsections have none; theirs would repeat it).
  const page = section?.page;
  return (
    <>
      <Tag
        id={block.id}
        data-block-id={block.id}
        data-section-id={block.sectionId}
        className={`heading heading--${level}${active ? ' is-hit' : ''}`}
        lang={langOf(block)}
      >
        <span className="heading__text">
          <RichText
            blockId={block.id}
            text={block.text}
            marks={marks}
            refs={block.footnoteRefs}
            active={active}
          />
          {section?.footnoteIds?.map((id) => {
            // Markers already placed in the heading's text are not repeated.
            if (block.footnoteRefs?.some((ref) => ref.footnoteId === id)) return null;
            const note = model.footnotes.get(id);
            return note ? <FootnoteMarker key={id} marker={note.marker ?? '*'} footnoteId={id} /> : null;
          })}
        </span>
        {page !== undefined && (
          <span className="heading__page" lang={locale}>
            {t('reader.page', { page })}
          </span>
        )}
      </Tag>
      {section?.role === 'unrelated-fragment' && (
        <p className="fragment-notice" lang={locale}>
          {t('reader.fragment')}
        </p>
      )}
    </>
  );
}

export const BlockView = memo(function BlockView(props: BlockViewProps) {
  const { block, marks, active } = props;
  const hit = active ? ' is-hit' : '';
  switch (block.type) {
    case 'heading':
      return <Heading {...props} />;
    case 'table':
      return <DataTable block={block} marks={marks} active={active} />;
    case 'figure':
      return <FigureBox block={block} marks={marks} active={active} />;
    case 'footnote':
      // Footnotes are shown among their section's notes, not in the flow of the text.
      return null;
    default: {
      const className = { paragraph: 'para', lead: 'lead', note: 'note-line', source: 'source-line' }[
        block.type
      ];
      return (
        <p id={block.id} data-block-id={block.id} className={`${className}${hit}`} lang={langOf(block)}>
          <RichText
            blockId={block.id}
            text={block.text}
            marks={marks}
            refs={block.footnoteRefs}
            active={active}
          />
        </p>
      );
    }
  }
});
