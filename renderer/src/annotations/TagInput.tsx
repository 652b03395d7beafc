import { useId, useState } from 'react';
import { Icon } from '../components/Icon.js';
import { useLocale } from '../state/preferences.js';
import { addTags, splitTags } from './filter.js';

// Tags as chips: type a tag and press Enter or a comma (，、 too); Backspace in the empty box removes
// the last one; each chip has its own remove button. Tags already in use are suggested.

export function TagInput({
  tags,
  onChange,
  suggestions,
  label,
}: {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  suggestions: readonly string[];
  label: string;
}) {
  const { t } = useLocale();
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const listId = useId();
  const hintId = useId();

  const commit = (text: string) => {
    const added = splitTags(text);
    if (added.length > 0) onChange(addTags(tags, added));
    setDraft('');
  };

  return (
    <div className="tag-input">
      <label className="ann-field__label" htmlFor={inputId}>
        {label}
      </label>
      <div className="tag-input__box">
        {tags.length > 0 && (
          <ul className="tag-input__chips" aria-label={label}>
            {tags.map((tag) => (
              <li key={tag} className="tag-chip">
                <span className="tag-chip__text">{tag}</span>
                <button
                  type="button"
                  className="tag-chip__remove"
                  aria-label={t('ann.tags.remove', { tag })}
                  title={t('ann.tags.remove', { tag })}
                  onClick={() => onChange(tags.filter((x) => x !== tag))}
                >
                  <Icon name="close" size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={inputId}
          className="tag-input__field"
          type="text"
          value={draft}
          list={suggestions.length > 0 ? listId : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          aria-describedby={hintId}
          placeholder={tags.length === 0 ? t('ann.tags.placeholder') : ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (/[,，、]/u.test(value)) commit(value);
            else setDraft(value);
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text');
            if (/[,，、\n]/u.test(pasted)) {
              event.preventDefault();
              commit(draft + pasted);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
              if (draft.trim() !== '') {
                event.preventDefault();
                event.stopPropagation();
                commit(draft);
              }
            } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim() !== '') commit(draft);
          }}
        />
        {suggestions.length > 0 && (
          <datalist id={listId}>
            {suggestions
              .filter((s) => !tags.includes(s))
              .slice(0, 50)
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
        )}
      </div>
      <p className="ann-field__hint" id={hintId}>
        {t('ann.tags.hint')}
      </p>
    </div>
  );
}
