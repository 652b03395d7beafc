import { useEffect, useRef } from 'react';
import { Icon } from '../components/Icon.js';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { annotationUi, dismissToast, showToast, UNDO_MS, undoRemove } from './state.js';

// "Deleted · Undo" for UNDO_MS after a deletion (Ctrl/Cmd+Z undoes it too, unless the focus is in a
// text field, where it undoes typing), and short confirmations such as "Exported". The live region
// is always in the page so screen readers announce what appears in it.

const INFO_MS = 5000;

function isTextField(el: Element | null): boolean {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'range', 'submit'].includes(el.type)) ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

export function UndoToast() {
  const { t } = useLocale();
  const toast = useStore(annotationUi, (s) => s.toast);
  const undoButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (toast === null) return;
    const timer = setTimeout(() => dismissToast(toast.id), toast.kind === 'deleted' ? UNDO_MS : INFO_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => {
    if (toast?.kind !== 'deleted') return;
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'z') return;
      if (isTextField(document.activeElement)) return;
      event.preventDefault();
      undoRemove().catch((error: unknown) =>
        showToast(
          t('ann.error.undo', { message: error instanceof Error ? error.message : String(error) }),
          'error',
        ),
      );
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toast, t]);

  return (
    <div className="ann-toast-region" role="status" aria-live="polite">
      {toast !== null && (
        <div
          className={`ann-toast${toast.kind === 'info' && toast.tone === 'error' ? ' ann-toast--error' : ''}`}
        >
          {toast.kind === 'deleted' ? (
            <>
              <span className="ann-toast__text">
                {toast.view.kind === 'section' ? t('ann.toast.bookmarkDeleted') : t('ann.toast.deleted')}
              </span>
              <span className="ann-toast__sep" aria-hidden="true">
                ·
              </span>
              <button
                ref={undoButton}
                type="button"
                className="ann-toast__action"
                aria-keyshortcuts="Control+Z Meta+Z"
                title={t('ann.toast.undoShortcut')}
                onClick={() => {
                  undoRemove().catch((error: unknown) =>
                    showToast(
                      t('ann.error.undo', {
                        message: error instanceof Error ? error.message : String(error),
                      }),
                      'error',
                    ),
                  );
                }}
              >
                {t('ann.toast.undo')}
              </button>
            </>
          ) : (
            <span className="ann-toast__text">{toast.text}</span>
          )}
          <button
            type="button"
            className="ann-toast__close"
            aria-label={t('ann.toast.dismiss')}
            title={t('ann.toast.dismiss')}
            onClick={() => dismissToast(toast.id)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
    </div>
  );
}
