import type { LibraryEntry } from '../../../main/ipc/contract.js';
import type { MessageKey } from '../i18n/index.js';
import { usePreferences } from '../state/preferences.js';

const STATS: ReadonlyArray<{ key: keyof LibraryEntry['stats']; label: MessageKey }> = [
  { key: 'sections', label: 'stats.sections' },
  { key: 'blocks', label: 'stats.blocks' },
  { key: 'datasets', label: 'stats.datasets' },
  { key: 'figures', label: 'stats.figures' },
];

export function DocumentStats({ stats }: { stats: LibraryEntry['stats'] }) {
  const { t, locale } = usePreferences();
  const format = new Intl.NumberFormat(locale);
  return (
    <dl className="doc-stats" aria-label={t('doc.stats')}>
      {STATS.map(({ key, label }) => (
        <div className={stats[key] === 0 ? 'doc-stat doc-stat--zero' : 'doc-stat'} key={key}>
          <dt>{t(label)}</dt>
          <dd>{format.format(stats[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
