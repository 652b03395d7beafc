import type { LibraryEntry } from '../../../main/ipc/contract.js';
import { usePreferences } from '../state/preferences.js';
import { formatRoute } from '../state/router.js';
import { DocumentStats } from './DocumentStats.js';
import { Icon } from './Icon.js';
import { KindBadge } from './KindBadge.js';

// One text of the library: both titles always (the primary one in the UI language), what the text
// is, and how much it holds. The whole card opens the text (the title is the link).

export function DocumentCard({ entry, started }: { entry: LibraryEntry; started: boolean }) {
  const { t, locale } = usePreferences();
  const titleId = `doc-${entry.id}-title`;
  const uiLang = locale === 'en' ? 'en' : 'zh';
  const otherLang = uiLang === 'en' ? 'zh' : 'en';
  const htmlLang = { zh: 'zh-CN', en: 'en' } as const;
  return (
    <article className={`doc-card doc-card--${entry.kind}`} aria-labelledby={titleId} data-doc-id={entry.id}>
      <div className="doc-card__meta">
        <KindBadge kind={entry.kind} />
        <span className="doc-card__lang">{t(`doc.lang.${entry.lang}`)}</span>
      </div>
      <h2 className="doc-card__title" id={titleId} lang={htmlLang[uiLang]}>
        <a className="doc-card__link" href={formatRoute({ name: 'reader', docId: entry.id })}>
          {entry.title[uiLang]}
        </a>
      </h2>
      <p className="doc-card__subtitle" lang={htmlLang[otherLang]}>
        {entry.title[otherLang]}
      </p>
      <p className="doc-card__description">{entry.description[uiLang]}</p>
      <DocumentStats stats={entry.stats} />
      <p className="doc-card__action" aria-hidden="true">
        {started ? t('doc.continue') : t('doc.open')}
        <Icon name="forward" size={16} />
      </p>
    </article>
  );
}
