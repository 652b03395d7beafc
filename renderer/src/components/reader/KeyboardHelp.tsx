import { useEffect, useId, useRef } from 'react';
import type { MessageKey } from '../../i18n/index.js';
import { useLocale } from '../../state/preferences.js';
import { Icon } from '../Icon.js';

// The list of keyboard shortcuts, in a modal <dialog> (the browser traps focus and closes it on Esc).

const SHORTCUTS: ReadonlyArray<{ keys: string[][]; label: MessageKey }> = [
  { keys: [['PgDn'], ['PgUp'], ['Space']], label: 'help.scroll' },
  { keys: [['['], [']']], label: 'help.section' },
  { keys: [['Ctrl', 'F']], label: 'help.search' },
  { keys: [['F3'], ['Shift', 'F3']], label: 'help.match' },
  {
    keys: [
      ['Alt', '←'],
      ['Alt', '→'],
    ],
    label: 'help.history',
  },
  { keys: [['↑'], ['↓'], ['←'], ['→'], ['Enter']], label: 'help.toc' },
  { keys: [['Ctrl', 'Shift', 'H']], label: 'help.annotate' },
  { keys: [['Ctrl', 'Z']], label: 'help.undoDelete' },
  { keys: [['Esc']], label: 'help.close' },
  { keys: [['?']], label: 'help.help' },
];

export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const { t } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  return (
    <dialog ref={dialog} className="help-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="help-dialog__head">
        <h2 id={titleId}>{t('help.title')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('reader.close')}
          title={t('reader.close')}
          onClick={() => dialog.current?.close()}
        >
          <Icon name="close" />
        </button>
      </div>
      <dl className="shortcut-list">
        {SHORTCUTS.map(({ keys, label }) => (
          <div className="shortcut" key={label}>
            <dt>
              {keys.map((combo, i) => (
                <span className="shortcut__combo" key={combo.join('+')}>
                  {i > 0 && <span className="shortcut__or"> </span>}
                  {combo.map((key, j) => (
                    <span key={key}>
                      {j > 0 && '+'}
                      <kbd>{key === 'Ctrl' && mac ? '⌘' : key}</kbd>
                    </span>
                  ))}
                </span>
              ))}
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
