import { openFootnote } from '../../reader/reading-state.js';
import { useLocale } from '../../state/preferences.js';
import { useStore } from '../../state/store.js';

// A footnote marker as printed (¹, ②), raised, as a button that opens the note in place.

export function FootnoteMarker({ marker, footnoteId }: { marker: string; footnoteId: string }) {
  const { t, locale } = useLocale();
  const isOpen = useStore(openFootnote, (open) => open?.footnoteId === footnoteId);
  return (
    <sup className="fn-ref">
      <button
        type="button"
        className="fn-ref__button"
        data-footnote-id={footnoteId}
        lang={locale}
        aria-label={t('reader.footnote', { marker })}
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        onClick={(event) => {
          const anchor = event.currentTarget;
          openFootnote.set(isOpen ? null : { footnoteId, anchor });
        }}
      >
        {marker}
      </button>
    </sup>
  );
}
