import { useEffect, useId, useRef } from 'react';
import { DEFAULT_SETTINGS, FONT_FAMILIES, READING_LIMITS } from '../../../../main/settings/constants.js';
import { LOCALES } from '../../i18n/index.js';
import { usePreferences } from '../../state/preferences.js';
import { stepSetting, THEMES } from '../../state/preferences-store.js';
import { ChoiceGroup } from '../ChoiceGroup.js';

// Reading settings: text size, line spacing, line length, typeface, theme and interface language.
// Changes apply at once (CSS variables on <html>) and are saved by the main process.

interface SettingsPanelProps {
  onClose: (returnFocus: boolean) => void;
}

function Slider({
  label,
  value,
  display,
  limits,
  onChange,
}: {
  label: string;
  value: number;
  display: string;
  limits: { min: number; max: number; step: number };
  onChange: (value: number) => void;
}) {
  const id = useId();
  return (
    <div className="setting">
      <div className="setting__head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="setting__value">
          {display}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={limits.min}
        max={limits.max}
        step={limits.step}
        value={value}
        aria-valuetext={display}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      />
    </div>
  );
}

export function SettingsPanel({ onClose }: SettingsPanelProps) {
  const { t, settings, update, locale } = usePreferences();
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('button, input')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as HTMLElement;
      if (!panel.current?.contains(target) && !target.closest('[aria-controls="settings-panel"]'))
        onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [onClose]);

  const size = settings.fontSize;
  return (
    <div
      className="settings-panel"
      id="settings-panel"
      role="dialog"
      aria-labelledby={titleId}
      ref={panel}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose(true);
        }
      }}
    >
      <h2 className="settings-panel__title" id={titleId}>
        {t('settings.title')}
      </h2>

      <div className="setting">
        <div className="setting__head">
          <span id={`${titleId}-size`}>{t('settings.fontSize')}</span>
          <span className="setting__value">{t('settings.fontSize.value', { value: size })}</span>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a pair of buttons, labelled as one control. */}
        <div className="stepper" role="group" aria-labelledby={`${titleId}-size`}>
          <button
            type="button"
            className="stepper__button"
            aria-label={t('settings.smaller')}
            disabled={size <= READING_LIMITS.fontSize.min}
            onClick={() => update({ fontSize: stepSetting('fontSize', size, -1) })}
          >
            <span aria-hidden="true" className="stepper__glyph stepper__glyph--small">
              字
            </span>
          </button>
          <input
            type="range"
            aria-labelledby={`${titleId}-size`}
            aria-valuetext={t('settings.fontSize.value', { value: size })}
            min={READING_LIMITS.fontSize.min}
            max={READING_LIMITS.fontSize.max}
            step={READING_LIMITS.fontSize.step}
            value={size}
            onChange={(event) => update({ fontSize: Number(event.currentTarget.value) })}
          />
          <button
            type="button"
            className="stepper__button"
            aria-label={t('settings.larger')}
            disabled={size >= READING_LIMITS.fontSize.max}
            onClick={() => update({ fontSize: stepSetting('fontSize', size, 1) })}
          >
            <span aria-hidden="true" className="stepper__glyph stepper__glyph--large">
              字
            </span>
          </button>
        </div>
      </div>

      <Slider
        label={t('settings.lineHeight')}
        value={settings.lineHeight}
        display={settings.lineHeight.toFixed(1)}
        limits={READING_LIMITS.lineHeight}
        onChange={(lineHeight) => update({ lineHeight: Math.round(lineHeight * 10) / 10 })}
      />
      <Slider
        label={t('settings.textWidth')}
        value={settings.textWidth}
        display={t('settings.textWidth.value', { value: settings.textWidth })}
        limits={READING_LIMITS.textWidth}
        onChange={(textWidth) => update({ textWidth })}
      />

      <div className="setting">
        <span className="setting__label" id={`${titleId}-font`}>
          {t('settings.fontFamily')}
        </span>
        <ChoiceGroup
          legend={t('settings.fontFamily')}
          value={settings.fontFamily}
          onChange={(fontFamily) => update({ fontFamily })}
          choices={FONT_FAMILIES.map((value) => ({ value, label: t(`settings.font.${value}`) }))}
        />
      </div>
      <div className="setting">
        <span className="setting__label">{t('settings.theme')}</span>
        <ChoiceGroup
          legend={t('settings.theme')}
          value={settings.theme}
          onChange={(theme) => update({ theme })}
          choices={THEMES.map((value) => ({ value, label: t(`prefs.theme.${value}`) }))}
        />
      </div>
      <div className="setting">
        <span className="setting__label">{t('settings.language')}</span>
        <ChoiceGroup
          legend={t('settings.language')}
          value={locale}
          onChange={(uiLocale) => update({ uiLocale })}
          choices={LOCALES.map((value) => ({ value, label: t(`lang.${value}`), lang: value }))}
        />
      </div>

      <button
        type="button"
        className="text-button settings-panel__reset"
        onClick={() =>
          update({
            fontSize: DEFAULT_SETTINGS.fontSize,
            lineHeight: DEFAULT_SETTINGS.lineHeight,
            textWidth: DEFAULT_SETTINGS.textWidth,
            fontFamily: DEFAULT_SETTINGS.fontFamily,
          })
        }
      >
        {t('settings.reset')}
      </button>
    </div>
  );
}
