import type { Block } from '../../../../main/corpus/types.js';
import { useLocale } from '../../state/preferences.js';
import type { Range } from '../../text/segments.js';
import { Icon } from '../Icon.js';
import { RichText } from './RichText.js';

// A figure of the report. The source text has only its caption, so instead of an empty chart the
// box says plainly that the chart and its data are not part of the text.

export function FigureBox({
  block,
  marks,
  active,
}: {
  block: Block;
  marks: readonly Range[] | undefined;
  active: boolean;
}) {
  const { t, locale } = useLocale();
  return (
    <figure className="figure-block" id={block.id} data-block-id={block.id}>
      <div className="figure-block__frame">
        <Icon name="figure" size={28} />
        <p className="figure-block__missing" lang={locale}>
          {t('reader.figure.noData')}
        </p>
      </div>
      <figcaption className="figure-block__caption">
        <RichText
          blockId={block.id}
          text={block.text}
          marks={marks}
          refs={block.footnoteRefs}
          active={active}
        />
      </figcaption>
    </figure>
  );
}
