import type { LibraryEntry } from '../../../main/ipc/contract.js';
import { usePreferences } from '../state/preferences.js';

export function KindBadge({ kind }: { kind: LibraryEntry['kind'] }) {
  const { t } = usePreferences();
  return <span className={`kind-badge kind-badge--${kind}`}>{t(`kind.${kind}`)}</span>;
}
