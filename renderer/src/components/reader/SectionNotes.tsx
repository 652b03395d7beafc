import type { Block } from '../../../../main/corpus/types.js';
import { useReaderContext } from '../../reader/context.js';
import { jumpTo } from '../../state/navigation.js';
import { useLocale } from '../../state/preferences.js';
import type { Range } from '../../text/segments.js';
import { Icon } from '../Icon.js';
import { RichText } from './RichText.js';

// The footnotes of a section, collected after its text as the report prints them at the foot of
// the page. Each note links back to the passage that cites it. A note is a block like any other:
// its search matches are marked and it can be highlighted and annotated.

interface SectionNotesProps {
  footnotes: Block[];
  marks: ReadonlyMap<string, readonly Range[]>;
  activeBlockId: string | null;
}

export function SectionNotes({ footnotes, marks, activeBlockId }: SectionNotesProps) {
  const { model } = useReaderContext();
  const { t, locale } = useLocale();
  return (
    <div className="section-notes">
      <p className="section-notes__title" lang={locale}>
        {t('reader.notes')}
      </p>
      <ol className="section-notes__list">
        {footnotes.map((note) => (
          <li
            key={note.id}
            id={note.id}
            data-block-id={note.id}
            className="section-note"
            lang={note.lang === 'en' ? 'en' : undefined}
          >
            <span className="section-note__marker">{note.marker}</span>
            <span className="section-note__text">
              <RichText
                blockId={note.id}
                text={note.text}
                marks={marks.get(note.id)}
                active={note.id === activeBlockId}
              />
            </span>
            {note.refBlockId !== undefined && model.blocks.has(note.refBlockId) && (
              <button
                type="button"
                className="icon-button icon-button--small section-note__back"
                lang={locale}
                aria-label={t('reader.note.back')}
                title={t('reader.note.back')}
                onClick={() =>
                  note.refBlockId !== undefined &&
                  jumpTo({ docId: note.docId, blockId: note.refBlockId }, 'center')
                }
              >
                <Icon name="returnTo" size={16} />
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
