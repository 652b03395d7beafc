import { memo } from 'react';
import { useReaderContext } from '../../reader/context.js';
import { type Chunk, sectionTarget, type Unit } from '../../state/doc-model.js';
import { jumpTo } from '../../state/navigation.js';
import { useLocale } from '../../state/preferences.js';
import type { Range } from '../../text/segments.js';
import { Icon } from '../Icon.js';
import { BlockView } from './BlockView.js';
import { SectionNotes } from './SectionNotes.js';

// One chunk of the text (a part or chapter, or a piece of a long one). Memoised: scrolling, the
// table of contents and a search elsewhere never re-render it; new marks re-render only the
// chunks they fall in.

export const NO_MARKS: ReadonlyMap<string, readonly Range[]> = new Map();

interface ChunkViewProps {
  chunk: Chunk;
  marks: ReadonlyMap<string, readonly Range[]>;
  activeBlockId: string | null;
}

export const ChunkView = memo(function ChunkView({ chunk, marks, activeBlockId }: ChunkViewProps) {
  const { model } = useReaderContext();
  const unit = model.units[chunk.unitIndex];
  const role = unit ? model.sections.get(unit.sectionId)?.section.role : undefined;
  const first = model.chunks[chunk.index - 1]?.unitIndex !== chunk.unitIndex;
  return (
    <div
      className={`unit${role ? ` unit--${role}` : ''}${first ? ' unit--start' : ''}`}
      data-unit={chunk.unitIndex}
      data-chunk={chunk.index}
    >
      {chunk.items.map((item) =>
        item.kind === 'block' ? (
          <BlockView
            key={item.block.id}
            block={item.block}
            marks={marks.get(item.block.id)}
            active={item.block.id === activeBlockId}
          />
        ) : (
          <SectionNotes
            key={`notes-${item.sectionId}`}
            footnotes={item.footnotes}
            marks={marks}
            activeBlockId={activeBlockId}
          />
        ),
      )}
      {chunk.endsUnit && unit && !unit.isIntro && <UnitNav index={unit.index} />}
    </div>
  );
});

function UnitNav({ index }: { index: number }) {
  const { model } = useReaderContext();
  const { t, locale } = useLocale();
  const previous = model.units[index - 1];
  const next = model.units[index + 1];
  const titleLang = (unit: Unit) =>
    model.sections.get(unit.sectionId)?.section.lang === 'en' ? 'en' : 'zh-CN';
  const go = (unit: Unit) => {
    const blockId = sectionTarget(model, unit.sectionId) ?? unit.blocks[0]?.id;
    if (blockId) jumpTo({ docId: model.payload.meta.id, blockId });
  };
  return (
    <div className="unit-nav" lang={locale}>
      {previous ? (
        <button
          type="button"
          className="unit-nav__link unit-nav__link--previous"
          onClick={() => go(previous)}
        >
          <Icon name="back" size={18} />
          <span className="unit-nav__text">
            <span className="unit-nav__label">{t('reader.unit.previous')}</span>
            <span className="unit-nav__title" lang={titleLang(previous)}>
              {previous.title}
            </span>
          </span>
        </button>
      ) : (
        <span />
      )}
      {next ? (
        <button type="button" className="unit-nav__link unit-nav__link--next" onClick={() => go(next)}>
          <span className="unit-nav__text">
            <span className="unit-nav__label">{t('reader.unit.next')}</span>
            <span className="unit-nav__title" lang={titleLang(next)}>
              {next.title}
            </span>
          </span>
          <Icon name="forward" size={18} />
        </button>
      ) : (
        <p className="unit-nav__end">{t('reader.end')}</p>
      )}
    </div>
  );
}
