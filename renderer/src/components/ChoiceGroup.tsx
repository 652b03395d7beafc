import { useId } from 'react';

// A segmented control built from native radio buttons, so keyboard use (Tab into the group, arrow
// keys to choose) and screen-reader semantics come from the browser rather than from hand-made ARIA.

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** Language of the label when it differs from the page's (e.g. "English" on a Chinese page). */
  lang?: string;
}

interface ChoiceGroupProps<T extends string> {
  legend: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}

export function ChoiceGroup<T extends string>({ legend, choices, value, onChange }: ChoiceGroupProps<T>) {
  const name = useId();
  return (
    <fieldset className="choice-group">
      <legend className="visually-hidden">{legend}</legend>
      {choices.map((choice) => {
        const id = `${name}-${choice.value}`;
        return (
          <span className="choice" key={choice.value}>
            <input
              className="visually-hidden"
              type="radio"
              id={id}
              name={name}
              value={choice.value}
              checked={choice.value === value}
              onChange={() => onChange(choice.value)}
            />
            <label htmlFor={id} lang={choice.lang}>
              {choice.label}
            </label>
          </span>
        );
      })}
    </fieldset>
  );
}
