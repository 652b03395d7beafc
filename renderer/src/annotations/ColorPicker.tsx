import { useId } from 'react';
import { useLocale } from '../state/preferences.js';
import { COLOR_INFO, type HighlightColor } from './colors.js';

// The five colours as a radio group (arrow keys move between them). Each swatch shows the colour's
// tint and its underline style, and is named in words.

export function Swatch({ color }: { color: HighlightColor }) {
  const { locale } = useLocale();
  return (
    <span className={`swatch hl hl-${color}`} aria-hidden="true">
      {locale === 'en' ? 'Ab' : '文字'}
    </span>
  );
}

export function ColorPicker({
  value,
  onChange,
  legend,
}: {
  value: HighlightColor;
  onChange: (color: HighlightColor) => void;
  legend: string;
}) {
  const { t } = useLocale();
  const name = useId();
  return (
    <fieldset className="color-picker">
      <legend className="ann-field__label">{legend}</legend>
      <div className="color-picker__options">
        {COLOR_INFO.map((info) => {
          const label = t(`ann.color.${info.color}`);
          const full = t('ann.color.described', {
            color: label,
            underline: t(`ann.underline.${info.underline}`),
          });
          return (
            <label key={info.color} className="color-picker__option" title={full}>
              <input
                type="radio"
                className="visually-hidden"
                name={name}
                value={info.color}
                checked={value === info.color}
                aria-label={full}
                onChange={() => onChange(info.color)}
              />
              <Swatch color={info.color} />
              <span className="color-picker__name" aria-hidden="true">
                {label}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
