import { LOCALES } from '../i18n/index.js';
import { usePreferences } from '../state/preferences.js';
import { THEMES } from '../state/preferences-store.js';
import { ChoiceGroup } from './ChoiceGroup.js';
import { Logo } from './Logo.js';

export function AppHeader() {
  const { t, theme, setTheme, locale, setLocale } = usePreferences();
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="brand">
          <Logo size={36} />
          <div className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </div>
        </div>
        <section className="toolbar" aria-label={t('prefs.label')}>
          <ChoiceGroup
            legend={t('prefs.theme')}
            value={theme}
            onChange={setTheme}
            choices={THEMES.map((value) => ({ value, label: t(`prefs.theme.${value}`) }))}
          />
          <ChoiceGroup
            legend={t('prefs.language')}
            value={locale}
            onChange={setLocale}
            // Each language is named in itself, the convention users look for when lost.
            choices={LOCALES.map((value) => ({ value, label: t(`lang.${value}`), lang: value }))}
          />
        </section>
      </div>
    </header>
  );
}
