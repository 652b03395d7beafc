/// <reference path="../reader-api.d.ts" />
import { useEffect } from 'react';
import { jumpTo, openDocument } from '../state/navigation.js';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { annotations, dismissRecovery, loadAnnotations } from './state.js';

// Mounted once for the whole app: loads the annotations, follows report-reader:// links the system
// handed to the main process, and tells the user (once) when the annotations file had to be
// recovered.
//
// Deep links: the main process keeps the latest link and brings the window forward; the renderer
// asks for it (navigation:pending) at start and whenever the window gains focus or becomes visible
// — see main/deeplink/inbox.ts. No event channel from main is needed, so the preload keeps
// exposing named request methods only.

export function followPendingLink(): Promise<void> {
  return window.reader.pendingNavigation().then(
    (pending) => {
      if (pending === null) return;
      if (pending.blockId !== undefined) jumpTo({ docId: pending.docId, blockId: pending.blockId }, 'center');
      else openDocument(pending.docId);
    },
    (error: unknown) => console.warn('Could not read a pending link:', error),
  );
}

export function AnnotationsGlobal() {
  const { t, locale } = useLocale();
  const recovery = useStore(annotations, (s) => s.recovery);

  useEffect(() => {
    void loadAnnotations();
    void followPendingLink();
    const onFocus = () => void followPendingLink();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void followPendingLink();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  if (recovery === null) return null;
  return (
    <div className="store-notice ann-recovery" role="alert">
      <p>
        <strong>{t('ann.recovery.title')}</strong> {locale === 'en' ? recovery.en : recovery.zh}
      </p>
      <button type="button" className="text-button" onClick={dismissRecovery}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
