import { AnnotationHeaderButtons } from '../../annotations/HeaderButtons.js';
import { openDataFromReader } from '../../data/links.js';
import { currentSection } from '../../reader/reading-state.js';
import type { DocModel } from '../../state/doc-model.js';
import { goBack, goForward, navigation, openLibrary } from '../../state/navigation.js';
import { useLocale } from '../../state/preferences.js';
import { useStore } from '../../state/store.js';
import { Icon } from '../Icon.js';

// The reading view's bar: back to the library, contents, the text's title with the section being
// read, history, search, reading settings and the shortcut list.

interface ReaderHeaderProps {
  model: DocModel | undefined;
  title: string;
  titleLang: string;
  tocOpen: boolean;
  onToggleToc: () => void;
  searchOpen: boolean;
  onToggleSearch: () => void;
  settingsOpen: boolean;
  onToggleSettings: () => void;
  onHelp: () => void;
}

function Breadcrumb({ model }: { model: DocModel }) {
  const { t } = useLocale();
  const current = useStore(currentSection);
  const path = (current ? model.sections.get(current)?.path : undefined) ?? [];
  return (
    <nav className="breadcrumb" aria-label={t('reader.breadcrumb')}>
      <ol>
        {path.map((section, i) => (
          <li key={section.id} lang={section.lang === 'en' ? 'en' : 'zh-CN'}>
            {i === path.length - 1 ? <span aria-current="location">{section.title}</span> : section.title}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function HeaderButton({
  icon,
  label,
  shortcut,
  onClick,
  pressed,
  expanded,
  controls,
  disabled,
  showLabel = false,
}: {
  icon: Parameters<typeof Icon>[0]['name'];
  label: string;
  shortcut?: string;
  onClick: () => void;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  disabled?: boolean;
  showLabel?: boolean;
}) {
  return (
    <button
      type="button"
      className={`icon-button${showLabel ? ' icon-button--labelled' : ''}`}
      aria-label={showLabel ? undefined : label}
      aria-pressed={pressed}
      aria-expanded={expanded}
      aria-controls={expanded === false ? undefined : controls}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut.replace('Control', 'Ctrl')})` : label}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} />
      {showLabel && <span>{label}</span>}
    </button>
  );
}

export function ReaderHeader(props: ReaderHeaderProps) {
  const { t } = useLocale();
  const canBack = useStore(navigation, (s) => s.back.length > 0);
  const canForward = useStore(navigation, (s) => s.forward.length > 0);
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <header className="reader-header">
      <div className="reader-header__start">
        <HeaderButton icon="back" label={t('reader.library')} onClick={openLibrary} showLabel />
        <HeaderButton
          icon="toc"
          label={props.tocOpen ? t('reader.toc.hide') : t('reader.toc.show')}
          expanded={props.tocOpen}
          controls="toc-pane"
          onClick={props.onToggleToc}
        />
      </div>
      <div className="reader-header__title">
        <p className="reader-header__doc" lang={props.titleLang}>
          {props.title}
        </p>
        {props.model && <Breadcrumb model={props.model} />}
      </div>
      <div className="reader-header__end">
        <HeaderButton
          icon="back"
          label={t('reader.history.back')}
          shortcut="Alt+ArrowLeft"
          disabled={!canBack}
          onClick={goBack}
        />
        <HeaderButton
          icon="forward"
          label={t('reader.history.forward')}
          shortcut="Alt+ArrowRight"
          disabled={!canForward}
          onClick={goForward}
        />
        <span className="reader-header__divider" aria-hidden="true" />
        {props.model !== undefined && props.model.datasets.size > 0 && (
          <HeaderButton
            icon="figure"
            label={t('data.open')}
            onClick={() => openDataFromReader([...(props.model?.datasets.keys() ?? [])])}
          />
        )}
        <HeaderButton
          icon="search"
          label={t('reader.search')}
          shortcut={mac ? 'Meta+F' : 'Control+F'}
          expanded={props.searchOpen}
          controls="search-panel"
          onClick={props.onToggleSearch}
        />
        <AnnotationHeaderButtons model={props.model} />
        <HeaderButton
          icon="settings"
          label={t('reader.settings')}
          expanded={props.settingsOpen}
          controls="settings-panel"
          onClick={props.onToggleSettings}
        />
        <HeaderButton icon="keyboard" label={t('reader.help')} shortcut="?" onClick={props.onHelp} />
      </div>
    </header>
  );
}
