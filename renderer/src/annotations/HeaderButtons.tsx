import { useRef } from 'react';
import { Icon } from '../components/Icon.js';
import { currentSection } from '../reader/reading-state.js';
import type { DocModel } from '../state/doc-model.js';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { annotations, annotationUi, setPanelOpen, showToast, toggleBookmark } from './state.js';

// The reading view's header buttons for annotations: bookmark the section being read (pressed when
// it has a bookmark; pressing again removes it, with undo), and show or hide the annotations sidebar
// (with the number of annotations in this text).

export function AnnotationHeaderButtons({ model }: { model: DocModel | undefined }) {
  const { t } = useLocale();
  const docId = model?.payload.meta.id;
  const sectionId = useStore(currentSection);
  const section = sectionId !== null ? model?.sections.get(sectionId)?.section : undefined;
  const bookmarked = useStore(annotations, (s) => (sectionId !== null ? s.bookmarks.has(sectionId) : false));
  const readOnly = useStore(annotations, (s) => s.readOnly);
  const count = useStore(annotations, (s) => (docId ? s.items.filter((a) => a.docId === docId).length : 0));
  const panelOpen = useStore(annotationUi, (s) => s.panelOpen);
  const bookmarkLabel = bookmarked ? t('ann.bookmark.remove') : t('ann.bookmark.add');
  const toggling = useRef(false);

  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={bookmarkLabel}
        aria-pressed={bookmarked}
        title={section ? `${bookmarkLabel}：${section.title}` : bookmarkLabel}
        disabled={docId === undefined || section === undefined || readOnly}
        data-annotation-control="bookmark"
        onClick={() => {
          // A second click while the first is saved would act on a state about to change.
          if (docId === undefined || sectionId === null || toggling.current) return;
          toggling.current = true;
          toggleBookmark(docId, sectionId)
            .finally(() => {
              toggling.current = false;
            })
            .then(
              (result) => {
                if (result === 'added') showToast(t('ann.bookmark.added', { section: section?.title ?? '' }));
              },
              (error: unknown) =>
                showToast(
                  t('ann.error.bookmark', {
                    message: error instanceof Error ? error.message : String(error),
                  }),
                  'error',
                ),
            );
        }}
      >
        <Icon name={bookmarked ? 'bookmarkFilled' : 'bookmark'} />
      </button>
      <button
        type="button"
        className="icon-button ann-toggle"
        aria-label={t('ann.panel.toggle')}
        aria-expanded={panelOpen}
        aria-controls={panelOpen ? 'annotations-panel' : undefined}
        title={t('ann.panel.toggle')}
        onClick={() => setPanelOpen(!panelOpen)}
      >
        <Icon name="highlighter" />
        {count > 0 && (
          <span className="ann-toggle__count" aria-hidden="true">
            {count > 999 ? '999+' : count}
          </span>
        )}
      </button>
    </>
  );
}
